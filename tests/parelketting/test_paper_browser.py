"""In Chromium: the paper pearl, dream, sign-up and consent forms and the monthly poster
pass axe-core, show no site menu in print, and fit a 320 px screen without side-scrolling."""

import pytest
from django.urls import reverse

from tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, url) -> str:
    """Axe-core, no site menu in print, no side-scrolling at 320 px; returns the page's h1 for the test to check."""
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(url)
    heading = page.get_by_role("heading", level=1).first.inner_text()
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".no-print").first.is_visible()
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    return heading


def test_paper_forms_and_poster_are_accessible(live_server, page, world, make_activity, make_pearl):
    make_pearl(title="Het bankje bij de vijver")
    activity = make_activity(title="Samen breien")
    base = live_server.url
    assert "Zet een parel op de kaart" in _check(page, base + reverse("parelketting:paper_pearl") + "?wijk=zuidwijk")
    assert "Samen breien" in _check(page, base + reverse("parelketting:paper_signup", kwargs={"uid": activity.uid}))
    assert "aanmelden voor een activiteit" in _check(page, base + reverse("parelketting:paper_signup_blank"))
    assert "deel uw droom" in _check(page, base + reverse("droomhuis:paper"))

    log_in(page, live_server, world.users.moderator_hw)
    assert "Affiche voor het prikbord" in _check(page, base + reverse("parelketting:poster"))
    assert "Papieren aanmelding" in _check(
        page, base + reverse("parelketting:paper_signup_entry", kwargs={"uid": activity.uid})
    )

    page.context.clear_cookies()
    log_in(page, live_server, world.users.broker_bw)
    assert "uw toestemming" in _check(page, base + reverse("droomhuis:paper_consent"))
