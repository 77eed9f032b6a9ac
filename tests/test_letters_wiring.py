"""Every update meant for a resident goes through ``resident_notify``: post for who wants letters.

For each kind of update a letter-preference resident gets a queued letter (no e-mail) in their language,
and the batch PDF at /brieven/ holds its text. A resident who uses e-mail still gets the e-mail.
"""

import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from droomhuis import services as dream_services
from parelketting.programme.services import activity_cancel, signup_cancel, signup_create
from parelketting.services import pearl_publish, pearl_reject, pearl_return
from tests.droomhuis import conftest as droomhuis_fixtures
from tests.factories import POSTAL_ADDRESS, ResidentFactory, wants_post
from tests.parelketting import conftest as parelketting_fixtures
from wijk.choices import ContactPreference
from wijk.models import Letter, LetterStatus

pytestmark = pytest.mark.django_db

# The apps' own fixtures, used here too: a pearl, a published activity and a dream made the way the app does.
make_pearl = parelketting_fixtures.make_pearl
make_activity = parelketting_fixtures.make_activity
make_dream = droomhuis_fixtures.make_dream


@pytest.fixture
def post_resident(world):
    """Ans in Zuidwijk (HW Wonen) wants letters in English; she still has an e-mail address."""
    return wants_post(world.residents.zuidwijk, language="en")


def _pdf_text(client, letter) -> str:
    response = client.post(reverse("wijk:letters_pdf"), {"letters": [str(letter.uid)]}, follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def _only_letter(resident, reason) -> Letter:
    letters = list(Letter.objects.filter(resident=resident, reason=reason))
    assert len(letters) == 1
    assert letters[0].status == LetterStatus.QUEUED
    return letters[0]


@pytest.mark.parametrize(
    ("moderate", "reason", "subject"),
    [
        (lambda p, by: pearl_publish(pearl=p, by=by), "parelketting.published", "Your pearl is on the map"),
        (
            lambda p, by: pearl_return(pearl=p, by=by, question="Waar is het precies?"),
            "parelketting.returned",
            "We have a question about your pearl",
        ),
        (
            lambda p, by: pearl_reject(pearl=p, by=by, reason="Dit is een eigen tuin."),
            "parelketting.rejected",
            "About your pearl",
        ),
    ],
)
def test_pearl_moderation_result_is_a_letter_in_english(
    world, post_resident, make_pearl, moderator_hw, django_capture_on_commit_callbacks, moderate, reason, subject
):
    pearl = make_pearl(status="submitted", submitter=post_resident)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderate(pearl, world.users.moderator_hw)
    assert mail.outbox == []
    letter = _only_letter(post_resident, reason)
    assert letter.subject == subject and letter.language == "en"
    assert letter.organisation == world.hw and letter.created_by == world.users.moderator_hw
    assert "Bankje bij de vijver" in letter.body
    # The letter page adds one greeting and one closing; the body has neither, and no link to click.
    assert "Dear neighbour," not in letter.body and "http" not in letter.body
    text = _pdf_text(moderator_hw, letter)
    assert subject in text and "Spui 12" in text and "Bankje bij de vijver" in text
    assert text.count("Dear neighbour,") == 1 and text.count("Kind regards") == 1


def test_pearl_moderation_still_mails_an_email_resident(world, make_pearl, django_capture_on_commit_callbacks):
    pearl = make_pearl(status="submitted")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pearl_publish(pearl=pearl, by=world.users.moderator_hw)
    assert [m.to for m in mail.outbox] == [["bewoner@zuidwijk.test"]]
    assert mail.outbox[0].subject == "Uw parel staat op de kaart"
    assert not Letter.objects.exists()


def test_dutch_letter_resident_gets_dutch_text(world, make_pearl, django_capture_on_commit_callbacks):
    resident = wants_post(world.residents.zuidwijk, language="nl")
    pearl = make_pearl(status="submitted", submitter=resident)
    with django_capture_on_commit_callbacks(execute=True):
        pearl_publish(pearl=pearl, by=world.users.moderator_hw)
    letter = _only_letter(resident, "parelketting.published")
    assert letter.subject == "Uw parel staat op de kaart" and letter.language == "nl"
    assert "Bankje bij de vijver" in letter.body and "Beste buur," not in letter.body


def test_signup_confirmation_is_a_letter(
    world, post_resident, make_activity, moderator_hw, django_capture_on_commit_callbacks
):
    activity = make_activity(title="Samen breien", capacity=5)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=post_resident)
    assert mail.outbox == []
    letter = _only_letter(post_resident, "parelketting.signup_confirmed")
    assert letter.subject == "You are signed up: Samen breien"
    text = _pdf_text(moderator_hw, letter)
    assert "You are signed up: Samen breien" in text and "Spui 12" in text


