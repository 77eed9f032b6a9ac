"""In Chromium at 390 px, by keyboard only: a resident reports a broken bench, the pearl stays on the map, and
the corporation's moderator finds the report in the queue and resolves it. axe-core checks every page.

Counted: the resident needs 3 screens (the pearl, the question, the thank-you page) and 1 required field (what
is wrong; the note is optional and filled here); the moderator needs 2 screens (the queue, the queue after
the decision) and no field.
"""

import re

import pytest

from parelketting.choices import PearlStatus, ReportStatus
from parelketting.models import Pearl, PearlReport
from tests.browser import assert_accessible, log_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_resident_reports_a_broken_bench_and_the_moderator_resolves_it(live_server, page, world, make_pearl):
    pearl = make_pearl(title="Het bankje bij de vijver")
    page.set_viewport_size(PHONE)
    screens, fields = 0, set()

    log_in(page, live_server, world.users.resident_hagedoorn)
    page.goto(live_server.url + pearl.get_absolute_url())
    screens += 1
    assert_accessible(page)
    tab_to(page, text="Er klopt iets niet")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/melden/$"))
    screens += 1
    assert_accessible(page)
    required = page.locator("form [name=what]").first.get_attribute("required") is not None
    tab_to(page, "[name=what]")  # the first answer to 'Wat klopt er niet?'
    page.keyboard.press("Space")
    assert page.get_by_label("Het is kapot of niet veilig").is_checked()
    fields.add("what")
    page.keyboard.press("Tab")
    page.keyboard.type("De leuning van het bankje is los.")
    assert page.evaluate("document.activeElement.name") == "reason"
    fields.add("reason")
    tab_to(page, text="Melding versturen")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Dank u wel voor uw melding").wait_for()
    screens += 1
    assert_accessible(page)
    assert "‘Het bankje bij de vijver’ blijft op de kaart." in page.inner_text("main")
    assert "Wat gebeurt er nu?" in page.inner_text("main")
    assert (screens, len(fields)) == (3, 2)
    assert required  # the one required question; the note may stay empty

    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.PUBLISHED
    geojson = page.request.get(live_server.url + "/parelketting/pearls.geojson").json()
    assert str(pearl.uid) in str(geojson)

    moderator_screens = 0
    log_in(page, live_server, world.users.moderator_hw)
    page.goto(live_server.url + "/parelketting/meldingen/")
    moderator_screens += 1
    assert_accessible(page)
    card = page.locator(".pk-card", has_text="Het bankje bij de vijver")
    assert "Het is kapot of niet veilig" in card.inner_text()
    assert "De leuning van het bankje is los." in card.inner_text()
    assert "De parel staat op de kaart." in card.inner_text()
    tab_to(page, text="Klopt, is opgelost")
    page.keyboard.press("Enter")

    page.get_by_text("De melding is afgehandeld.").wait_for()
    moderator_screens += 1
    assert_accessible(page)
    assert "0 meldingen wachten" in page.inner_text("main")
    assert moderator_screens == 2

    report = PearlReport.objects.get(pearl=pearl)
    assert report.status == ReportStatus.RESOLVED and report.decided_by == world.users.moderator_hw
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.PUBLISHED
