"""In a real browser, under the real content security policy: the honeypots stay out of sight and out of reach."""

import pytest
from django.urls import reverse

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("name", ["account_signup", "droomhuis:share"])
def test_the_honeypot_is_invisible_and_skipped_by_the_keyboard(live_server, page, world, name):
    page.goto(live_server.url + reverse(name))
    assert_accessible(page)
    box = page.locator('input[name="website"]').bounding_box()
    assert box is None or box["x"] + box["width"] <= 0 or box["width"] <= 1  # off-screen or 1 px
    for _ in range(40):  # every stop of the keyboard's tab order, none of them the honeypot
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") != "website"
