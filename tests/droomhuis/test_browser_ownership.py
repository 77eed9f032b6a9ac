"""Ownership and intake in a real browser at 390 and 1280 px, by keyboard, axe-core clean: a broker looks up an
existing resident, takes a dream in during a call (it is theirs at once), and loses a pick-up race politely."""

import pytest

from droomhuis.models import Dream
from droomhuis.workflow import DreamStatus
from tests.browser import assert_accessible, log_in, shot, tab_to


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_intake_for_a_known_resident_and_a_lost_race(live_server, page, world, make_dream, broker_bw2_user, width):
    henk = world.residents.hagedoorn
    henk.phone = "0546 123 456"
    henk.save()
    log_in(page, live_server, world.users.broker_bw)
    page.set_viewport_size({"width": width, "height": 800})

    # Intake: look Henk up by phone number and choose him; no new resident is made.
    page.goto(f"{live_server.url}/droomhuis/makelaar/nieuwe-droom/")
    assert_accessible(page)
    tab_to(page, "#id_zoek")
    page.keyboard.type("0546123456")
    page.keyboard.press("Enter")
    page.wait_for_url("**zoek=0546123456**")
    shot(page, "intake-found")
    assert_accessible(page)
    tab_to(page, f"a[href='?bewoner={henk.uid}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**bewoner={henk.uid}**")
    assert "U voert een droom in voor Henk (Hagedoorn)." in page.locator("main").inner_text()
    assert page.locator("#id_first_name").count() == 0
    assert_accessible(page)
    tab_to(page, "input[name=channel]")  # a radio group: Tab reaches it, the arrow keys choose
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=channel][value=phone]").is_checked()
    tab_to(page, "#id_text")
    page.keyboard.type("Henk belde: hij wil een bankje bij de speeltuin.")
    page.locator("input[name=contact_preference][value=phone]").check()
    page.locator("#id_consent_note").fill("Mondeling ja gezegd aan de telefoon")
    page.locator("form.dh-form button[type=submit]").last.click()
    page.wait_for_url("**/droomhuis/makelaar/droom/**")
    taken_in = Dream.objects.get(text__startswith="Henk belde")
    assert taken_in.resident == henk and taken_in.owner == world.users.broker_bw
    assert "is nu van u" in page.locator(".messages").inner_text()
    shot(page, "intake-case")

    # A race: the second broker picked the new dream up a moment earlier.
    dream = make_dream(text="Een moestuin achter de flat.")
    page.goto(f"{live_server.url}/droomhuis/makelaar/droom/{dream.reference}/")
    pickup = page.locator("form.dh-pickup button")
    assert pickup.is_visible()
    top = page.evaluate("document.querySelector('form.dh-pickup').getBoundingClientRect().top + window.scrollY")
    assert top < 1000, top
    assert_accessible(page)
    from droomhuis import services

    services.dream_pick_up(dream=dream, actor=broker_bw2_user)
    tab_to(page, "form.dh-pickup button")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    message = page.locator(".messages").inner_text()
    assert "Tweede Makelaar pakte deze droom net op." in message
    assert "picking_up" not in page.content()
    shot(page, "race-lost")
    assert_accessible(page)
    dream.refresh_from_db()
    assert dream.owner == broker_bw2_user and dream.status == DreamStatus.PICKING_UP
