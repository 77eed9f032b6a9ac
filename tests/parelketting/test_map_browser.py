"""In Chromium: the pearl map's clusters are in the portal's colours with a count that can be read (and heard),
and a popup opened near the corner is moved clear of the zoom buttons. axe-core checks the page."""

import pytest

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERLAP = """() => {
  const a = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
  const b = document.querySelector('.leaflet-control-zoom').getBoundingClientRect();
  return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);
}"""


def test_clusters_in_own_colours_and_popups_clear_of_the_zoom_buttons(live_server, page, make_place, world):
    for number in range(12):
        make_place(f"Bankje {number + 1}", dlat=0.00001 * number)
    make_place("Hoekje bij de dijk", dlat=0.0031, dlng=-0.0118)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/parelketting/?wijk=" + world.zuidwijk.slug)
    cluster = page.locator(".pk-cluster").first
    cluster.wait_for()
    assert cluster.locator("[aria-hidden=true]").inner_text() == "12"
    assert cluster.locator(".visually-hidden").inner_text() == "12 parels hier. Kies om in te zoomen."
    style = cluster.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert style == ["rgb(0, 90, 112)", "rgb(255, 255, 255)"]
    assert_accessible(page)

    corner = page.locator('.pk-marker-wrap[aria-label^="Hoekje bij de dijk"]')
    corner.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content-wrapper").wait_for()
    page.wait_for_timeout(600)  # the map pans the popup into view
    assert page.evaluate(OVERLAP) is False
    assert page.get_by_role("link", name="Lees meer: Hoekje bij de dijk").is_visible()
