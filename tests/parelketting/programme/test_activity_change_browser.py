"""In Chromium: a moderator changes an activity by keyboard only. The signed-up resident who wants post gets
a letter in the print queue. axe-core checks the form, the form with an error, and the result; 320 px fits."""

import pytest

from parelketting.programme.services import signup_create
from tests.browser import assert_accessible, log_in, tab_to
from wijk.choices import ContactPreference
from wijk.models import Letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_moderator_changes_an_activity_by_keyboard(live_server, page, world, make_activity):
    activity = make_activity(title="Samen breien", capacity=5)
    resident = world.residents.zuidwijk
    resident.contact_preference = ContactPreference.LETTER
    resident.postal_address = "Spui 12\n3262 AB Oud-Beijerland"
    resident.save()
    signup_create(activity=activity, resident=resident)
    Letter.objects.all().delete()
    log_in(page, live_server, world.users.moderator_hw)

    # From the activity page to the Werkplek's page of the activity, then to the change form.
    page.goto(live_server.url + activity.get_absolute_url())
    tab_to(page, text="Aanmeldingen, veranderen of laten vervallen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, text="Tijd, plek of tekst veranderen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Activiteit veranderen"
    assert_accessible(page)

    # First a mistake: an empty name. The error sits next to the field and the page stays accessible.
    tab_to(page, "#id_title")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    tab_to(page, text="Veranderingen opslaan")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_title[aria-invalid='true']").count() == 1
    assert_accessible(page)

    tab_to(page, "#id_title")
    page.keyboard.type("Samen sjaals breien")
    tab_to(page, "#id_place_text")
    page.keyboard.type("Buurthuis De Schakel")
    tab_to(page, "#id_place")
    page.keyboard.press("Home")  # "Een andere plek": the description counts
    tab_to(page, text="Veranderingen opslaan")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Someone is signed up: first the page says who hears it and how, then the moderator confirms.
    assert page.get_by_role("heading", level=1).inner_text() == "Verandering versturen?"
    assert_accessible(page)
    tab_to(page, text="Ja, verander en stuur bericht")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("De activiteit is veranderd.", exact=False).first.wait_for(timeout=5000)
    assert "1 brief (bij de brieven)" in page.locator("main").inner_text()
    assert "Samen sjaals breien" in page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page)

    activity.refresh_from_db()
    assert activity.title == "Samen sjaals breien" and activity.place is None
    assert activity.place_text == "Buurthuis De Schakel"
    letter = Letter.objects.get(reason="parelketting.activity_changed")
    assert letter.resident == resident and "Buurthuis De Schakel" in letter.body and "http" not in letter.body


def test_the_change_form_fits_320_px(live_server, page, world, make_activity):
    activity = make_activity()
    log_in(page, live_server, world.users.moderator_hw)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + f"/parelketting/programma/{activity.uid}/veranderen/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert_accessible(page)
