"""In Chromium: on a phone the main menu folds behind a "Menu" button, by keyboard and with axe-core clean;
on a wide screen, and without JavaScript, the whole menu shows as before."""

import pytest

from tests.browser import _only_loopback, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 640}


def _menu_links(page):
    return page.locator("#hoofdmenu a")


def test_on_a_phone_the_menu_opens_and_closes_by_keyboard(live_server, page, world):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/parelketting/programma/")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not _menu_links(page).first.is_visible()
    # The page's own heading is in sight without scrolling.
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading["y"] + heading["height"] < PHONE["height"] / 2
    assert_accessible(page)

    for _ in range(5):  # skip link, language, "Kies", "Weergave", site name
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "hoofdmenu"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert _menu_links(page).count() >= 6 and _menu_links(page).first.is_visible()
    assert_accessible(page)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Parelkaart"
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not _menu_links(page).first.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/parelketting/")


def test_in_arabic_the_button_sits_on_the_mirrored_side(live_server, page, world):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.select_option("#language-select", "ar")
    with page.expect_navigation():
        page.get_by_role("button", name="Kies").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    toggle = page.locator(".menu-toggle")
    name = page.locator(".site-name")
    assert toggle.is_visible() and toggle.bounding_box()["x"] < name.bounding_box()["x"]
    toggle.click()
    assert _menu_links(page).first.is_visible()
    assert_accessible(page)


def test_on_a_wide_screen_the_menu_is_open_without_a_button(live_server, page, world):
    page.goto(live_server.url + "/")
    assert not page.locator(".menu-toggle").is_visible()
    assert _menu_links(page).first.is_visible()


def test_without_javascript_the_menu_stays_open(live_server, browser, world):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="nl-NL")
    try:
        context.route("**/*", _only_loopback)
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert not page.locator(".menu-toggle").is_visible()
        assert _menu_links(page).first.is_visible()
    finally:
        context.close()
