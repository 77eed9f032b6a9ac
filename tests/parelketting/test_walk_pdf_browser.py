"""In Chromium at 390 px, with a separate worker: a walker asks for the walk as PDF, reads "Wij maken uw PDF",
and once the worker made it, gets the file with the button on that page, by keyboard; a failed PDF is said plainly
with a button to try again. axe-core checks every page."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.browser import assert_accessible, shot, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_walk_pdf_made_by_the_worker_is_one_click_away(live_server, page, make_route, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    route = make_route(3)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{route.get_absolute_url()}")
    assert_accessible(page)

    page.get_by_role("link", name="Wandeling als PDF (A4)").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Wij maken uw PDF"
    assert "Dit duurt even" in page.get_by_role("status").inner_text()
    assert page.evaluate(NO_OVERFLOW) <= 0
    assert_accessible(page)
    shot(page, "walk-pdf-waiting")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "walk-pdf-waiting")

    call_command("run_worker", "--once", "--no-schedule", verbosity=0)
    tab_to(page, text="Download de PDF")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"ketting-{route.slug}.pdf"
    with open(download.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"

    # A PDF that failed: said plainly, with a button that queues it again.
    page.set_viewport_size({"width": 390, "height": 844})
    cache.clear()
    with mock.patch("weasyprint.HTML.write_pdf", side_effect=OSError("no fonts")):  # the outside world fails
        page.goto(f"{live_server.url}{route.get_absolute_url()}")
        page.get_by_role("link", name="Wandeling als PDF (A4)").click()
        call_command("run_worker", "--once", "--no-schedule", verbosity=0)
        page.get_by_role("link", name="Download de PDF").click()
    assert page.get_by_role("heading", level=1).inner_text() == "De PDF is niet gelukt"
    assert "Dat ligt niet aan u." in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    tab_to(page, text="Probeer het opnieuw")
    with page.expect_navigation():  # the form's answer, not the page that was already there
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Wij maken uw PDF"
