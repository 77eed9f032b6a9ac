"""In a real browser: staff start the kiosk, a visitor shares a dream by keyboard only, and the kiosk resets.
The next visitor sees an empty form and cannot go back to the previous visitor's pages."""

import re

import pytest

from droomhuis.models import Dream
from tests.browser import assert_accessible, log_in, tab_to
from wijk.choices import Channel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "Ik droom van een bankje bij de Vlierstraat."


def start_kiosk(page, live_server, world, zuidwijk=False):
    """The Beter Wonen broker starts a Hagedoorn kiosk; with ``zuidwijk`` the HW Wonen moderator a Zuidwijk one."""
    log_in(page, live_server, world.users.moderator_hw if zuidwijk else world.users.broker_bw)
    page.goto(live_server.url + "/kiosk/start/")
    assert_accessible(page)
    hood = world.zuidwijk if zuidwijk else world.hagedoorn
    page.get_by_label("Voor welke wijk is de tablet?").select_option(str(hood.pk))
    page.get_by_role("button", name="Start de kiosk").click()
    page.wait_for_url(re.compile(r"/kiosk/$"))


def assert_previous_visitor_gone(page, code):
    content = page.content()
    assert code not in content
    assert TYPED not in content
    for selector in ("#id_text", "#id_alias"):
        if page.locator(selector).count():
            assert page.locator(selector).input_value() == ""


def test_kiosk_dream_by_keyboard_then_reset(live_server, page, world):
    start_kiosk(page, live_server, world)
    assert "text-groter" in page.evaluate("document.documentElement.className")
    assert (
        page.get_by_role("link", name="Inloggen").count() == 0
        or not page.get_by_role("link", name="Inloggen").is_visible()
    )
    assert_accessible(page)

    tab_to(page, "a.kiosk-button[href$='/droomhuis/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/droomhuis/$"))
    assert_accessible(page)
    tab_to(page, "#id_text")
    page.keyboard.type(TYPED)
    tab_to(page, "#id_alias")
    page.keyboard.type("Buurman Kees")
    tab_to(page, "button[type=submit].button:not(.button--small)")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/droomhuis/bedankt/"))
    code = page.locator("#volgcode").inner_text().strip()
    dream = Dream.objects.get()
    assert code == dream.reference_display
    assert dream.intake_channel == Channel.KIOSK
    assert_accessible(page)

    # No pen needed: a receipt to print, with the code in big letters and whom to call.
    tab_to(page, "a.kiosk-button[href$='/bonnetje/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/bonnetje/$"))
    assert page.locator(".receipt__value").inner_text().strip() == code
    assert page.get_by_role("button", name="Printen").is_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Printen").is_visible()
    assert page.locator(".receipt__value").is_visible()
    page.emulate_media(media="screen")

    tab_to(page, "a.kiosk-button[href$='/kiosk/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/kiosk/$"))
    tab_to(page, "a.kiosk-button[href$='/droomhuis/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/droomhuis/$"))
    assert_previous_visitor_gone(page, code)

    # The next visitor presses Back again and again: never the code, never the typed text.
    for _ in range(4):
        page.go_back()
        page.wait_for_load_state()
        assert_previous_visitor_gone(page, code)
        assert re.search(r"/(kiosk|droomhuis)/$", page.url), page.url


def test_kiosk_goes_home_after_a_minute_without_input(live_server, page, world):
    page.clock.install()
    start_kiosk(page, live_server, world)
    page.goto(live_server.url + "/droomhuis/")
    page.locator("#id_text").fill(TYPED)
    page.clock.fast_forward(30_000)
    page.keyboard.type(" Ja.")
    page.clock.fast_forward(45_000)
    assert page.url.endswith("/droomhuis/")
    page.clock.fast_forward(20_000)
    page.wait_for_url(re.compile(r"/kiosk/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Welkom! Wat wilt u doen?"


def test_kiosk_pages_are_accessible_and_fit_320_px(live_server, page, world):
    start_kiosk(page, live_server, world, zuidwijk=True)
    page.goto(live_server.url + "/droomhuis/")  # the Almelo dream form is not for the Zuidwijk tablet
    page.wait_for_url(re.compile(r"/kiosk/$"))
    page.goto(live_server.url + "/parelketting/kiosk/parel/")
    assert_accessible(page)
    page.goto(live_server.url + "/parelketting/programma/")
    assert_accessible(page)
    page.goto(live_server.url + "/parelketting/")
    page.wait_for_url(re.compile(r"/kiosk/$"))
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/kiosk/", "/parelketting/kiosk/parel/", "/parelketting/programma/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
