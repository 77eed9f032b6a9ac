"""The broker's case page on a busy case, in a real browser at 390 and 1280 px: short, the everyday actions on the
first screens, a tel: link, the staff's menu only, axe-core clean, and a contact attempt recorded by keyboard."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from droomhuis import services
from droomhuis.models import ContactAttempt
from tests.browser import assert_accessible, log_in, tab_to

CONTACT_FORM = "form[action$='/contactpoging/']"


def _busy(setup, world):
    """The ``setup`` case (signals, consents, referrals, a pairing) with the everyday work of a few weeks on it."""
    dream, broker = setup["dream"], world.users.broker_bw
    # The demo's broker, as on the demo's busiest case the budget is for (a name of 40 letters wraps every line
    # of the history: 2,584 px at 1280).
    broker.name = "Droommakelaar Beter Wonen"
    broker.save(update_fields=["name"])
    for days_ago in (9, 6, 3):
        services.contact_attempt_record(
            dream=dream,
            actor=broker,
            channel="phone",
            reached=False,
            day=timezone.localdate() - timedelta(days=days_ago),
            part_of_day="morning",
            note="Geen gehoor.",
        )
        services.note_add(dream=dream, author=broker, body="Volgende keer 's middags proberen.")
        services.resident_update_post(dream=dream, author=broker, body="We proberen u deze week te bellen.")
    return dream


def _top(page, selector):
    return page.evaluate("(s) => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("width", "max_height", "max_form_top"),
    # Before: 14,736 px and 10,109 px tall; the contact attempt form at y 9,013 and 8,435 (demo's busiest case).
    [(390, 6000, 1000), (1280, 2500, 800)],
)
def test_busy_case_is_short_and_starts_with_the_everyday_work(
    live_server, page, world, setup, width, max_height, max_form_top
):
    dream = _busy(setup, world)
    log_in(page, live_server, world.users.broker_bw)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/droomhuis/makelaar/droom/{dream.reference}/")

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= max_height, f"{height} px tall at {width} px"
    assert _top(page, CONTACT_FORM) <= max_form_top
    assert page.get_by_role("heading", name="Contactpogingen").is_visible()
    assert page.locator("a[href='tel:+31546123456']").count() == 1
    # The staff's menu (folded behind "Menu" on a phone), without the residents' items.
    menu = page.locator("#hoofdmenu a")
    assert menu.filter(has_text="Droommakelaar").count() == 1
    for resident_item in ("Parelkaart", "Deel uw droom", "Dromenmuur", "Mijn droom volgen"):
        assert menu.filter(has_text=resident_item).count() == 0, resident_item
    # The care forms are folded, their counts in view; opening one shows its form.
    assert not page.locator("#id_signal-description").is_visible()
    page.locator("summary", has_text="Signalen (2)").click()
    assert page.locator("#id_signal-description").is_visible()
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_broker_records_a_contact_attempt_by_keyboard(live_server, page, world, setup):
    dream = setup["dream"]
    log_in(page, live_server, world.users.broker_bw)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/droomhuis/makelaar/droom/{dream.reference}/")

    tab_to(page, f"{CONTACT_FORM} input[name='channel'][value='phone']")
    page.keyboard.press("Space")
    tab_to(page, f"{CONTACT_FORM} input[name='reached'][value='1']")
    page.keyboard.press("ArrowDown")  # "Nee, niet bereikt"
    tab_to(page, f"{CONTACT_FORM} input[name='part_of_day'][value='morning']")
    page.keyboard.press("ArrowRight")  # "Middag"
    tab_to(page, f"{CONTACT_FORM} input[name='note']")
    page.keyboard.type("Voicemail ingesproken.")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/makelaar/droom/[A-Z0-9]+/$"))
    page.get_by_text("Voicemail ingesproken.").first.wait_for()

    attempt = ContactAttempt.objects.get(dream=dream)
    assert (attempt.channel, attempt.reached, attempt.part_of_day, attempt.day) == (
        "phone",
        False,
        "afternoon",
        timezone.localdate(),
    )
    assert_accessible(page)


@pytest.mark.django_db
def test_a_folded_form_with_an_error_comes_back_open(world, setup):
    """An empty signal description is refused; the signals section is open so the broker sees why."""
    client = Client()
    client.force_login(world.users.broker_bw)
    dream = setup["dream"]
    response = client.post(
        f"/droomhuis/makelaar/droom/{dream.reference}/signaal/", {"signal-kind": "money", "signal-description": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details class="dh-fold dh-restricted" open>' in html
    assert '<details class="dh-fold">\n  <summary><h3 id="h-referrals">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "data", "target"),
    [
        ("notitie", {"body": ""}, "id_note_body"),
        ("bericht", {"step": "preview", "body": ""}, "id_body"),
        ("signaal", {"signal-kind": "money", "signal-description": ""}, "id_signal-description"),
        ("doorverwijzen", {"referral-question": ""}, "id_referral-question"),
    ],
)
def test_a_refused_form_on_the_case_page_has_its_error_summary(world, setup, action, data, target):
    """Before, a refused note, message, consent or referral came back with only a message at its field, thousands of
    pixels below the top where the page opened: the broker saw nothing wrong. Now the refused form has the summary
    (focused by ``autofocus``, so the page opens there), linking to the field; only one on the page."""
    client = Client()
    client.force_login(world.users.broker_bw)
    dream = setup["dream"]
    html = client.post(f"/droomhuis/makelaar/droom/{dream.reference}/{action}/", data).content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert summary and "autofocus" in summary.group(0), action
    assert f'href="#{target}' in summary.group(1)
    assert html.count('class="error-summary"') == 1 and html.count("autofocus") == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_refused_consent_opens_the_page_at_its_errors(live_server, page, world, setup):
    """At 390 px, by keyboard: an empty consent sent from its folded section; the page comes back with the summary
    focused and on screen (it used to open at the top, the errors 3,000 px lower), its link leads to the field."""
    dream = setup["dream"]
    log_in(page, live_server, world.users.broker_bw)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/droomhuis/makelaar/droom/{dream.reference}/")
    tab_to(page, "summary:has(#h-consent)")
    page.keyboard.press("Enter")
    tab_to(page, "form[action$='/toestemming/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator("#fouten")
    expect(summary).to_be_focused()
    assert summary.evaluate("(e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    tab_to(page, "#fouten a[href='#id_consent-categories_0']")
    page.keyboard.press("Enter")
    assert page.locator("#id_consent-categories_0").is_visible()
    assert_accessible(page)


@pytest.mark.django_db
def test_a_message_for_the_whole_form_links_to_its_own_section(world, setup):
    """'Niet haalbaar' without a reason is refused by the service, a message for the whole form: its summary entry
    leads to the status section, not to the top of the page ("#inhoud") the broker has just left."""
    client = Client()
    client.force_login(world.users.broker_bw)
    dream = setup["dream"]
    html = client.post(
        f"/droomhuis/makelaar/droom/{dream.reference}/status/",
        {"version": dream.version, "to_status": "not_feasible", "reason": ""},
    ).content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert summary and '<a href="#h-status">Schrijf kort op waarom.</a>' in summary.group(1)
    assert 'id="h-status"' in html
