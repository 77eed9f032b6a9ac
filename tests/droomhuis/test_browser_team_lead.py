"""In a real browser, by keyboard, at 390 and 1280 px: a team lead hands a case of an absent broker to a colleague
(Werkplek → Team → the case → "Droom overdragen"); the new owner sees the notice unread on their Werkplek, with the
count in the menu, opens it (the case shows "Overgedragen van A aan B door C: reden") and it is read. axe-core
clean on every page. Screenshots go to ``WERKPLEK_SHOTS`` when that is set (to look at them)."""

import pytest

from tests.browser import assert_accessible, log_in, shot, tab_to
from tests.factories import RoleFactory, UserFactory
from wijk.choices import RoleKind
from wijk.models import NoticeKind, StaffNotice

from .conftest import picked_up


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_team_lead_hands_over_and_the_new_owner_reads_the_notice(live_server, page, world, make_dream, width):
    absent = world.users.broker_bw
    absent_name = absent.name or absent.email
    colleague = UserFactory(email="fatima@bw.test", name="Fatima Yilmaz")
    RoleFactory(user=colleague, organisation=world.bw, kind=RoleKind.BROKER)
    lead = UserFactory(email="teamleider@bw.test", name="Teamleider Beter Wonen")
    RoleFactory(user=lead, organisation=world.bw, kind=RoleKind.TEAM_LEAD)
    case = picked_up(make_dream(text="Een moestuin achter de flat"), absent)
    picked_up(make_dream(text="Een bankje bij de vijver"), absent)
    page.set_viewport_size({"width": width, "height": 800})

    # The team lead: Werkplek → Team.
    log_in(page, live_server, lead)
    page.goto(f"{live_server.url}/werkplek/")
    assert "2 open dromen in uw team" in page.locator("main").inner_text()
    assert_accessible(page)
    shot(page, "team-werkplek")
    tab_to(page, "main a[href='/droomhuis/teamleider/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/droomhuis/teamleider/")
    team = page.locator("main").inner_text()
    assert "2 open dromen" in team and absent_name in team and "Fatima Yilmaz" in team
    assert "moestuin" not in team  # what the resident told stays with the broker
    assert_accessible(page)
    shot(page, "team")

    # One case: the form has the one other broker chosen; a reason, then "Droom overdragen".
    tab_to(page, f"a[href='/droomhuis/teamleider/droom/{case.reference}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/droomhuis/teamleider/droom/{case.reference}/")
    assert_accessible(page)
    shot(page, "team-case")
    tab_to(page, "#id_assign_owner")
    assert page.locator("#id_assign_owner").input_value() == str(colleague.pk)
    tab_to(page, "#id_assign_reason")
    page.keyboard.type("Ziek tot en met vrijdag")
    tab_to(page, text="Droom overdragen")
    with page.expect_navigation():  # back to the same address, after the POST's redirect
        page.keyboard.press("Enter")
    done = page.locator("main").inner_text()
    assert "De droom is overgedragen aan Fatima Yilmaz" in done
    assert f"Overgedragen van {absent_name} aan Fatima Yilmaz door Teamleider Beter Wonen" in done
    assert_accessible(page)
    shot(page, "team-case-done")
    case.refresh_from_db()
    assert case.owner == colleague

    # The new owner: the notice stands out as unread, the menu counts it; opening it marks it read.
    log_in(page, live_server, colleague)
    page.goto(f"{live_server.url}/werkplek/")
    notice = StaffNotice.objects.get(user=colleague, kind=NoticeKind.HANDOVER)
    unread = page.locator(f"#bericht-{notice.pk}")
    assert "wp-notice--unread" in unread.get_attribute("class") and "Nieuw" in unread.inner_text()
    assert case.reference_display in unread.inner_text()
    assert page.locator(".nav-badge--unread").first.text_content().startswith("1")
    assert_accessible(page)
    shot(page, "handover-notice-unread")
    tab_to(page, f"a[href='/werkplek/berichten/{notice.uid}/openen/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/droomhuis/makelaar/droom/{case.reference}/")
    assert f"Overgedragen van {absent_name} aan Fatima Yilmaz door Teamleider Beter Wonen" in page.content()
    assert "Ziek tot en met vrijdag" in page.content()
    assert_accessible(page)
    notice.refresh_from_db()
    assert notice.read_at is not None

    page.goto(f"{live_server.url}/werkplek/berichten/")
    assert page.locator(".wp-notice--unread").count() == 0
    assert page.locator(f"#bericht-{notice.pk}").is_visible()
    assert page.locator(".nav-badge--unread").count() == 0  # read: the menu's count is gone at once
    assert_accessible(page)
    shot(page, "handover-notice-read")
