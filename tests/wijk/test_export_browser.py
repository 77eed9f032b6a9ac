""" "Mijn gegevens" on a 390 px phone, in a real browser: the summary fits a short page (it was 19,000 px for
the Zuidwijk demo resident), the details open by keyboard, and axe-core finds nothing serious."""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOST_PX = 4000


def test_my_data_fits_a_phone_and_opens_by_keyboard(live_server, page):
    settings.DEBUG = True
    try:
        call_command("loaddemo", stdout=io.StringIO())
    finally:
        settings.DEBUG = False
    log_in(page, live_server, get_user_model().objects.get(email="bewoner@zuidwijk.example"))
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server.url + reverse("wijk:my_data"))
    for heading in ("Wat u deelde", "Waar u ja op zei, en hoe u dat intrekt", "Wie uw dossier bekeek"):
        assert page.get_by_role("heading", level=2, name=heading).is_visible()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MOST_PX, f"the page is {height} px high at 390 px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    pearls = page.locator("details.data-more", has=page.locator("summary", has_text="Parels ("))
    pearls.locator("summary").focus()
    page.keyboard.press("Enter")
    assert pearls.evaluate("d => d.open")
    assert pearls.locator("dd", has_text="Overdekte zitplek bij de bibliotheek").is_visible()
    assert_accessible(page)
