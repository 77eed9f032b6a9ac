"""At 390 px: choosing a street moves the pearl form's map there (the points come with the page)."""

import pytest
from django.test import Client

from tests.browser import _only_loopback, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_a_street_moves_the_map_at_390_px(live_server, browser, world):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    context.route("**/*", _only_loopback)
    client = Client()
    client.force_login(world.users.resident_zuidwijk)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + "/parelketting/nieuw/")
        page.wait_for_selector("#pk-picker.pk-ready", state="attached")
        page.get_by_label("Geef uw parel een korte naam").fill("Het bankje bij de vijver")
        page.get_by_role("button", name="Volgende stap").click()
        page.get_by_label("Straat").select_option("Spui")
        assert page.locator("#pk-picker-status").inner_text().startswith("De kaart toont nu deze straat.")
        page.wait_for_timeout(400)
        page.screenshot(path="test-artifacts/street-390.png", full_page=False)
        assert_accessible(page)
        # The map's centre is now the street: placing the pearl at the centre cross puts it there.
        page.get_by_role("button", name="Zet de parel hier").click()
        assert abs(float(page.locator("#id_lat").input_value()) - 51.8178) < 0.0002
        assert abs(float(page.locator("#id_lng").input_value()) - 4.4152) < 0.0002
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
