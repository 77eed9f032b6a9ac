"""In Chromium: a resident places a pearl by keyboard only, with a photo; a moderator publishes it in the
admin; it shows on the map, in the list and in the GeoJSON. axe-core checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from parelketting.choices import PearlStatus
from parelketting.models import Pearl
from tests.browser import assert_accessible, log_in, tab_to

from .conftest import gps_exif, jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_places_pearl_by_keyboard_moderator_publishes_it_shows_on_map(
    live_server, page, browser, world, tmp_path
):
    photo = tmp_path / "bankje.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 900), exif=gps_exif()))
    log_in(page, live_server, world.users.resident_zuidwijk)

    page.goto(live_server.url + "/parelketting/nieuw/")
    page.wait_for_selector("#pk-picker.pk-ready", state="attached")
    assert page.get_by_role("button", name="Parel versturen").is_hidden()  # one step at a time
    assert_accessible(page)

    page.get_by_label("Geef uw parel een korte naam").focus()
    page.keyboard.type("Het bankje bij de vijver")
    page.keyboard.press("Tab")
    page.keyboard.type("Hier zit ik elke ochtend in de zon.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # first theme
    tab_to(page, text="Volgende stap")
    page.keyboard.press("Enter")

    # The map: move it with the arrow keys, then place the pearl at the centre cross.
    page.locator("#pk-picker-map").focus()
    for _ in range(3):
        page.keyboard.press("ArrowUp")
    page.wait_for_timeout(400)
    tab_to(page, text="Zet de parel hier")
    page.keyboard.press("Enter")
    assert page.locator("#pk-picker-status").inner_text() == "De parel staat op de kaart."
    assert page.locator("#id_lat").input_value() != ""

    tab_to(page, text="Volgende stap")
    page.keyboard.press("Enter")
    page.get_by_label(re.compile("^Een foto erbij")).set_input_files(str(photo))  # the file dialog itself is the OS's
    page.get_by_label(re.compile("^Wat staat er op de foto")).focus()
    page.keyboard.type("Een houten bank aan het water")
    tab_to(page, text="Volgende stap")
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Parel versturen").is_visible()
    assert_accessible(page)
    tab_to(page, text="Parel versturen")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/parelketting/mijn-parels/"))
    assert "Wacht op controle" in page.content()
    assert_accessible(page)

    pearl = Pearl.objects.get()
    assert pearl.status == PearlStatus.SUBMITTED
    assert pearl.lat > world.zuidwijk.centre_lat  # moved north with the arrow keys
    assert pearl.photo and pearl.photo_description == "Een houten bank aan het water"
    with pearl.photo.open("rb") as stored:
        assert b"Exif" not in stored.read()

    # A moderator of HW Wonen publishes it in the admin.
    moderator = browser.new_context(locale="nl-NL")
    moderator.route(
        "**/*",
        lambda route: (
            route.continue_() if "127.0.0.1" in route.request.url or "localhost" in route.request.url else route.abort()
        ),
    )
    admin = moderator.new_page()
    log_in(admin, live_server, world.users.moderator_hw)
    admin.goto(live_server.url + "/beheer/parelketting/pearl/")
    assert "Het bankje bij de vijver" in admin.content()
    assert_accessible(admin)
    admin.locator(f'input[name="_selected_action"][value="{pearl.pk}"]').check()
    admin.locator('select[name="action"]').select_option("publish_selected")
    admin.locator('button[name="index"]').click()
    admin.wait_for_load_state()
    moderator.close()
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.PUBLISHED

    # It is public now: on the map, in the list, in the GeoJSON.
    page.goto(live_server.url + "/parelketting/")
    marker = page.locator(f'[data-uid="{pearl.uid}"]')
    marker.wait_for()
    assert marker.get_attribute("aria-label").startswith("Het bankje bij de vijver")
    assert_accessible(page)

    page.goto(live_server.url + "/parelketting/lijst/")
    assert page.get_by_role("link", name="Het bankje bij de vijver").count() == 1
    assert_accessible(page)

    page.get_by_role("link", name="Het bankje bij de vijver").click()
    page.wait_for_selector("#pk-detail-map.pk-ready")
    assert page.locator(".pk-photo img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert_accessible(page)

    data = page.evaluate("async () => (await fetch('/parelketting/pearls.geojson')).json()")
    assert [f["id"] for f in data["features"]] == [str(pearl.uid)]


def test_submit_page_fits_320_px_and_works_without_map(live_server, page, world):
    log_in(page, live_server, world.users.resident_zuidwijk)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/parelketting/nieuw/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.get_by_label(re.compile("^Een mens")).check()
    page.get_by_label("Geef uw parel een korte naam").fill("Ik repareer fietsen")
    page.get_by_label("Vertel erover in uw eigen woorden").fill("Kom gerust langs.")  # step 1 is checked first
    page.get_by_role("button", name="Volgende stap").first.click()
    assert page.locator(".pk-for-place").is_hidden()
    assert page.get_by_label("Waar kunnen buren u ontmoeten?").is_visible()
    assert_accessible(page)
    page.goto(live_server.url + "/parelketting/mijn-parels/")
    assert_accessible(page)
    for path in ["/parelketting/", "/parelketting/lijst/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path


def test_other_pages_pass_axe(live_server, page, world, make_pearl):
    person = make_pearl(kind="person", title="Ik repareer fietsen")
    log_in(page, live_server, world.users.resident_hagedoorn)
    for path in [
        person.get_absolute_url(),
        f"/parelketting/parel/{person.uid}/melden/",
        f"/parelketting/parel/{person.uid}/ik-doe-mee/",
        "/parelketting/lijst/?soort=person",
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.goto(live_server.url + f"/parelketting/parel/{person.uid}/ik-doe-mee/")
    page.get_by_role("button", name="Bericht versturen").click()
    assert page.locator("#id_body_errors").is_visible()
    assert_accessible(page)


def test_after_an_error_the_form_opens_at_the_step_with_the_error(live_server, page, world):
    log_in(page, live_server, world.users.resident_zuidwijk)
    page.goto(live_server.url + "/parelketting/nieuw/")
    page.get_by_label("Geef uw parel een korte naam").fill("Bankje")
    page.get_by_label("Vertel erover in uw eigen woorden").fill("Fijn om te zitten.")
    page.locator("fieldset.pk-step:not([hidden])").get_by_role("button", name="Volgende stap").click()
    # A point far outside the neighbourhood: only the server knows (steps.js checks that there is a place).
    page.locator("#id_lat").evaluate("input => { input.value = '52.500000'; }")
    page.locator("#id_lng").evaluate("input => { input.value = '5.500000'; }")
    for _ in range(2):
        page.locator("fieldset.pk-step:not([hidden])").get_by_role("button", name="Volgende stap").click()
    page.get_by_role("button", name="Parel versturen").click()
    page.wait_for_load_state()
    error = page.locator("#id_location_description_errors")
    assert error.is_visible()  # the step with the error is open
    assert "buiten de wijk" in error.inner_text()
    expect(page.locator("#fouten")).to_be_focused()  # the GOV.UK summary has the focus
    page.locator("#fouten a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_location_description"
    assert page.get_by_label("Geef uw parel een korte naam").input_value() == "Bankje"
    assert_accessible(page)


def test_admin_moderation_pages_pass_axe(live_server, page, world, make_pearl):
    pearl = make_pearl(status=PearlStatus.SUBMITTED, photo=True)
    log_in(page, live_server, world.users.moderator_hw)
    page.goto(live_server.url + f"/beheer/parelketting/pearl/{pearl.pk}/change/")
    assert page.locator("img[alt='Een bankje']").count() == 1
    assert_accessible(page)
    page.goto(live_server.url + "/beheer/parelketting/pearl/")
    page.locator(f'input[name="_selected_action"][value="{pearl.pk}"]').check()
    page.locator('select[name="action"]').select_option("reject_selected")
    page.locator('button[name="index"]').click()
    page.wait_for_selector("textarea[name=message]")
    assert_accessible(page)
    page.get_by_label("Bericht aan de inzender").fill("Dit is een eigen tuin. Kent u een plek voor iedereen?")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(re.compile(r"/beheer/parelketting/pearl/"))
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.REJECTED
    page.goto(live_server.url + f"/beheer/parelketting/pearl/{pearl.pk}/history/")
    assert str(world.users.moderator_hw) in page.content()
    assert_accessible(page)
