"""The programme page's exact HTML. The view loads only what a card shows (the activity's columns, its place's
title, the theme names), makes the links with one ``reverse()`` and translates the words every card repeats
once. What each card says, in Dutch and in other languages, filtered and for later weeks."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from parelketting.models import Activity
from parelketting.programme.services import activity_cancel, activity_story_write, signup_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(make_activity, make_pearl, zuidwijk_residents, world):
    """Cards of every kind: free places (one, several), full, cancelled, a place in words, no theme, two
    themes, over several weeks and past the four weeks shown; and past activities with a story."""
    residents = zuidwijk_residents(3)
    one_left = make_activity(title="Samen breien", days=1, capacity=2, themes=[world.themes["ontmoeting"]])
    signup_create(activity=one_left, resident=residents[0])
    full = make_activity(
        title="Moestuin & <koffie>", days=2, capacity=1, themes=[world.themes["groen"], world.themes["ontmoeting"]]
    )
    signup_create(activity=full, resident=residents[1])
    signup_create(activity=full, resident=residents[2])  # on the waiting list
    words = make_activity(title="Wandelen", days=9)
    Activity.objects.filter(pk=words.pk).update(place=None, place_text="Bij de kiosk, achterom")
    cancelled = make_activity(title="Fietsen maken", days=10, themes=[world.themes["groen"]])
    activity_cancel(activity=cancelled, by=world.users.moderator_hw)
    make_activity(title="Over zes weken", days=42, themes=[world.themes["groen"]])
    make_activity(title="Nog een voorstel", days=3, publish=False)
    for i in range(2):
        past = make_activity(title=f"Geweest {i}", days=5 + i)
        Activity.objects.filter(pk=past.pk).update(
            starts_at=past.starts_at - timedelta(days=30), ends_at=past.ends_at - timedelta(days=30)
        )
        past.refresh_from_db()
        activity_story_write(activity=past, story="Het was gezellig. " * 20, photos=[], by=world.users.moderator_hw)


def page(language: str, params: dict) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # what the language switch stores
    response = client.get(reverse("parelketting:programme"), params)
    assert response.status_code == 200
    return response.content.decode()


def card(html: str, title: str) -> str:
    """The HTML of the card whose title is ``title`` (as the page escapes it)."""
    start = html.index(f">{escape(title)}</a></h3>")
    return html[html.rindex('<li class="pk-card', 0, start) : html.index("</li>", start)]


def test_each_card_says_when_where_how_full_and_its_themes(programme):
    html = page("nl", {})
    breien = Activity.objects.get(title="Samen breien")
    start, end = timezone.localtime(breien.starts_at), timezone.localtime(breien.ends_at)
    with translation.override("nl"):
        when = f"{date_format(start, 'l j F')}, {start:%H:%M}–{end:%H:%M}"
    first = card(html, "Samen breien")
    assert breien.get_absolute_url() in first and when in first
    assert "Nog 1 plaats vrij" in first and "Thema's: Ontmoeting" in first
    full = card(html, "Moestuin & <koffie>")
    assert "Vol: u kunt op de wachtlijst" in full and "Thema's: Groen, Ontmoeting" in full
    assert "Waar: Bij de kiosk, achterom" in card(html, "Wandelen") and "Thema" not in card(html, "Wandelen")
    assert "Gaat niet door" in card(html, "Fietsen maken")
    assert "Over zes weken" not in html and "Nog een voorstel" not in html  # past the four weeks; not published
    assert "Geweest 1" in html  # a past activity's story


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_cards_speak_the_visitors_language(programme, language):
    html = page(language, {})
    with translation.override(language):
        free = ngettext("Nog %(counter)s plaats vrij", "Nog %(counter)s plaatsen vrij", 1) % {"counter": 1}
        full = gettext("Vol: u kunt op de wachtlijst")
    assert free in card(html, "Samen breien") and full in card(html, "Moestuin & <koffie>")


def test_a_theme_shows_only_its_own_cards_and_later_weeks_can_be_opened(programme):
    groen = page("nl", {"thema": "groen"})
    assert "Fietsen maken" in groen and "Moestuin &amp; &lt;koffie&gt;" in groen and "Samen breien" not in groen
    monday = timezone.localdate() + timedelta(days=42)
    later = page("nl", {"vanaf": f"{monday - timedelta(days=monday.weekday()):%Y-%m-%d}"})
    assert "Over zes weken" in later and "Samen breien" not in later
