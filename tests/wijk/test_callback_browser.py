"""In Chromium at 390 px, by keyboard only: a resident asks "Bel mij terug" and reads when we call; the moderator
marks the call made. Two screens and three answers for the resident; axe-core checks every page."""

import re

import pytest
from django.utils import timezone

from tests.browser import assert_accessible, log_in, tab_to
from wijk.callback_views import day_text
from wijk.models import CallbackRequest, CallbackStatus
from wijk.services import callback_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_a_resident_asks_to_be_called_back_and_the_moderator_marks_it_called(live_server, page, world):
    page.set_viewport_size({"width": 390, "height": 844})
    screens = 0
    page.goto(live_server.url + "/")
    tab_to(page, 'a[href="/bel-mij-terug/"]')
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/bel-mij-terug/$"))
    screens += 1
    assert page.get_by_role("heading", level=1).inner_text() == "Bel mij terug"
    fields = page.locator("form.callback-form > .field")
    assert fields.count() == 5  # phone, when, neighbourhood, first name, note; the honeypot stays out of sight
    assert page.locator("#id_phone").get_attribute("type") == "tel"
    day = day_text(callback_day(timezone.localdate()))
    assert day in page.content()  # the day is told before sending
    assert no_sideways_scroll(page)
    assert_accessible(page)

    answers = 0
    tab_to(page, "#id_phone")
    page.keyboard.type("0546 123 456")
    answers += 1
    tab_to(page, "input[name=day_part]")
    page.keyboard.press("ArrowDown")  # from "In de ochtend" to "In de middag"
    assert page.evaluate("document.activeElement.value") == "afternoon"
    answers += 1
    tab_to(page, "#id_neighbourhood")
    page.keyboard.press("ArrowDown")  # from "Kies uw wijk" to Hagedoorn
    assert page.evaluate("document.activeElement.value") == str(world.hagedoorn.pk)
    answers += 1
    tab_to(page, "form.callback-form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_load_state()
    page.wait_for_selector(".callback-when")
    screens += 1
    assert page.get_by_role("heading", level=1).inner_text() == "Wij bellen u terug"
    assert page.locator(".callback-when").inner_text() == f"Wij bellen u {day} in de middag."
    assert page.locator(".contact-block").count() == 1
    assert no_sideways_scroll(page)
    assert_accessible(page)
    assert (screens, answers) == (2, 3)
    callback = CallbackRequest.objects.get()
    assert (callback.neighbourhood, callback.phone, callback.status) == (world.hagedoorn, "0546 123 456", "open")

    log_in(page, live_server, world.users.moderator_bw)
    page.goto(live_server.url + "/terugbellen/")
    assert page.locator('.callback__phone a[href="tel:+31546123456"]').count() == 1
    assert no_sideways_scroll(page)
    assert_accessible(page)
    tab_to(page, 'button[formaction$="/gebeld/"]')
    page.keyboard.press("Enter")
    page.wait_for_selector(".message--success")
    assert "gebeld" in page.locator(".message--success").inner_text()
    assert_accessible(page)
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.CALLED and callback.handled_by == world.users.moderator_bw
