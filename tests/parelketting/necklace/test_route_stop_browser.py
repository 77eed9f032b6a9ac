"""In Chromium at 390 px: a walker scans the QR plaque at stop 2, reads the way to the next stop and goes on to
stop 3 with the keyboard only. axe-core checks every page; in Arabic nothing runs off the screen."""

import pytest

from parelketting.necklace.services import pearl_short_code_ensure
from tests.browser import assert_accessible, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_plaque_to_stop_page_to_next_stop_by_keyboard(live_server, page, make_route):
    route = make_route(3)
    second, third = [s.pearl for s in route.stops.select_related("pearl").order_by("position")][1:]
    code = pearl_short_code_ensure(pearl=second)
    page.set_viewport_size({"width": 390, "height": 844})

    # Scanning the plaque: one screen, no tap.
    page.goto(f"{live_server.url}/parelketting/p/{code}/")
    heading = page.get_by_role("heading", level=1)
    assert "Stop 2 van 3" in heading.inner_text() and second.title in heading.inner_text()
    way = page.locator(".pk-here__way")
    assert way.inner_text().startswith("Loop ongeveer 110 meter naar het noorden.")
    assert page.get_by_role("heading", name=f"Naar stop 3: {third.title}").is_visible()
    assert page.get_by_role("img", name="Schetskaart van de wandeling", exact=False).is_visible()
    assert page.evaluate(NO_OVERFLOW) <= 0
    # The way on is in sight without scrolling on a 390 x 844 phone.
    box = page.locator('a[rel="next"]').bounding_box()
    assert box["y"] + box["height"] <= 844, box
    assert_accessible(page)

    # On to the next stop: Tab to "Volgende: stop 3", Enter.
    tab_to(page, 'a[rel="next"]')
    assert page.evaluate("document.activeElement.innerText.trim()") == "Volgende: stop 3"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/stop/{third.uid}/")
    assert "Stop 3 van 3" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("heading", name="Dit is de laatste stop").is_visible()
    assert_accessible(page)

    # Back by keyboard too.
    tab_to(page, 'a[rel="prev"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/stop/{second.uid}/")

    # The same page in Arabic, right to left, fits the phone.
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.reload()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate(NO_OVERFLOW) <= 0
    assert_accessible(page)
