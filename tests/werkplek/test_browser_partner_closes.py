"""A partner closes a referral in a real browser, and the broker hears of it, at 390 and 1280 px, by keyboard,
axe-core clean on every page:

- the partner contact opens the referral from their list, chooses "Afgesloten", an outcome and a short note;
- the broker's e-mail about it is queued in the task queue (the database backend, as on the worker machine);
- the broker's Werkplek lists the notice; its link opens the case, where the partner's outcome note stands.

Screenshots go to ``WERKPLEK_SHOTS`` when that is set (to look at them).
"""

import pytest
from django_tasks_db.models import DBTaskResult

from droomhuis.care.referrals import referral_create, referral_transition
from droomhuis.care.workflow import ReferralStatus
from tests.browser import assert_accessible, log_in, shot, tab_to
from tests.droomhuis.conftest import give_referral_consent, picked_up
from wijk.models import NoticeKind, StaffNotice
from worker.mail import TASK_EMAIL_BACKEND

NOTE = "Mira komt nu elke dinsdag naar de koffieochtend."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_a_partner_closes_a_referral_and_the_broker_sees_the_outcome_note(
    live_server, page, world, make_dream, settings, width
):
    settings.SITE_URL = live_server.url  # the notice's link to the case is a full link
    settings.EMAIL_BACKEND = TASK_EMAIL_BACKEND
    settings.WIJKPORTAAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    broker = world.users.broker_bw
    dream = picked_up(make_dream(text="Een moestuin achter de flat."), broker)
    give_referral_consent(world, dream, "contact")
    referral = referral_create(
        dream=dream, actor=broker, partner=world.welzijn, categories=["contact"], question="Kunt u Mira bellen?"
    )
    for step in ("acknowledged", "contact_made"):
        referral = referral_transition(referral=referral, to_status=step, by_partner=True)
    DBTaskResult.objects.all().delete()  # only what the partner's closing queues counts below
    StaffNotice.objects.all().delete()

    # 1. The partner: from their list to the referral, closed with an outcome and a note.
    log_in(page, live_server, world.users.partner_welzijn)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/droomhuis/partner/")
    assert_accessible(page)
    tab_to(page, f"a[href='/droomhuis/partner/{referral.uid}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/droomhuis/partner/{referral.uid}/")
    assert_accessible(page)
    tab_to(page, "input[name=to_status][value=closed]")
    page.keyboard.press("Space")
    tab_to(page, "#id_outcome")
    page.keyboard.press("ArrowDown")  # "—" -> "Geholpen"
    assert page.locator("#id_outcome").input_value() == "helped"
    tab_to(page, "#id_note")
    page.keyboard.type(NOTE)
    shot(page, "partner-close")
    tab_to(page, "form.dh-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Opgeslagen. Dank u wel." in page.locator(".messages").inner_text()
    assert_accessible(page)
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.partner_note) == (ReferralStatus.CLOSED, "helped", NOTE)

    # 2. The broker's notice: a row for the Werkplek and an e-mail waiting in the task queue, not sent yet.
    notice = StaffNotice.objects.get(user=broker, kind=NoticeKind.REFERRAL)
    assert referral.reference in notice.subject and "Uitkomst: Geholpen" in notice.body
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "worker.tasks.send_email_message" and queued.status == "READY"
    message = queued.args_kwargs["kwargs"]["data"]
    assert message["to"] == [broker.email] and message["subject"] == notice.subject

    # 3. The broker: the Werkplek lists the notice; its link opens the case with the partner's note.
    page.context.clear_cookies()
    log_in(page, live_server, broker)
    page.goto(f"{live_server.url}/werkplek/")
    link = page.locator(".wp-notice[data-kind='referral'] a")
    assert link.inner_text() == notice.subject
    assert_accessible(page)
    shot(page, "partner-closed-werkplek")
    tab_to(page, ".wp-notice[data-kind='referral'] a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/droomhuis/makelaar/droom/{dream.reference}/")
    # On the case's history, newest first: the partner closed, with their note.
    newest = page.locator(".dh-timeline > li").first
    assert f"Aanmelding {referral.reference}: Afgesloten (Geholpen)" in newest.inner_text()
    assert NOTE in newest.inner_text()
    tab_to(page, "summary:has(#h-referrals)")
    page.keyboard.press("Enter")
    referrals = page.locator("details:has(#h-referrals)")
    assert f"{referral.reference} → Welzijn Almelo · Afgesloten (Geholpen)" in referrals.inner_text()
    assert referrals.get_by_text(NOTE).is_visible()
    shot(page, "partner-closed-case")
    assert_accessible(page)
