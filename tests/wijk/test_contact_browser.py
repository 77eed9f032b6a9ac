"""In Chromium at phone widths: the contact block reads without sideways scrolling, passes axe-core and calls."""

import pytest
from django.urls import reverse

from tests.browser import assert_accessible

from .test_contact import contacts  # noqa: F401 - the fixture with both corporations' details


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("name", ["wijk:home", "account_login", "parelketting:paper_pearl"])
def test_the_contact_block_fits_a_phone_and_passes_axe(live_server, page, contacts, name, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 800})
    query = "?wijk=zuidwijk" if name == "parelketting:paper_pearl" else ""
    page.goto(live_server.url + reverse(name) + query)
    block = page.locator(".contact-block").first
    block.scroll_into_view_if_needed()
    call = block.locator('a[href^="tel:"]').first
    assert call.get_attribute("href") in {"tel:+31186000000", "tel:+31546000000"}
    assert call.bounding_box()["height"] >= 44  # a target a thumb can hit
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert_accessible(page)