def test_waiting_list_and_promotion_are_letters(
    world, post_resident, make_activity, moderator_hw, django_capture_on_commit_callbacks
):
    activity = make_activity(title="Samen koken", capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = ResidentFactory(neighbourhood=world.zuidwijk, first_name="Buur", email="buur@zuidwijk.test")
        first = signup_create(activity=activity, resident=neighbour)
        signup_create(activity=activity, resident=post_resident)
    waiting = _only_letter(post_resident, "parelketting.signup_waiting")
    assert waiting.subject == "You are on the waiting list: Samen koken"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signup_cancel(signup=first)
    assert mail.outbox == []
    promoted = _only_letter(post_resident, "parelketting.signup_promoted")
    assert promoted.subject == "There is a place for you: Samen koken"
    assert "There is a place for you: Samen koken" in _pdf_text(moderator_hw, promoted)


def test_cancelled_activity_is_a_letter_for_one_and_an_email_for_another(
    world, post_resident, make_activity, moderator_hw, django_capture_on_commit_callbacks
):
    activity = make_activity(title="Samen wandelen", capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=post_resident)
        neighbour = ResidentFactory(neighbourhood=world.zuidwijk, first_name="Buur", email="buur@zuidwijk.test")
        signup_create(activity=activity, resident=neighbour)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        activity_cancel(activity=activity, by=world.users.moderator_hw)
    assert [m.to for m in mail.outbox] == [["buur@zuidwijk.test"]]
    assert mail.outbox[0].subject == "Gaat niet door: Samen wandelen"
    letter = _only_letter(post_resident, "parelketting.activity_cancelled")
    assert letter.subject == "Cancelled: Samen wandelen"
    assert "Cancelled: Samen wandelen" in _pdf_text(moderator_hw, letter)


def test_dream_thanks_and_broker_news_are_letters_without_the_message(
    world, make_dream, broker_bw, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dream = make_dream(
            contact_preference=ContactPreference.LETTER, postal_address=POSTAL_ADDRESS, first_name="Mira"
        )
    assert mail.outbox == []
    resident = dream.resident
    thanks = _only_letter(resident, "droomhuis.received")
    assert thanks.subject == "Uw droom is aangekomen" and thanks.organisation == world.bw
    assert dream.reference_display in thanks.body
    assert "Uw droom is aangekomen" in _pdf_text(broker_bw, thanks)

    resident.language = "en"
    resident.save()
    with django_capture_on_commit_callbacks(execute=True):
        dream_services.resident_update_post(dream=dream, author=world.users.broker_bw, body="Geheim: zorgen om schuld.")
    assert mail.outbox == []
    news = _only_letter(resident, "droomhuis.news")
    assert news.subject == "News about your dream" and news.language == "en"
    assert "Geheim" not in news.body and "schuld" not in news.body
    text = _pdf_text(broker_bw, news)
    assert "News about your dream" in text and "Spui 12" in text and "schuld" not in text


def test_broker_news_needs_contact_consent(world, make_dream, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dream = make_dream(
            consent_contact=False, contact_preference=ContactPreference.LETTER, postal_address=POSTAL_ADDRESS
        )
        dream_services.resident_update_post(dream=dream, author=world.users.broker_bw, body="Ik bel u.")
    assert not Letter.objects.exists() and mail.outbox == []


def test_broker_news_still_mails_an_email_resident(world, make_dream, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dream = make_dream(contact_preference=ContactPreference.EMAIL, email="mira@hagedoorn.test")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dream_services.resident_update_post(dream=dream, author=world.users.broker_bw, body="Ik bel u dinsdag.")
    assert [m.to for m in mail.outbox] == [["mira@hagedoorn.test"]]
    assert mail.outbox[0].subject == "Nieuws over uw droom" and "dinsdag" not in mail.outbox[0].body
    assert not Letter.objects.exists()


def test_a_broker_of_another_corporation_cannot_print_the_letter(
    world, post_resident, make_pearl, broker_bw, django_capture_on_commit_callbacks
):
    pearl = make_pearl(status="submitted", submitter=post_resident)
    with django_capture_on_commit_callbacks(execute=True):
        pearl_publish(pearl=pearl, by=world.users.moderator_hw)
    letter = _only_letter(post_resident, "parelketting.published")
    response = broker_bw.post(reverse("wijk:letters_pdf"), {"letters": [str(letter.uid)]})
    assert response.status_code == 302 and response["Content-Type"] != "application/pdf"


def test_a_dream_sent_in_english_gets_an_english_thank_you_letter(
    world, make_dream, broker_bw, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        dream = make_dream(contact_preference=ContactPreference.LETTER, postal_address=POSTAL_ADDRESS)
    assert dream.resident.language == "en"
    thanks = _only_letter(dream.resident, "droomhuis.received")
    assert thanks.subject == "Your dream has arrived" and thanks.language == "en"
    assert "Your dream has arrived" in _pdf_text(broker_bw, thanks)


def test_a_dream_entered_by_a_broker_keeps_the_default_language(world, make_dream):
    with translation.override("en"):
        dream = make_dream(channel="phone", recorded_by=world.users.broker_bw)
    assert dream.resident.language == "nl"
