"""In Chromium: text size and contrast are chosen at the top of every page ("Weergave"), by keyboard and without
JavaScript; at 320 px the header's controls stay on the screen at every text size, in Dutch and in Arabic, the page
never scrolls sideways, the header leaves room for the page itself, and axe-core finds nothing."""

import pytest

from tests.browser import _only_loopback, assert_accessible
from tests.test_languages_browser import OVERFLOW, _demo, _pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 640}
PAGES = ["/", "/parelketting/programma/", "/droomhuis/"]
HEADER_CONTROLS = [
    "#language-select",
    ".language-switch button",
    ".display-switch__toggle",
    ".site-name",
    ".menu-toggle",
]


def _prefer(page, live_server, *, language, size, contrast="normaal"):
    page.context.add_cookies(
        [
            {"name": "django_language", "value": language, "url": live_server.url},
            {"name": "wijk_tekst", "value": size, "url": live_server.url},
            {"name": "wijk_contrast", "value": contrast, "url": live_server.url},
        ]
    )


def _assert_fits(page, path):
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= 0 and result["bad"] == [], (path, result)


# Every size in Dutch and Arabic (right to left); the largest, in high contrast, in Turkish and English too.
CASES = [(language, size, "normaal") for language in ("nl", "ar") for size in ("normaal", "groot", "groter")]
CASES += [("tr", "groter", "hoog"), ("en", "groter", "hoog")]


@pytest.mark.parametrize("language, size, contrast", CASES)
def test_the_header_fits_a_320_px_phone_at_every_text_size(live_server, page, world, language, size, contrast):
    page.set_viewport_size(PHONE)
    _prefer(page, live_server, language=language, size=size, contrast=contrast)
    for path in PAGES:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("class").startswith(f"text-{size} contrast-{contrast}"), path
        _assert_fits(page, path)
        for selector in HEADER_CONTROLS:
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (path, selector, box)
        # The header leaves room: the page's own heading starts in the upper half of the screen.
        assert page.locator(".site-header").bounding_box()["height"] < PHONE["height"] * 0.3, path
        assert page.get_by_role("heading", level=1).bounding_box()["y"] < PHONE["height"] / 2, path
    assert_accessible(page)
    page.locator(".display-switch__toggle").click()
    panel = page.locator(".display-switch__panel")
    assert panel.is_visible()
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    _assert_fits(page, "Weergave open")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_every_public_page_fits_320_px_at_the_largest_text(live_server, page, language):
    _demo()
    page.set_viewport_size(PHONE)
    _prefer(page, live_server, language=language, size="groter")
    for path in _pages() + ["/parelketting/programma/", "/bel-mij-terug/"]:
        page.goto(live_server.url + path)
        _assert_fits(page, path)


def test_by_keyboard_without_javascript_text_size_and_contrast_are_a_few_tabs_away(live_server, browser, world):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="nl-NL")
    try:
        context.route("**/*", _only_loopback)
        page = context.new_page()
        page.goto(live_server.url + "/droomhuis/")
        focused = []
        for _ in range(4):  # skip link, language, "Kies", "Weergave"
            page.keyboard.press("Tab")
            focused.append(page.evaluate("document.activeElement.textContent.trim()"))
        assert focused[-1] == "Weergave", focused
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
        page.keyboard.press("Enter")
        assert page.get_by_role("radio", name="Heel groot").is_visible()
        page.keyboard.press("Tab")  # into the "Letters" group, on the checked "Gewoon"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")  # into the "Contrast" group
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Pas toe"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == live_server.url + "/droomhuis/"
        assert page.locator("html").get_attribute("class") == "text-groter contrast-hoog"
        assert page.locator("#display-text-groter").is_checked()  # the closed panel shows the choice when opened
    finally:
        context.close()


def test_escape_or_a_click_elsewhere_closes_the_display_panel(live_server, page, world):
    page.goto(live_server.url + "/")
    toggle, panel = page.locator(".display-switch__toggle"), page.locator(".display-switch__panel")
    toggle.click()
    page.get_by_role("radio", name="Hoog contrast").focus()
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('display-switch__toggle')")
    toggle.click()
    page.get_by_role("radio", name="Groot", exact=True).click()
    assert panel.is_visible(), "a click inside the panel keeps it open"
    page.get_by_role("heading", level=1).click()
    assert not panel.is_visible()


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_on_a_wide_screen_the_display_choice_is_in_the_first_row(live_server, page, world, language):
    page.set_viewport_size({"width": 1280, "height": 800})
    _prefer(page, live_server, language=language, size="groter")
    page.goto(live_server.url + "/")
    toggle = page.locator(".display-switch__toggle").bounding_box()
    assert toggle["y"] < 40
    # The menu sits beside the site name, so even at the largest size the header stays under a quarter screen.
    assert page.locator(".site-header").bounding_box()["height"] < 800 / 4
    _assert_fits(page, "/")
    assert_accessible(page)
