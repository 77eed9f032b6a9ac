"""In a real browser: a resident shares a dream by keyboard only, the broker picks it up and posts an
update, and the resident reads it with the reference code. axe-core checks every page on the way."""

import re

import pytest

from droomhuis.models import Dream
from tests.browser import assert_accessible, log_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_share_pick_up_update_and_follow(live_server, page, world):
    page.goto(live_server.url + "/droomhuis/")
    assert_accessible(page)

    tab_to(page, "#id_text")
    page.keyboard.type("Ik droom van een moestuin achter de Vlierstraat.")
    tab_to(page, f"input[name=themes][value='{world.themes['groen'].pk}']")
    page.keyboard.press("Space")
    tab_to(page, "#id_alias")
    page.keyboard.type("Buurvrouw Mira")
    tab_to(page, "input[name=contact_preference]")
    page.keyboard.press("ArrowDown")  # one question: from "Nee, liever geen contact" to "Ja, bel mij"
    assert page.evaluate("document.activeElement.value") == "phone"
    tab_to(page, "#id_phone")
    page.keyboard.type("0546 123 456")
    tab_to(page, "button[type=submit].button:not(.button--small)")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/droomhuis/bedankt/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Bedankt voor uw droom!"
    code = page.locator("#volgcode").inner_text().strip()
    dream = Dream.objects.get()
    assert code == dream.reference_display
    assert "nemen wij contact met u op" in page.content()
    assert_accessible(page)

    log_in(page, live_server, world.users.broker_bw)
    page.goto(live_server.url + "/droomhuis/makelaar/")
    assert_accessible(page)
    page.get_by_role("link", name=code).click()
    page.wait_for_url(re.compile(r"/makelaar/droom/"))
    assert "0546 123 456" in page.content()
    assert_accessible(page)
    page.get_by_label("Wordt opgepakt").check()
    page.get_by_role("button", name="Status opslaan").click()
    page.wait_for_url(re.compile(r"/makelaar/droom/[A-Z0-9]+/$"))
    assert "De status is nu: Wordt opgepakt." in page.content()

    page.get_by_label("Bericht aan de bewoner").fill("Dag Mira, ik bel u donderdagmiddag.")
    page.get_by_role("button", name="Bekijk wat de bewoner ziet").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Dit ziet de bewoner"
    assert_accessible(page)
    page.get_by_role("button", name="Verstuur naar de bewoner").click()
    page.wait_for_url(re.compile(r"/makelaar/droom/[A-Z0-9]+/$"))

    page.context.clear_cookies()
    page.goto(live_server.url + "/droomhuis/volgen/")
    assert_accessible(page)
    tab_to(page, "#id_reference")
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/droomhuis/volgen/[A-Z0-9]+/$"))
    assert "Dag Mira, ik bel u donderdagmiddag." in page.content()
    assert "Wordt opgepakt" in page.content()
    assert "0546 123 456" not in page.content()
    assert_accessible(page)


def test_share_page_at_320_px_has_no_horizontal_scroll(live_server, page, world):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/droomhuis/", "/droomhuis/papieren-formulier/", "/droomhuis/dromenmuur/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
        assert_accessible(page)


def test_broker_pages_at_320_px_and_intake_are_accessible(live_server, page, world):
    from droomhuis import services

    dream = services.dream_submit(
        neighbourhood=world.hagedoorn,
        text="Een jeu-de-boulesbaan bij de school.",
        consent_contact=True,
        consent_wall=False,
        contact_preference="phone",
        phone="0546 222 333",
        themes=[world.themes["ontmoeting"]],
    )
    log_in(page, live_server, world.users.broker_bw)
    page.goto(live_server.url + "/droomhuis/makelaar/nieuwe-droom/")
    assert_accessible(page)
    page.get_by_role("button", name="Droom opslaan").click()
    assert page.locator(".errorlist").first.is_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/droomhuis/makelaar/", f"/droomhuis/makelaar/droom/{dream.reference}/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
        assert_accessible(page)

    page.context.clear_cookies()
    page.goto(live_server.url + f"/droomhuis/volgen/{dream.reference}/intrekken/")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, trek mijn droom in").click()
    page.wait_for_url(re.compile(r"/droomhuis/volgen/[A-Z0-9]+/$"))
    assert "U heeft deze droom ingetrokken" in page.content()
    assert_accessible(page)
