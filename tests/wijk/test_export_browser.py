""" "Mijn gegevens" on a 390 px phone, in a real browser, by keyboard only: a demo resident goes from the home page
through "Mijn account" to the summary, reads it and opens a detail. The summary fits a short page (it was 19,000 px
for the Zuidwijk demo resident); axe-core finds nothing serious on any page on the way; the screens and the
required fields are counted, as in the other journeys."""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from tests.browser import assert_accessible, log_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOST_PX = 4000


def _arrived(page, url_name=None):
    if url_name:
        page.wait_for_url(re.compile(re.escape(reverse(url_name)) + "$"))
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_my_data_is_reached_read_and_opened_by_keyboard_on_a_phone(live_server, page):
    settings.DEBUG = True
    try:
        call_command("loaddemo", stdout=io.StringIO())
    finally:
        settings.DEBUG = False
    log_in(page, live_server, get_user_model().objects.get(email="bewoner@zuidwijk.example"))
    page.set_viewport_size({"width": 390, "height": 844})
    screens, typed = 0, 0

    page.goto(live_server.url + reverse("wijk:home"))
    screens += 1  # 1: the home page (for a resident: their neighbourhood's page)
    _arrived(page)
    tab_to(page, ".menu-toggle")  # on a phone the menu folds behind this button
    page.keyboard.press("Enter")
    tab_to(page, text="Mijn account")
    page.keyboard.press("Enter")

    _arrived(page, "wijk:account")
    screens += 1  # 2: "Mijn account"
    tab_to(page, text="Bekijk en download al uw gegevens")
    page.keyboard.press("Enter")

    _arrived(page, "wijk:my_data")
    screens += 1  # 3: "Mijn gegevens", the summary
    for heading in ("Wat u deelde", "Waar u ja op zei, en hoe u dat intrekt", "Wie uw dossier bekeek"):
        assert page.get_by_role("heading", level=2, name=heading).is_visible()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MOST_PX, f"the page is {height} px high at 390 px"

    pearls = page.locator("details.data-more", has=page.locator("summary", has_text="Parels ("))
    tab_to(page, text=pearls.locator("summary").inner_text().strip(), limit=200)
    page.keyboard.press("Enter")
    assert pearls.evaluate("d => d.open")
    assert pearls.locator("dd", has_text="Overdekte zitplek bij de bibliotheek").is_visible()
    assert_accessible(page)
    assert (screens, typed) == (3, 0)  # home, "Mijn account", "Mijn gegevens"; nothing to fill in
