"""In a real browser, by keyboard: a facilitator adds and moves canvas notes, compares two workshops and opens
the print view. Every page passes axe-core."""

import re

import pytest

from tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page):
    """Press Enter on the focused control and wait for the page that the form leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")


def notes(page, block):
    return page.locator(f"#vak-{block} .note__text").all_inner_texts()


def test_facilitator_edits_compares_and_prints_by_keyboard(live_server, page, world, atelier):
    log_in(page, live_server, world.users.facilitator)
    base = f"{live_server.url}/atelier/experimenten/{atelier.parel.slug}"
    page.goto(f"{base}/canvas/3/")
    assert page.get_by_role("heading", level=1).inner_text() == "Canvas: Parelketting"
    assert_accessible(page)

    field = page.get_by_label("Nieuw kaartje bij Partners")
    field.focus()
    page.keyboard.type("Bibliotheek")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#vak-key-partners$"))
    # The small script puts the focus back in the same block's field, so typing can go on.
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement.id") == "nieuw-key-partners", page.evaluate(
        "[document.activeElement.tagName, location.hash, !!document.querySelector('script[src*=canvas]')]"
    )
    page.keyboard.type("Buurthuis")
    submit(page)
    assert notes(page, "key-partners") == ["Welzijnswerk", "Bibliotheek", "Buurthuis"]
    assert_accessible(page)

    summary = page.locator("summary", has_text="Wijzig of verplaats: Buurthuis")
    summary.focus()
    page.keyboard.press("Enter")
    up = page.get_by_role("button", name=re.compile(r"^Omhoog\s*: Buurthuis$"))
    up.wait_for(state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Omhoog: Buurthuis"
    submit(page)
    assert notes(page, "key-partners") == ["Welzijnswerk", "Buurthuis", "Bibliotheek"]
    # Focus comes back to the moved note, so it can be moved again straight away.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Wijzig of verplaats: Buurthuis"
    assert page.get_by_text("Kaartje verplaatst: Buurthuis").is_visible()

    page.locator("summary", has_text="Wijzig of verplaats: Bibliotheek").focus()
    page.keyboard.press("Enter")
    select = page.get_by_label("Naar een ander vak").locator("visible=true").first
    select.focus()
    select.select_option("key_resources")
    page.get_by_role("button", name=re.compile(r"^Verplaats\s*: Bibliotheek$")).focus()
    submit(page)
    assert notes(page, "key-partners") == ["Welzijnswerk", "Buurthuis"]
    assert notes(page, "key-resources") == ["Bibliotheek"]

    # The next workshop's canvas starts as a copy of this one; then one note changes and one is added.
    page.goto(f"{base}/canvas/4/")
    assert_accessible(page)
    page.get_by_role("button", name="Canvas maken").focus()
    submit(page)
    assert notes(page, "key-resources") == ["Bibliotheek"]
    page.get_by_label("Nieuw kaartje bij Voor wie").focus()
    page.keyboard.type("Ouderen in de Zuidwijk")
    submit(page)

    page.get_by_role("link", name="Vergelijk met werkatelier 3").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/canvas/vergelijk/"))
    assert "1 nieuw, 0 weggehaald, 0 gewijzigd" in page.locator("#samenvatting").inner_text()
    added = page.locator(".change--added")
    assert added.count() == 1
    assert "Nieuw" in added.text_content() and "Ouderen in de Zuidwijk" in added.text_content()
    assert_accessible(page)

    page.goto(f"{base}/canvas/4/")
    page.get_by_role("link", name="Afdrukken").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/afdrukken/$"))
    assert "Ouderen in de Zuidwijk" in page.inner_text("main")
    assert_accessible(page)
    page.emulate_media(media="print")
    columns = page.evaluate("getComputedStyle(document.querySelector('.canvas')).gridTemplateColumns.split(' ').length")
    assert columns == 10
    assert page.locator(".print-tools").is_hidden()


def test_canvas_stacks_at_320_px_without_sideways_scrolling(live_server, page, world, atelier):
    log_in(page, live_server, world.users.facilitator)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/atelier/experimenten/{atelier.parel.slug}/canvas/3/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    columns = page.evaluate("getComputedStyle(document.querySelector('.canvas')).gridTemplateColumns.split(' ').length")
    assert columns == 1
    assert_accessible(page)


def test_evidence_table_stacks_at_390_px_without_sideways_scrolling(
    live_server, phone_page, world, atelier, fake_live_parts
):
    """The figures per month on a phone: one block per month, each figure with its column's name, nothing cut off
    and no sideways scrolling; on a wide screen it stays a table."""
    page = phone_page()
    log_in(page, live_server, world.users.facilitator)
    page.goto(f"{live_server.url}/atelier/experimenten/{atelier.droom.slug}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    table = page.locator("#tabel-cijfers")
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    region = page.get_by_role("region", name="Tabel met de cijfers per maand")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth"), "the table is cut off inside its region"
    first = table.locator("tbody td").first
    assert first.evaluate("td => getComputedStyle(td, '::before').content") == '"Dromen ontvangen: "'
    assert table.locator("tbody tr").count() == 2 and table.locator("tfoot td").count() == 3
    assert_accessible(page)

    page.set_viewport_size({"width": 1024, "height": 800})
    assert table.locator("tbody tr").first.evaluate("tr => getComputedStyle(tr).display") == "table-row"
    assert first.evaluate("td => getComputedStyle(td, '::before').content") == "none"


ATELIER_PAGES = [
    "/atelier/",
    "/atelier/experimenten/",
    "/atelier/experimenten/parelketting-zuidwijk/",
    "/atelier/experimenten/droomhuis-hagedoorn/",
    "/atelier/experimenten/droomhuis-hagedoorn/canvas/vergelijk/",
    "/atelier/teams/team-3/werkateliers/4/",
    "/atelier/teams/team-3/werkateliers/3/",
]


def test_demo_record_pages_pass_axe_for_the_public_and_the_facilitator(live_server, page):
    from django.core.management import call_command

    from wijk.models import User

    call_command("loaddemo", force=True)
    for path in ATELIER_PAGES:
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).count() == 1, path
        assert_accessible(page)
    log_in(page, live_server, User.objects.get(email="facilitator@atelier.example"))
    for path in [
        *ATELIER_PAGES,
        "/atelier/experimenten/droomhuis-hagedoorn/verhalen/nieuw/",
        "/atelier/teams/team-3/werkateliers/nieuw/",
        "/atelier/teams/team-3/werkateliers/4/wijzigen/",
        "/atelier/experimenten/droomhuis-hagedoorn/waarom-hoe-wat/4/",
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.goto(live_server.url + "/atelier/experimenten/droomhuis-hagedoorn/")
    assert page.get_by_role("link", name="Verhaal toevoegen").is_visible()
