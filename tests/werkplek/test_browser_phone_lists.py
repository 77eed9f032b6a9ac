"""Phone-sized work, in a real browser: the dream queue and the moderation inbox at 390 px are cards, with the
deadline (next action, or the day a pearl came in) and the owner in the first card, nothing wider than the screen,
and the queue's filters folded; at 1280 px the queue is still a table. axe-core clean on every page.
Screenshots go to ``WERKPLEK_SHOTS`` when that is set (to look at them)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from droomhuis.models import Dream
from tests.browser import assert_accessible, log_in, shot, tab_to
from tests.droomhuis.conftest import picked_up

from .conftest import zuidwijk_pearl

NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def inside_the_screen(locator, width):
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_dream_queue_is_cards_with_deadline_and_owner_and_folded_filters(
    live_server, page, world, make_dream, width
):
    broker = world.users.broker_bw
    late = timezone.localdate() - timedelta(days=2)
    for i in range(3):
        dream = picked_up(make_dream(text=f"Een moestuin achter flat {i}, met een bankje en veel groen erbij."), broker)
        Dream.objects.filter(pk=dream.pk).update(next_action_date=late + timedelta(days=i))
    log_in(page, live_server, broker)
    page.set_viewport_size({"width": width, "height": 844})
    # As the menu opens it, without a query: the filters were open there (an unbound form is never valid).
    page.goto(f"{live_server.url}/droomhuis/makelaar/")
    assert page.locator("details.dh-filter-fold").get_attribute("open") is None
    assert "{#" not in page.locator("main").inner_text()  # a template comment printed as text
    page.goto(f"{live_server.url}/droomhuis/makelaar/?view=mine")

    assert page.evaluate(NO_SIDEWAYS), "the page scrolls sideways"
    filters = page.locator("details.dh-filter-fold")
    assert filters.get_attribute("open") is None and not page.locator("#id_q").is_visible()
    first = page.locator("table.dh-cards tbody tr").first
    deadline, owner = first.locator("td.dh-next"), first.locator("td.dh-owner")
    assert date_format(late, "j F Y") in deadline.inner_text() and "Te laat" in deadline.inner_text()
    assert (broker.name or broker.email) in owner.inner_text()
    for cell in (deadline, owner):
        assert cell.is_visible() and inside_the_screen(cell, width)
    cards = page.evaluate("getComputedStyle(document.querySelector('table.dh-cards tr')).display")
    assert cards == ("block" if width == 390 else "table-row")
    if width == 390:
        label = page.evaluate("getComputedStyle(document.querySelector('td.dh-next'), '::before').content")
        assert label == '"Volgende actie: "', label  # each value in a card names its column
        assert first.bounding_box()["y"] < 844 * 2  # the first card within two screens of the top
    shot(page, "queue-phone")
    assert_accessible(page)

    # The filters open by keyboard, and stay open while a filter is in use.
    tab_to(page, "details.dh-filter-fold > summary")
    page.keyboard.press("Enter")
    tab_to(page, "#id_q")
    page.keyboard.type("flat 1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("details.dh-filter-fold").get_attribute("open") is not None
    assert page.locator("table.dh-cards tbody tr").count() == 1
    assert page.evaluate(NO_SIDEWAYS)
    shot(page, "queue-phone-filtered")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_moderation_inbox_is_cards_with_the_day_in_view(live_server, page, world, width):
    for title in ("Het bankje bij de grote vijver achter de sporthal", "De speeltuin", "De moestuin"):
        zuidwijk_pearl(world, title)
    log_in(page, live_server, world.users.moderator_hw)
    page.set_viewport_size({"width": width, "height": 844})
    for path in ("/werkplek/parels/", "/werkplek/activiteiten/", "/werkplek/meldingen/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate(NO_SIDEWAYS), f"{path} scrolls sideways"
        assert_accessible(page)
    page.goto(f"{live_server.url}/werkplek/parels/")
    first = page.locator(".wp-card").first
    day = first.get_by_text(f"ingestuurd op {date_format(timezone.localdate(), 'j F Y')}")
    assert day.is_visible() and inside_the_screen(day, width)
    assert first.bounding_box()["y"] < 844  # the first card on the first screen
    shot(page, "inbox-phone")
