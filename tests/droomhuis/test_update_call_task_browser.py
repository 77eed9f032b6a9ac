"""In Chromium at 390 px: the call list shows a broker's call task for a message, with "Voor" and the case link."""

import pytest
from django.urls import reverse

from droomhuis import services
from tests.browser import assert_accessible, log_in, shot
from wijk.models import CallbackRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_call_task_for_a_message_on_the_call_list_at_390_px(live_server, page, world):
    broker = world.users.broker_bw
    dream = services.dream_submit(
        neighbourhood=world.hagedoorn,
        text="Een moestuin achter de flat.",
        consent_contact=True,
        consent_wall=False,
        contact_preference="phone",
        phone="0546 123 456",
        first_name="Mira",
    )
    services.resident_update_post(dream=dream, author=broker, body="De moestuin mag er komen.")
    task = CallbackRequest.objects.get()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, broker)
    page.goto(live_server.url + reverse("wijk:callbacks"))
    item = page.locator(f"li:has(#terugbellen-{task.uid})")
    assert "Bericht van de droommakelaar: De moestuin mag er komen." in item.inner_text()
    assert "Voor: " in item.inner_text()
    link = item.get_by_role("link", name="Naar de droom")
    assert link.get_attribute("href") == reverse("droomhuis:case", args=[dream.reference])
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_accessible(page)
    shot(page, "callbacks-call-task")
    link.click()
    page.wait_for_url(f"**{reverse('droomhuis:case', args=[dream.reference])}")
    assert page.get_by_role("heading", level=1).count() == 1
