"""In Chromium: a resident walks the necklace page by keyboard, signs up for an activity and opens its
calendar link. axe-core checks the route, programme and activity pages; 320 px wide without side-scrolling."""

import pytest

from parelketting.choices import SignUpStatus
from parelketting.models import SignUp
from tests.browser import assert_accessible, log_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_walks_route_by_keyboard_signs_up_and_adds_to_calendar(
    live_server, page, world, make_route, make_activity
):
    route = make_route(4)
    activity = make_activity(title="Samen breien", capacity=3)
    log_in(page, live_server, world.users.resident_zuidwijk)

    page.goto(live_server.url + route.get_absolute_url())
    page.wait_for_selector("#pk-route-map.pk-ready", state="attached")
    assert page.locator(".pk-route-marker").count() == 4  # numbered stops on the map
    assert_accessible(page)
    # By keyboard through the stops, in order, from the list (complete without the map).
    seen = tab_to(page, text="rondje-zuidwijk plek 4")
    order = [t for t in seen if t.startswith("rondje-zuidwijk plek")]
    assert order == [f"rondje-zuidwijk plek {i}" for i in range(1, 5)]
    page.keyboard.press("Enter")
    page.wait_for_url("**/parelketting/parel/**")
    assert page.get_by_role("heading", level=1).inner_text() == "rondje-zuidwijk plek 4"

    page.goto(live_server.url + "/parelketting/programma/")
    assert_accessible(page)
    tab_to(page, text="Samen breien")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{activity.get_absolute_url()}")
    assert_accessible(page)
    tab_to(page, text="Ik kom: aanmelden")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("U bent aangemeld. Tot dan!").wait_for(timeout=5000)
    assert SignUp.objects.get(activity=activity).status == SignUpStatus.CONFIRMED
    assert_accessible(page)

    link = page.get_by_role("link", name="Zet in mijn agenda")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in response.text() and "SUMMARY:Samen breien" in response.text()


def test_programme_pages_fit_320_px(live_server, page, world, make_route, make_activity):
    route = make_route(3)
    activity = make_activity()
    page.set_viewport_size({"width": 320, "height": 800})
    for path in [
        route.get_absolute_url(),
        "/parelketting/programma/",
        activity.get_absolute_url(),
        "/parelketting/ketting/",
    ]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
        assert_accessible(page)


def test_admin_route_and_activity_pages_pass_axe(live_server, page, world, make_route, make_activity):
    route = make_route(3)
    activity = make_activity(publish=False)
    log_in(page, live_server, world.users.moderator_hw)
    for path in [
        f"/beheer/parelketting/route/{route.pk}/change/",
        "/beheer/parelketting/activity/",
        f"/beheer/parelketting/activity/{activity.pk}/change/",
        f"/parelketting/programma/{activity.uid}/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() >= 1, path
        assert_accessible(page)
