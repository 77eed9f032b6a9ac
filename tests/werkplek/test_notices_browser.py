"""A broker's notices in a real browser at 1280 and 390 px (and in Arabic, right to left): the Werkplek shows the
latest one, "Alle berichten" lists them, and by keyboard the broker chooses one e-mail a day for signals.
axe-core clean on every page. Screenshots go to ``WERKPLEK_SHOTS`` when that is set (to look at them)."""

import pytest

from droomhuis.care.signals import signal_record
from tests.browser import assert_accessible, log_in, shot, tab_to
from wijk.models import NoticePreference


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width, language", [(1280, "nl"), (390, "nl"), (390, "ar")])
def test_a_broker_reads_a_notice_and_chooses_a_daily_email(live_server, page, world, make_dream, width, language):
    from tests.droomhuis.conftest import picked_up

    broker = world.users.broker_bw
    case = picked_up(make_dream(text="Een moestuin achter de flat"), broker)
    signal_record(dream=case, actor=world.users.expert_bw, kind="money", description="Rekeningen stapelen op")
    log_in(page, live_server, broker)
    if language != "nl":
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 800})

    page.goto(f"{live_server.url}/werkplek/")
    notice = page.locator(".wp-notice[data-kind='signal'] a")
    assert case.reference_display in notice.inner_text()
    assert "Rekeningen" not in page.content()
    shot(page, f"notices-home-{language}")
    assert_accessible(page)
    tab_to(page, "a[href='/werkplek/berichten/']")
    page.keyboard.press("Enter")

    page.wait_for_url("**/werkplek/berichten/")
    assert page.locator(".wp-notice").count() == 1
    assert_accessible(page)
    tab_to(page, "#id_signal_0")  # the chosen one of a radio group takes the focus: "Meteen een e-mail"
    page.keyboard.press("ArrowDown")  # on to "Eén e-mail per dag"
    assert page.locator("#id_signal_1").is_checked()
    shot(page, f"notices-page-{language}")
    tab_to(page, "form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".messages").count() == 1
    assert_accessible(page)
    assert NoticePreference.objects.get(user=broker, kind="signal").way == "digest"
