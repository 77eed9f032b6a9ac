"""Residents read what they consent to in their own language, and the ledger keeps the version they read."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from droomhuis.consents import CONSENT_CONTACT_KEY, CONSENT_TEXTS, consent_text_for
from wijk.models import ConsentText, Theme
from wijk.services import consent_text_publish, consent_text_shown

pytestmark = pytest.mark.django_db


class Source:
    """A source text as the code holds it: its value depends on the language that is active."""

    def __init__(self, **texts):
        self.texts = texts

    def __str__(self):
        language = (translation.get_language() or "nl").split("-")[0]
        return self.texts.get(language, self.texts["nl"])


TITLE = Source(nl="Uw naam erbij", ar="اسمك معها", tr="Adınız yanında")
BODY = Source(nl="Wij zetten uw naam erbij.", ar="نضع اسمك معها.", tr="Adınızı yanına yazarız.")


def shown(language, **kwargs):
    with translation.override(language):
        return consent_text_shown(key="naam-erbij", title=kwargs.get("title", TITLE), body=kwargs.get("body", BODY))


def test_dutch_is_published_first_and_a_translation_beside_it():
    dutch = shown("nl")
    assert (dutch.language, dutch.version, dutch.title) == ("nl", 1, "Uw naam erbij")
    arabic = shown("ar")
    assert (arabic.language, arabic.title, arabic.body) == ("ar", "اسمك معها", "نضع اسمك معها.")
    # Asked again, nothing new is written: the resident's consent points to this one version.
    assert shown("ar") == arabic
    assert shown("nl") == dutch
    assert ConsentText.objects.filter(key="naam-erbij").count() == 2


def test_without_a_translation_the_resident_reads_the_dutch_text():
    untranslated = Source(nl="Alleen Nederlands.")
    text = shown("tr", title=TITLE, body=untranslated)
    assert text.language == "nl"
    assert text.body == "Alleen Nederlands."


def test_a_newer_dutch_text_from_staff_is_not_hidden_behind_an_older_translation():
    shown("ar")
    newer = consent_text_publish(
        key="naam-erbij", title="Uw naam erbij", body="Wij zetten uw naam erbij. Ook op papier."
    )
    assert newer.version == 2
    text = shown("ar")
    assert text == newer, "the old Arabic text translates version 1, not what is in use now"
    assert shown("tr") == newer


def test_english_turkish_and_arabic_have_every_droomhuis_consent_text():
    for language in ("en", "tr", "ar"):
        with translation.override(language):
            for key, (title, body) in CONSENT_TEXTS.items():
                with translation.override("nl"):
                    dutch = (str(title), str(body))
                assert str(title) != dutch[0], f"{key} title has no {language} translation"
                assert str(body) != dutch[1], f"{key} text has no {language} translation"


def test_the_dream_form_shows_the_consent_in_arabic_and_records_that_version(anonymous, world):
    anonymous.cookies["django_language"] = "ar"
    html = anonymous.get(reverse("droomhuis:share")).content.decode()
    arabic = ConsentText.objects.get(key=CONSENT_CONTACT_KEY, language="ar")
    assert re.search(r'<h3 lang="ar" dir="auto">' + re.escape(arabic.title) + "</h3>", html)
    with translation.override("nl"):
        assert consent_text_for(CONSENT_CONTACT_KEY).title not in html


def test_theme_names_follow_the_reader():
    theme = Theme.objects.create(slug="eten", name="Samen eten", name_tr="Birlikte yemek", name_ar="الأكل معًا")
    labels = {}
    for language in ("nl", "en", "tr", "ar"):
        with translation.override(language):
            labels[language] = (theme.label, theme.label_language)
    assert labels == {
        "nl": ("Samen eten", "nl"),
        "en": ("Samen eten", "nl"),
        "tr": ("Birlikte yemek", "tr"),
        "ar": ("الأكل معًا", "ar"),
    }


def test_dutch_contact_details_keep_their_order_on_an_arabic_page(anonymous, world):
    world.bw.phone = "0546 000 000"
    world.bw.opening_hours = "maandag tot en met vrijdag, 9 tot 17 uur"
    world.bw.visiting_address = "Dromenweg 1, Almelo"
    world.bw.save()
    anonymous.cookies["django_language"] = "ar"
    html = anonymous.get("/").content.decode()
    assert re.search(r'<a href="tel:[^"]+" dir="ltr">', html), "a phone number reads left to right, also in Arabic"
    assert '<bdi lang="nl">' in html, "Dutch opening hours and addresses are isolated from the Arabic around them"
