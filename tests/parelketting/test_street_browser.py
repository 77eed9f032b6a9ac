"""At 390 px: choosing a street moves the pearl form's map there (the points come with the page)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser import assert_accessible

from .conftest import open_pearl_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_a_street_moves_the_map_at_390_px(live_server, phone_page, world):
    page = open_pearl_form(phone_page(), live_server, world.users.resident_zuidwijk)
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


@pytest.mark.parametrize(
    ("position", "placed"),
    [({"latitude": 51.8165, "longitude": 4.4125}, True), ({"latitude": 52.3702, "longitude": 4.8952}, False)],
)
def test_use_my_location_places_the_pearl_only_inside_the_neighbourhood(
    live_server, phone_page, world, position, placed
):
    page = phone_page(geolocation=position, permissions=["geolocation"])
    open_pearl_form(page, live_server, world.users.resident_zuidwijk)
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    status = page.locator("#pk-picker-status")
    if placed:
        expect(status).to_have_text("De parel staat op uw locatie. Wij bewaren alleen dit punt.")
        assert float(page.locator("#id_lat").input_value()) == pytest.approx(51.8165, abs=1e-6)
        assert status.inner_text() == "De parel staat op uw locatie. Wij bewaren alleen dit punt."
        page.screenshot(path="test-artifacts/locate-390.png")
        assert_accessible(page)
    else:
        expect(status).to_contain_text("buiten de wijk")
        assert page.locator("#id_lat").input_value() == ""
        assert status.inner_text().startswith("Uw locatie ligt buiten de wijk.")


def test_use_my_location_refused_is_explained_and_not_offered_for_a_person(live_server, phone_page, world):
    page = open_pearl_form(phone_page(), live_server, world.users.resident_zuidwijk)  # no permission: refused
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(page.locator("#pk-picker-status")).to_contain_text("geen toestemming")
    assert page.locator("#id_lat").input_value() == ""
    page.get_by_role("button", name="Vorige stap").click()
    page.locator('input[name="kind"][value="person"]').check()
    page.get_by_role("button", name="Volgende stap").click()
    assert page.get_by_role("button", name="Gebruik mijn locatie").count() == 0


def test_without_javascript_there_is_no_location_button(world):
    client = Client()
    client.force_login(world.users.resident_zuidwijk)
    html = client.get("/parelketting/nieuw/").content.decode()
    assert "Gebruik mijn locatie" in html  # only as the script's label, in a data attribute
    assert 'id="pk-locate"' not in html and "<button" in html
