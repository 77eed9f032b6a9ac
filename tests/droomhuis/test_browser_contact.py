"""A dream with "bel mij", at 390 px by keyboard only, logged out and logged in: one screen, one attempt, no
error. axe-core checks every page on the way; the screens and required fields are counted."""

import re

import pytest

from droomhuis.models import Dream
from droomhuis.services import has_contact_consent
from tests.browser import assert_accessible, log_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("logged_in", [False, True], ids=["logged-out", "logged-in"])
def test_a_dream_with_bel_mij_in_one_go(live_server, page, world, logged_in):
    page.set_viewport_size({"width": 390, "height": 844})
    if logged_in:
        log_in(page, live_server, world.users.resident_hagedoorn)
    screens, typed = 0, 0
    page.goto(live_server.url + "/droomhuis/")
    screens += 1
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    tab_to(page, "#id_text")
    page.keyboard.type("Een bankje bij de bushalte, voor als ik op de bus wacht.")
    typed += 1
    tab_to(page, "input[name=contact_preference]")
    page.keyboard.press("ArrowDown")  # "Nee, liever geen contact" -> "Ja, bel mij"
    assert page.evaluate("document.activeElement.value") == "phone"
    tab_to(page, "#id_phone")
    page.keyboard.type("0546 123 456")
    typed += 1
    tab_to(page, "button[type=submit].button:not(.button--small)")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/droomhuis/bedankt/"))
    screens += 1
    assert_accessible(page)
    assert "nemen wij contact met u op" in page.content()
    dream = Dream.objects.get()
    assert has_contact_consent(dream) and dream.resident.phone == "0546 123 456"
    assert dream.resident.contact_preference == "phone"
    assert (screens, typed) == (2, 2)  # the form and the thank-you page; the dream and the phone number


VISIBLE_DETAILS = """() => Array.from(document.querySelectorAll('.contact-question .contact-detail'))
    .filter((el) => getComputedStyle(el).display !== 'none')
    .map((el) => el.querySelector('input, textarea').name)"""


def test_only_the_chosen_ways_detail_shows_without_script(live_server, page, world):
    """The one contact question shows the detail field for the chosen way only (CSS ``:has()``, no script):
    "bel mij" shows the phone number (and when to call), "Nee" shows none. A phone number typed and then left
    with "Nee" is not dropped: after sending, the form asks about it and the field shows again, with its message."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/droomhuis/")
    assert page.evaluate(VISIBLE_DETAILS) == []  # "Nee" is chosen: nothing more to fill in
    tab_to(page, "#id_text")
    page.keyboard.type("Een moestuin op het grasveld.")
    tab_to(page, "input[name=contact_preference]")
    page.keyboard.press("ArrowDown")  # "Ja, bel mij"
    assert page.evaluate(VISIBLE_DETAILS) == ["phone", "contact_notes"]
    seen = tab_to(page, "#id_phone")
    assert len(seen) == 2  # the very next stop after the answer
    page.keyboard.type("0546 123 456")
    assert_accessible(page)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")  # "Ja, mail mij"
    assert page.evaluate(VISIBLE_DETAILS) == ["email", "contact_notes"]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # back to "Nee, liever geen contact", the phone number still typed
    assert page.evaluate("document.activeElement.value") == ""
    assert page.evaluate(VISIBLE_DETAILS) == []
    tab_to(page, "button[type=submit].button:not(.button--small)")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert not Dream.objects.exists()
    assert page.evaluate("document.activeElement.id") == "fouten"
    assert page.evaluate(VISIBLE_DETAILS) == ["phone"]  # the form asks about the number: the field shows
    assert page.locator("#id_phone").input_value() == "0546 123 456"
    assert "Mogen wij u bellen?" in page.locator("#id_phone_errors").inner_text()
    assert_accessible(page)


def test_after_a_link_in_the_error_summary_the_thank_you_address_has_no_fragment(live_server, page, world):
    """The summary's link adds '#id_text' to the page's address; the form posts to its own address without it, so
    the thank-you page does not inherit it through the redirect."""
    page.goto(live_server.url + "/droomhuis/")
    page.locator("#dh-share button[type=submit].button:not(.button--small)").click()
    page.locator("#fouten a[href='#id_text']").click()
    assert page.url.endswith("#id_text")
    page.locator("#id_text").fill("Een bankje bij de bushalte.")
    page.locator("#dh-share button[type=submit].button:not(.button--small)").click()
    page.wait_for_url(re.compile(r"/droomhuis/bedankt/"))
    assert "#" not in page.url
