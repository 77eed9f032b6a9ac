"""A pearl without an account: the form, the follow code, the follow page, withdrawing, the guess limit,
the receipt e-mail, taking the pearls over with an account, and what the moderator sees."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from parelketting.choices import PearlStatus
from parelketting.models import Pearl
from parelketting.services import pearl_publish, pearl_reject, pearl_submit_anonymous, pearls_claim
from wijk.choices import DataCategory, Purpose
from wijk.services import consent_check

from .conftest import jpeg_bytes, upload

pytestmark = pytest.mark.django_db

NEW = reverse("parelketting:new")


def _data(world, **extra):
    data = {
        "neighbourhood": world.zuidwijk.pk,
        "kind": "place",
        "title": "Het bankje bij de vijver",
        "story": "Hier zit ik graag.",
        "street": "Spui",
        "location_description": "",
        "lat": "",
        "lng": "",
        "photo_description": "",
        "contact_preference": "",
        "email": "",
        "phone": "",
    }
    data.update(extra)
    return data


@pytest.fixture(autouse=True)
def _phone(world):
    world.hw.phone = "0186 000 000"
    world.hw.save()


def _follow(pearl):
    return reverse("parelketting:follow", kwargs={"code": pearl.follow_code})


def test_anonymous_visitor_first_chooses_the_neighbourhood_then_gets_the_form(anonymous, world):
    html = anonymous.get(NEW).content.decode()
    assert "In welke wijk woont u?" in html and 'name="title"' not in html
    form = anonymous.get(NEW, {"neighbourhood": world.zuidwijk.pk}).content.decode()
    assert 'name="title"' in form and 'name="contact_preference"' in form
    assert "Nee, ik hoef niets terug te horen" in form
    assert 'name="show_first_name"' not in form  # no name is asked, so none can be shown
    by_slug = anonymous.get(NEW, {"wijk": "zuidwijk"}).content.decode()
    assert 'name="title"' in by_slug and f'name="neighbourhood" value="{world.zuidwijk.pk}"' in by_slug


def test_anonymous_pearl_waits_for_moderation_with_a_follow_code(anonymous, world):
    response = anonymous.post(NEW, _data(world))
    pearl = Pearl.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("parelketting:thanks", kwargs={"code": pearl.follow_code})
    assert pearl.status == PearlStatus.SUBMITTED and pearl.neighbourhood == world.zuidwijk
    assert pearl.submitter.user is None and not pearl.submitter.email and not pearl.submitter.phone
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{10}", pearl.follow_code)
    thanks = anonymous.get(response["Location"]).content.decode()
    assert pearl.follow_code_display in thanks and "U wilde niets van ons horen" in thanks
    assert mail.outbox == []  # nothing to send to
    assert anonymous.get(pearl.get_absolute_url()).status_code == 404  # not public before a moderator


def test_the_thank_you_page_is_only_for_the_browser_that_sent_it(anonymous, world):
    pearl = pearl_submit_anonymous(neighbourhood=world.zuidwijk, kind="place", title="A", story="B", street="Spui")
    response = Client().get(reverse("parelketting:thanks", kwargs={"code": pearl.follow_code}))
    assert response.status_code == 302 and response["Location"] == _follow(pearl)


def test_email_gets_a_receipt_with_the_follow_link(anonymous, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(NEW, _data(world, contact_preference="email", email="buur@example.nl"))
    pearl = Pearl.objects.get()
    assert pearl.submitter.email == "buur@example.nl" and pearl.submitter.contact_preference == "email"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["buur@example.nl"] and message.subject == "Wij hebben uw parel ontvangen"
    assert pearl.follow_code_display in message.body and _follow(pearl) in message.body


def test_phone_is_kept_and_no_mail_is_sent(anonymous, world):
    anonymous.post(NEW, _data(world, contact_preference="phone", phone="0186 123 456"))
    pearl = Pearl.objects.get()
    assert pearl.submitter.phone == "0186 123 456" and pearl.submitter.contact_preference == "phone"
    assert mail.outbox == []


def test_the_thank_you_page_says_how_we_reach_the_sender_in_their_chosen_way(anonymous, world):
    response = anonymous.post(NEW, _data(world, contact_preference="phone", phone="0186 123 456"))
    thanks = anonymous.get(response["Location"]).content.decode()
    assert "Wij bellen u op" in thanks and "0186 123 456" in thanks
    assert "Hebben wij een vraag?" not in thanks and "U wilde niets van ons horen" not in thanks
    response = anonymous.post(NEW, _data(world, title="Nog een", contact_preference="email", email="a@b.nl"))
    thanks = anonymous.get(response["Location"]).content.decode()
    assert "Wij mailen u wat wij besluiten, naar a@b.nl" in thanks and "Wij bellen u" not in thanks


@pytest.mark.parametrize(
    ("extra", "field", "text"),
    [
        ({"contact_preference": "email"}, "email", "Vul uw e-mailadres in"),
        ({"contact_preference": "phone"}, "phone", "Vul uw telefoonnummer in"),
        ({"phone": "0186 123 456"}, "phone", "U vulde een telefoonnummer in. Mogen wij u bellen?"),
        ({"contact_preference": "email", "email": "a@b.nl", "phone": "0186 123 456"}, "phone", "U vulde ook"),
        ({"contact_preference": "phone", "phone": "0186 123 456", "email": "a@b.nl"}, "email", "U vulde ook"),
    ],
)
def test_a_detail_for_another_way_is_asked_about_never_dropped(anonymous, world, extra, field, text):
    response = anonymous.post(NEW, _data(world, **extra))
    assert response.status_code == 200 and not Pearl.objects.exists()
    assert text in " ".join(response.context["form"].errors[field])


def test_photo_goes_through_wijk_photos_and_the_yes_to_show_it_is_recorded(anonymous, world):
    data = _data(world, kind="person", street="", show_photo="on", photo_description="Ik met mijn fiets")
    data["photo"] = upload(jpeg_bytes())
    assert anonymous.post(NEW, data).status_code == 302
    pearl = Pearl.objects.get()
    assert pearl.photo and pearl.thumbnail
    assert consent_check(resident=pearl.submitter, category=DataCategory.PHOTO, purpose=Purpose.PUBLICATION)


def test_after_an_error_the_form_keeps_the_photo(anonymous, world):
    data = _data(world, title="")
    data["photo"] = upload(jpeg_bytes())
    html = anonymous.post(NEW, data).content.decode()
    assert "Uw foto is bewaard." in html  # the rest: tests/test_kept_photo.py


def test_honeypot_and_hourly_limit_apply(anonymous, world, settings):
    assert anonymous.post(NEW, _data(world, website="http://spam.example")).status_code == 200
    assert not Pearl.objects.exists()
    settings.RATE_LIMIT_SCALE = 1
    for _ in range(10):
        assert anonymous.post(NEW, _data(world)).status_code == 302
    response = anonymous.post(NEW, _data(world, title="Nog een"))
    assert response.status_code == 429 and "Nog een" in response.content.decode()
    assert Pearl.objects.count() == 10


@pytest.mark.parametrize(
    ("status", "text"),
    [
        ("submitted", "In behandeling"),
        ("published", "Op de kaart"),
        ("rejected", "Niet geplaatst. Dit is de reden:"),
    ],
)
def test_follow_page_says_the_status_in_plain_words(anonymous, world, status, text):
    pearl = pearl_submit_anonymous(neighbourhood=world.zuidwijk, kind="place", title="A", story="B", street="Spui")
    if status == "published":
        pearl_publish(pearl=pearl, by=world.users.moderator_hw)
    elif status == "rejected":
        pearl_reject(pearl=pearl, by=world.users.moderator_hw, reason="Dit staat er al op.")
    html = anonymous.get(_follow(pearl)).content.decode()
    assert text in html
    if status == "rejected":
        assert "Dit staat er al op." in html
    assert "tel:" in html  # whom to call


def test_follow_start_accepts_a_code_typed_loosely(anonymous, world):
    pearl = pearl_submit_anonymous(neighbourhood=world.zuidwijk, kind="place", title="A", story="B", street="Spui")
    typed = pearl.follow_code_display.lower().replace("-", " ")
    response = anonymous.get(reverse("parelketting:follow_start"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == _follow(pearl)
    wrong = anonymous.get(reverse("parelketting:follow_start"), {"code": "AAAA-AAA-AAA"})
    assert "Wij vinden geen parel met deze code" in wrong.content.decode()


def test_withdrawing_takes_the_pearl_off_the_map_for_good(anonymous, world):
    pearl = pearl_submit_anonymous(neighbourhood=world.zuidwijk, kind="place", title="A", story="B", street="Spui")
    pearl_publish(pearl=pearl, by=world.users.moderator_hw)
    url = reverse("parelketting:withdraw", kwargs={"code": pearl.follow_code})
    assert "Ja, trek mijn parel in" in anonymous.get(url).content.decode()
    assert anonymous.post(url)["Location"] == _follow(pearl)
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.HIDDEN and pearl.withdrawn_at is not None
    assert "ingetrokken" in anonymous.get(_follow(pearl)).content.decode()
    with pytest.raises(Exception, match="ingetrokken"):
        pearl_publish(pearl=pearl, by=world.users.moderator_hw)


def test_withdrawing_drops_the_senders_contact_details(anonymous, world):
    pearl = pearl_submit_anonymous(
        neighbourhood=world.zuidwijk,
        kind="place",
        title="A",
        story="B",
        street="Spui",
        contact_preference="phone",
        phone="0186 123 456",
    )
    anonymous.post(reverse("parelketting:withdraw", kwargs={"code": pearl.follow_code}))
    pearl.submitter.refresh_from_db()
    assert (pearl.submitter.phone, pearl.submitter.email, pearl.submitter.contact_preference) == ("", "", "")


def test_wrong_codes_are_limited_per_client_then_even_right_codes_wait(anonymous, world, settings):
    settings.RATE_LIMIT_SCALE = 1
    pearl = pearl_submit_anonymous(neighbourhood=world.zuidwijk, kind="place", title="A", story="B", street="Spui")
    for i in range(19):
        assert anonymous.get(reverse("parelketting:follow", args=[f"GUESS{i:05d}"])).status_code == 404
    refused = anonymous.get(reverse("parelketting:follow", args=["GUESS99999"]))
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Even geen code opzoeken" in html and "tel:" in html
    assert anonymous.get(_follow(pearl)).status_code == 429
    assert anonymous.get(reverse("parelketting:follow_start"), {"code": pearl.follow_code}).status_code == 429


def test_a_right_code_works_after_strangers_guessed_wrong(world, settings):
    """Past the limit for all codes together, guessers stay refused but a right code still opens."""
    settings.RATE_LIMIT_SCALE = 1
    settings.PARELKETTING_FOLLOW_WRONG_LIMIT = 3
    cache.clear()
    pearl = pearl_submit_anonymous(neighbourhood=world.zuidwijk, kind="place", title="A", story="B", street="Spui")
    for stranger in range(12):  # 36 wrong codes in all: past the 30 for every code together
        client = Client(REMOTE_ADDR=f"198.51.100.{stranger + 1}")
        for i in range(3):
            client.get(reverse("parelketting:follow", args=[f"GUESS{stranger:02d}{i:03d}"]))
    assert Client(REMOTE_ADDR="198.51.100.1").get(_follow(pearl)).status_code == 429
    # One wrong guess by a new client, past the shared limit: refused at its first mistake.
    late = Client(REMOTE_ADDR="198.51.100.200")
    assert late.get(reverse("parelketting:follow", args=["GUESSLATE01"])).status_code == 429
    resident = Client(REMOTE_ADDR="203.0.113.50")
    assert resident.get(_follow(pearl)).status_code == 200
    assert resident.get(reverse("parelketting:follow_start"), {"code": pearl.follow_code}).status_code == 302


def test_an_account_with_the_confirmed_address_takes_the_pearls_over(world):
    first = pearl_submit_anonymous(
        neighbourhood=world.zuidwijk,
        kind="place",
        title="A",
        story="B",
        street="Spui",
        contact_preference="email",
        email="Buur@Example.nl",
    )
    second = pearl_submit_anonymous(
        neighbourhood=world.zuidwijk,
        kind="place",
        title="C",
        story="D",
        street="Spui",
        contact_preference="email",
        email="buur@example.nl",
    )
    other = pearl_submit_anonymous(
        neighbourhood=world.zuidwijk,
        kind="place",
        title="E",
        story="F",
        street="Spui",
        contact_preference="email",
        email="iemand@example.nl",
    )
    user = get_user_model().objects.create_user(email="buur@example.nl", password="x-Lang-genoeg-123")
    assert pearls_claim(user=user, email="buur@example.nl") == 2
    for pearl in (first, second, other):
        pearl.refresh_from_db()
    assert first.submitter.user == user and second.submitter.user == user
    assert other.submitter.user is None


def test_confirming_the_address_in_allauth_claims_the_pearls(world, rf):
    from allauth.account.models import EmailAddress
    from allauth.account.signals import email_confirmed

    pearl = pearl_submit_anonymous(
        neighbourhood=world.zuidwijk,
        kind="place",
        title="A",
        story="B",
        street="Spui",
        contact_preference="email",
        email="buur@example.nl",
    )
    user = get_user_model().objects.create_user(email="buur@example.nl", password="x-Lang-genoeg-123")
    address = EmailAddress.objects.create(user=user, email="buur@example.nl", verified=True, primary=True)
    email_confirmed.send(sender=EmailAddress, request=rf.get("/"), email_address=address)
    pearl.refresh_from_db()
    assert pearl.submitter.user == user
    assert Client().get(reverse("parelketting:mine")).status_code == 302  # still needs a login, of course


def test_an_unconfirmed_address_claims_nothing(world, rf):
    from allauth.account.models import EmailAddress
    from allauth.account.signals import user_signed_up

    pearl = pearl_submit_anonymous(
        neighbourhood=world.zuidwijk,
        kind="place",
        title="A",
        story="B",
        street="Spui",
        contact_preference="email",
        email="buur@example.nl",
    )
    user = get_user_model().objects.create_user(email="buur@example.nl", password="x-Lang-genoeg-123")
    EmailAddress.objects.create(user=user, email="buur@example.nl", verified=False, primary=True)
    user_signed_up.send(sender=user.__class__, request=rf.get("/"), user=user)
    pearl.refresh_from_db()
    assert pearl.submitter.user is None


def test_moderator_sees_how_to_reach_the_submitter_and_is_warned(moderator_hw, world):
    by_phone = pearl_submit_anonymous(
        neighbourhood=world.zuidwijk,
        kind="place",
        title="Bel mij",
        story="B",
        street="Spui",
        contact_preference="phone",
        phone="0186 123 456",
    )
    silent = pearl_submit_anonymous(neighbourhood=world.zuidwijk, kind="place", title="Stil", story="B", street="Spui")
    changelist = moderator_hw.get(reverse("admin:parelketting_pearl_changelist")).content.decode()
    assert 'href="tel:0186123456"' in changelist and "Bel mij" in changelist and "Stil" in changelist
    page = moderator_hw.post(
        reverse("admin:parelketting_pearl_changelist"),
        {"action": "reject_selected", "_selected_action": [by_phone.pk, silent.pk]},
    ).content.decode()
    assert page.count("Let op: deze inzender krijgt geen e-mail of brief.") == 2
    assert "Uw bericht staat wel op de volgpagina" in page
    moderator_hw.post(
        reverse("admin:parelketting_pearl_changelist"),
        {
            "action": "reject_selected",
            "_selected_action": [silent.pk],
            "apply": "1",
            "message": "Dit is een privé tuin.",
        },
    )
    assert "Dit is een privé tuin." in Client().get(_follow(silent)).content.decode()


def test_rejection_reaches_an_email_submitter_with_the_follow_link(world, django_capture_on_commit_callbacks):
    pearl = pearl_submit_anonymous(
        neighbourhood=world.zuidwijk,
        kind="place",
        title="A",
        story="B",
        street="Spui",
        contact_preference="email",
        email="buur@example.nl",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pearl_reject(pearl=pearl, by=world.users.moderator_hw, reason="Dit staat er al op.")
    assert len(mail.outbox) == 1
    assert "Dit staat er al op." in mail.outbox[0].body and _follow(pearl) in mail.outbox[0].body


def test_the_login_page_promise_holds(anonymous, world):
    """The login page says no account is needed to share a pearl or a dream: both forms open and send."""
    login = anonymous.get(reverse("account_login")).content.decode()
    assert "Dat is niet nodig om een droom of parel te delen." in login
    assert anonymous.get(reverse("droomhuis:share")).status_code == 200
    form = anonymous.get(NEW, {"neighbourhood": world.zuidwijk.pk})
    assert form.status_code == 200 and 'name="title"' in form.content.decode()
    assert anonymous.post(NEW, _data(world)).status_code == 302
    assert Pearl.objects.get().submitter.user is None


def test_a_detail_needed_for_the_chosen_way_never_says_it_may_stay_empty(anonymous, world):
    """'Telefoonnummer (als u 'bel mij' kiest)' is needed with 'bel mij': no "(mag leeg blijven)" behind it, nor
    behind the question itself, whose 'Nee' is an answer too. A truly optional field keeps it."""
    import re as _re

    html = anonymous.get(NEW, {"wijk": world.zuidwijk.slug}).content.decode()

    def label(for_id):
        return _re.search(rf'<label for="{for_id}">(.*?)</label>', html, _re.S).group(1)

    assert "mag leeg blijven" not in label("id_phone") and "mag leeg blijven" not in label("id_email")
    legend = _re.search(r"<legend>Wilt u horen wat wij met uw parel doen\?(.*?)</legend>", html, _re.S).group(1)
    assert "mag leeg blijven" not in legend
    assert "mag leeg blijven" in label("id_location_description")
