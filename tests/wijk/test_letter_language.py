"""A letter is written and printed in the resident's language: the text when it is queued, and the greeting,
closing and date on the printed page. Checked with English and Turkish, using texts already translated."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from parelketting.programme.change import activity_change
from parelketting.programme.services import signup_create
from tests.parelketting import conftest as parelketting_fixtures
from wijk.choices import ContactPreference
from wijk.models import Letter, LetterStatus

pytestmark = pytest.mark.django_db

make_pearl = parelketting_fixtures.make_pearl
make_activity = parelketting_fixtures.make_activity

WORDS = {
    "en": {
        "greeting": "Dear neighbour,",
        "closing": "Kind regards,",
        "where": "Where:",
        "signed_up": "You are signed up",
    },
    "tr": {
        "greeting": "Sevgili komşumuz,",
        "closing": "Saygılarımızla,",
        "where": "Nerede:",
        "signed_up": "Kaydınız yapıldı",
    },
}


def _pdf_text(client, letter) -> str:
    response = client.post(reverse("wijk:letters_pdf"), {"letters": [str(letter.uid)]}, follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).replace("\n", " ")


@pytest.mark.parametrize("language", ["en", "tr"])
def test_sign_up_and_change_letters_are_in_the_residents_language(
    world, make_activity, moderator_hw, django_capture_on_commit_callbacks, language
):
    resident = world.residents.zuidwijk
    resident.contact_preference = ContactPreference.LETTER
    resident.display_name = "Mevrouw A. de Vries"
    resident.postal_address = "Spui 12\n3262 AB Oud-Beijerland"
    resident.language = language
    resident.save()
    words = WORDS[language]
    activity = make_activity(title="Samen breien")
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=resident)
    confirmation = Letter.objects.get(reason="parelketting.signup_confirmed")
    assert confirmation.language == language and confirmation.subject.startswith(words["signed_up"])

    new_start = activity.starts_at + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        activity_change(
            activity=activity, by=world.users.moderator_hw, starts_at=new_start, ends_at=new_start + timedelta(hours=2)
        )
    changed = Letter.objects.get(reason="parelketting.activity_changed")
    assert changed.language == language
    assert f"{words['where']} Pop-up rommelruimte" in changed.body
    with translation.override(language):
        weekday = date_format(timezone.localtime(new_start), "l")
    assert weekday in changed.body

    # Not printed yet, the confirmation is replaced by the change letter: one envelope, the latest news.
    confirmation.refresh_from_db()
    assert confirmation.status == LetterStatus.SUPERSEDED and confirmation.superseded_by == changed
    for letter in (changed,):
        text = _pdf_text(moderator_hw, letter)
        assert text.count(words["greeting"]) == 1 and text.count(words["closing"]) == 1
        assert "Beste buur" not in text and "Met vriendelijke groet" not in text
        assert "Spui 12" in text and "HW Wonen" in text
