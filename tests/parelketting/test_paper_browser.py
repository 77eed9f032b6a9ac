"""In Chromium: the paper pearl, dream, sign-up and consent forms and the monthly poster
pass axe-core, show no site menu in print, and fit a 320 px screen without side-scrolling."""

import pytest
from django.urls import reverse

from tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, url, heading):
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(url)
    assert heading in page.get_by_role("heading", level=1).first.inner_text()
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".no-print").first.is_visible()
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def test_paper_forms_and_poster_are_accessible(live_server, page, world, make_activity, make_pearl):
    make_pearl(title="Het bankje bij de vijver")
    activity = make_activity(title="Samen breien")
    base = live_server.url
    _check(page, base + reverse("parelketting:paper_pearl") + "?wijk=zuidwijk", "Zet een parel op de kaart")
    _check(page, base + reverse("parelketting:paper_signup", kwargs={"uid": activity.uid}), "Samen breien")
    _check(page, base + reverse("parelketting:paper_signup_blank"), "aanmelden voor een activiteit")
    _check(page, base + reverse("droomhuis:paper"), "deel uw droom")

    log_in(page, live_server, world.users.moderator_hw)
    _check(page, base + reverse("parelketting:poster"), "Affiche voor het prikbord")
    _check(page, base + reverse("parelketting:paper_signup_entry", kwargs={"uid": activity.uid}), "Papieren aanmelding")

    page.context.clear_cookies()
    log_in(page, live_server, world.users.broker_bw)
    _check(page, base + reverse("droomhuis:paper_consent"), "uw toestemming")
