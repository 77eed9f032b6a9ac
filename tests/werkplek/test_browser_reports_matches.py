"""Two staff journeys in a real browser at 390 px, by keyboard only, axe-core clean on every page:

- a moderator goes from the Werkplek to the reports, opens the first, picks a standard answer, changes it and
  resolves the report: the reporter gets the answer by e-mail;
- a broker opens "Wie kan helpen?" on their case, records a match with a partner of the dream's neighbourhood,
  refers the resident through it and closes it with an outcome, which the case's history then shows.

Screenshots go to ``WERKPLEK_SHOTS`` when that is set (to look at them).
"""

import pytest
from django.core import mail

from droomhuis.matches.models import Match, MatchStatus
from parelketting.choices import ReportStatus
from parelketting.models import PearlReport
from parelketting.services import pearl_publish, pearl_report
from tests.browser import assert_accessible, log_in, shot, tab_to
from tests.droomhuis.conftest import give_referral_consent, picked_up

from .conftest import zuidwijk_pearl

WIDTH = 390


def press(page, selector, key="Enter"):
    tab_to(page, selector)
    page.keyboard.press(key)


def submit(page, selector):
    """Press Enter on a form's button and wait for the page it leads to (often the same address)."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_moderator_resolves_a_report_and_answers_the_reporter(live_server, page, world):
    pearl = pearl_publish(pearl=zuidwijk_pearl(world, "Bankje bij de vijver"), by=world.users.superuser)
    report = pearl_report(
        pearl=pearl, what="broken", note="De leuning is los.", reporter="buur", reply_email="melder@example.test"
    )
    log_in(page, live_server, world.users.moderator_hw)
    page.set_viewport_size({"width": WIDTH, "height": 800})

    page.goto(f"{live_server.url}/werkplek/")
    assert_accessible(page)
    press(page, "[data-key='reports'] a")
    page.wait_for_url("**/werkplek/meldingen/")
    assert_accessible(page)
    shot(page, "report-inbox")
    press(page, "a.button")
    page.wait_for_url(f"**/werkplek/meldingen/{report.uid}/")
    assert_accessible(page)
    press(page, "a[href$='/?antwoord=opgelost#besluit']")
    page.wait_for_url("**?antwoord=opgelost*")
    answer = page.locator("#id_report_answer")
    assert "het is nu opgelost" in answer.input_value()
    assert_accessible(page)
    shot(page, "report-page")
    tab_to(page, "#id_report_answer")
    page.keyboard.press("Control+End")
    page.keyboard.type(" De leuning zit weer vast.")
    press(page, "button[value='resolved']")
    page.wait_for_url("**/werkplek/meldingen/")
    assert "Uw antwoord gaat per e-mail naar de melder." in page.locator(".messages").inner_text()
    assert_accessible(page)
    report = PearlReport.objects.get(pk=report.pk)
    assert report.status == ReportStatus.RESOLVED and report.answer.endswith("De leuning zit weer vast.")
    assert any(m.to == ["melder@example.test"] for m in mail.outbox)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_broker_records_a_match_refers_and_closes_it_with_an_outcome(live_server, page, world, make_dream):
    world.welzijn.themes.set([world.themes["ontmoeting"]])
    dream = picked_up(make_dream(themes=[world.themes["ontmoeting"]]), world.users.broker_bw)
    give_referral_consent(world, dream, "contact")
    log_in(page, live_server, world.users.broker_bw)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    case = f"{live_server.url}/droomhuis/makelaar/droom/{dream.reference}/"

    page.goto(case)
    assert_accessible(page)
    press(page, "#wie-kan-helpen > summary")
    press(page, f"input[name='match-target'][value='partner:{world.welzijn.pk}']", "Space")
    tab_to(page, "#id_match-note")
    page.keyboard.type("Zij hebben een koffieochtend in de school.")
    shot(page, "match-record")
    submit(page, "#wie-kan-helpen button[type=submit]")
    match = Match.objects.get()
    assert_accessible(page)
    assert page.locator(f"#match-{match.uid}").is_visible()  # the fold opens on the match it went to

    press(page, f"#match-{match.uid} details:first-of-type > summary")
    tab_to(page, f"#id_contact_{match.pk}_message")
    page.keyboard.type("Mira wil graag buren ontmoeten. Kan zij bij de koffieochtend komen?")
    submit(page, f"#match-{match.uid} form[action$='/contact/'] button[type=submit]")
    assert "aanmelding gekregen" in page.locator(".messages").inner_text()
    assert_accessible(page)

    press(page, f"#match-{match.uid} details > summary")
    press(page, f"#id_close_{match.pk}_outcome_0", "Space")
    tab_to(page, f"#id_close_{match.pk}_note")
    page.keyboard.type("Mira gaat nu elke dinsdag.")
    shot(page, "match-close")
    submit(page, f"#match-{match.uid} form[action$='/afsluiten/'] button[type=submit]")
    assert_accessible(page)
    match.refresh_from_db()
    assert match.status == MatchStatus.CLOSED and match.outcome == "helped" and match.referral is not None
    history = page.locator(".dh-timeline").first.inner_text()
    assert "Welzijn Almelo → Het hielp" in history and "Mira gaat nu elke dinsdag." in history
    shot(page, "match-closed")
