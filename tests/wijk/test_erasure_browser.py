"""In a real browser, by keyboard only: a resident asks to be forgotten from "Mijn gegevens". axe-core checks each page."""

import re

import pytest

from parelketting.choices import PearlKind
from parelketting.models import Pearl
from parelketting.services import pearl_publish, pearl_submit
from tests.browser import assert_accessible, log_in, tab_to
from wijk.models import ErasureRecord, Resident, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_forgets_themselves_by_keyboard(live_server, page, world):
    pearl = pearl_submit(
        kind=PearlKind.PLACE,
        title="Bankje bij de vijver",
        story="Mooi in de zon.",
        neighbourhood=world.zuidwijk,
        submitter=world.residents.zuidwijk,
        lat=world.zuidwijk.centre_lat,
        lng=world.zuidwijk.centre_lng,
    )
    pearl_publish(pearl=pearl, by=world.users.superuser)
    log_in(page, live_server, world.users.resident_zuidwijk)

    page.goto(live_server.url + "/mijn-gegevens/")
    assert_accessible(page)
    tab_to(page, "a[href='/mijn-gegevens/vergeet-mij/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/mijn-gegevens/vergeet-mij/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Vergeet mij"
    assert "Zonder naam: 1" in page.content()
    assert_accessible(page)

    tab_to(page, ".forget-form button[type=submit]")
    page.keyboard.press("Enter")  # no tick yet: nothing happens but a clear message
    page.wait_for_selector("text=Zet eerst een vinkje")
    assert_accessible(page)
    assert Resident.objects.get(pk=world.residents.zuidwijk.pk).erased_at is None

    tab_to(page, "input[name=publications]:checked")
    page.keyboard.press("ArrowDown")  # "Haal het weg"
    tab_to(page, "#id_confirm")
    page.keyboard.press("Space")
    tab_to(page, ".forget-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Wij zijn u vergeten')")
    assert_accessible(page)

    assert Resident.objects.get(pk=world.residents.zuidwijk.pk).erased_at is not None
    assert not User.objects.filter(email="bewoner@zuidwijk.test").exists()
    assert not Pearl.objects.filter(pk=pearl.pk).exists()
    assert ErasureRecord.objects.get().role == "resident"
    page.goto(live_server.url + "/mijn-gegevens/")
    assert "/accounts/login/" in page.url  # logged out


def test_forget_page_fits_a_phone(live_server, page, world):
    log_in(page, live_server, world.users.resident_zuidwijk)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/mijn-gegevens/vergeet-mij/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert_accessible(page)
