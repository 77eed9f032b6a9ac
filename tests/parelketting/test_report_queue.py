"""The moderators' report queue: scoped per corporation, resolve / dismiss / hide, an answer to the reporter,
and no second "Uw parel staat op de kaart"."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parelketting.choices import PearlStatus, ReportStatus, ReportWhat
from parelketting.models import Pearl, PearlReport
from parelketting.services import pearl_report

pytestmark = pytest.mark.django_db

QUEUE = reverse("parelketting:reports")


def _decide(client, report, decision, answer=""):
    url = reverse("parelketting:report_decide", kwargs={"uid": report.uid})
    return client.post(url, {"besluit": decision, "answer": answer})


@pytest.fixture
def reports(make_pearl, world):
    """One open report in each corporation."""
    hw = pearl_report(pearl=make_pearl(title="Bankje Zuidwijk"), what=ReportWhat.BROKEN, reporter="a")
    bw = pearl_report(
        pearl=make_pearl(title="Tuin Hagedoorn", neighbourhood=world.hagedoorn), what=ReportWhat.GONE, reporter="b"
    )
    return hw, bw


def test_each_moderator_sees_only_their_own_corporations_reports(reports, moderator_hw, moderator_bw, superuser):
    hw_html = moderator_hw.get(QUEUE).content.decode()
    assert "Bankje Zuidwijk" in hw_html and "Tuin Hagedoorn" not in hw_html
    bw_html = moderator_bw.get(QUEUE).content.decode()
    assert "Tuin Hagedoorn" in bw_html and "Bankje Zuidwijk" not in bw_html
    all_html = superuser.get(QUEUE).content.decode()
    assert "Tuin Hagedoorn" in all_html and "Bankje Zuidwijk" in all_html


@pytest.mark.parametrize(("persona", "status"), [("anonymous", 302), ("resident_zuidwijk", 403), ("broker_bw", 403)])
def test_others_have_no_queue(reports, as_persona, persona, status):
    assert as_persona(persona).get(QUEUE).status_code == status


def test_another_corporations_report_cannot_be_decided(reports, moderator_bw):
    hw, _bw = reports
    assert _decide(moderator_bw, hw, "dismissed").status_code == 404
    assert PearlReport.objects.get(pk=hw.pk).status == ReportStatus.OPEN


def test_resolve_keeps_the_pearl_on_the_map_and_records_who(reports, moderator_hw, world):
    hw, _bw = reports
    response = _decide(moderator_hw, hw, "resolved")
    assert response.status_code == 302 and response["Location"] == QUEUE
    hw.refresh_from_db()
    assert hw.status == ReportStatus.RESOLVED and hw.decided_by == world.users.moderator_hw and hw.decided_at
    assert hw.history.first().history_user == world.users.moderator_hw
    pearl = Pearl.objects.get(pk=hw.pearl_id)
    assert pearl.status == PearlStatus.PUBLISHED and not pearl.reported
    html = moderator_hw.get(QUEUE).content.decode()
    assert "0 meldingen wachten" in html and "Eerder besloten" in html
    assert _decide(moderator_hw, hw, "dismissed").status_code == 302  # decided once: a message, no change
    assert PearlReport.objects.get(pk=hw.pk).status == ReportStatus.RESOLVED


def test_dismissing_puts_a_pearl_back_without_a_second_on_the_map(
    make_pearl, world, moderator_hw, django_capture_on_commit_callbacks
):
    owner = world.residents.zuidwijk.email
    with django_capture_on_commit_callbacks(execute=True):
        pearl = make_pearl()
        report = pearl_report(
            pearl=pearl, what=ReportWhat.UNSUITABLE, reporter="x", reported_by=world.users.resident_hagedoorn
        )
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        _decide(moderator_hw, report, "dismissed", answer="Dit is een openbare tuin.")
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.PUBLISHED
    subjects = [m.subject for m in mail.outbox if owner in m.to]
    assert subjects.count("Uw parel staat op de kaart") == 1
    assert subjects[-1] == "Uw parel staat weer op de kaart"
    answer = [m for m in mail.outbox if m.to == ["bewoner@hagedoorn.test"]]
    assert answer and "Dit is een openbare tuin." in answer[-1].body
    assert PearlReport.objects.get(pk=report.pk).reply_email == ""


def test_hide_takes_the_pearl_off_and_closes_every_report_on_it(
    make_pearl, world, moderator_hw, anonymous, django_capture_on_commit_callbacks
):
    pearl = make_pearl()
    first = pearl_report(pearl=pearl, what=ReportWhat.GONE, reporter="a", reply_email="buur@example.org")
    pearl_report(pearl=pearl, what=ReportWhat.GONE, reporter="b")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(moderator_hw, first, "hide", answer="Het veld is weg; wij halen het van de kaart.")
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.HIDDEN and not pearl.reported
    assert not PearlReport.objects.open().filter(pearl=pearl).exists()
    assert {m.subject for m in mail.outbox} >= {"Uw parel staat niet meer op de kaart"}
    assert [m.to for m in mail.outbox if "melding" in m.subject] == [["buur@example.org"]]
    assert anonymous.get(pearl.get_absolute_url()).status_code == 200  # "tijdelijk niet te zien"


def test_no_answer_box_for_a_reporter_who_cannot_be_reached(make_pearl, moderator_hw):
    pearl_report(pearl=make_pearl(), what=ReportWhat.BROKEN, reporter="a")
    html = moderator_hw.get(QUEUE).content.decode()
    assert 'name="answer"' not in html and "liet geen e-mailadres of telefoonnummer achter" in html


def test_queue_query_count_does_not_grow_with_reports(make_pearl, moderator_hw):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert moderator_hw.get(QUEUE).status_code == 200
        return len(queries)

    pearl_report(pearl=make_pearl(title="Een"), what=ReportWhat.BROKEN, reporter="a")
    count()  # the first request also fills the site's caches
    small = count()
    for n in range(5):
        pearl_report(pearl=make_pearl(title=f"Plek {n}"), what=ReportWhat.OTHER, reporter=f"r{n}")
    assert count() == small


def test_the_menu_leads_moderators_to_their_queue(moderator_bw, resident_zuidwijk):
    link = f'href="{QUEUE}"'
    assert link in moderator_bw.get(reverse("parelketting:map")).content.decode()
    assert link not in resident_zuidwijk.get(reverse("parelketting:map")).content.decode()


def test_the_queue_says_when_the_owner_cannot_be_told(make_pearl, world, moderator_hw, anonymous):
    """A decision about content with nobody to tell says so before it is made; so does the thank-you page."""
    from tests.factories import ResidentFactory

    pearl = make_pearl(submitter=ResidentFactory(neighbourhood=world.zuidwijk), title="Plek zonder adres")
    html = anonymous.post(
        reverse("parelketting:report", kwargs={"uid": pearl.uid}), {"what": "broken"}
    ).content.decode()
    assert "Wie de parel deelde, hoort van ons" not in html
    assert "kunnen wij niet bereiken" in moderator_hw.get(QUEUE).content.decode()


def test_a_reporter_who_left_a_phone_number_gets_a_call_link(make_pearl, moderator_hw):
    report = pearl_report(pearl=make_pearl(), what=ReportWhat.BROKEN, reporter="a", reply_phone="06 12 34 56 78")
    html = moderator_hw.get(QUEUE).content.decode()
    assert 'href="tel:+31612345678"' in html and "Wat heeft u de melder gezegd?" in html
    mail.outbox.clear()
    _decide(moderator_hw, report, "resolved", answer="Gebeld: de bank wordt maandag gemaakt.")
    report.refresh_from_db()
    assert report.answer.startswith("Gebeld") and report.reply_phone == ""
    assert not [m for m in mail.outbox if "melding" in m.subject]
