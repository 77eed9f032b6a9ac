"""Reports ("Er klopt iets niet") as items in the Werkplek: an inbox, one page per report with resolve, dismiss or
hide, an answer to the reporter who left a way to reach them, a history of decisions; walled per corporation.
And standard replies per corporation (edited in the admin; the portal's texts where a corporation has none)."""

import pytest
from django.core import mail
from django.urls import reverse

from parelketting.choices import PearlStatus, ReportStatus
from parelketting.models import PearlReport
from parelketting.services import pearl_publish, pearl_report
from tests.conftest import session_queries, warm_queries
from werkplek.models import ReplyKind, StandardReply

from .conftest import hagedoorn_pearl, zuidwijk_pearl

pytestmark = pytest.mark.django_db

INBOX = reverse("werkplek:reports")


def page(report):
    return reverse("werkplek:report", kwargs={"uid": report.uid})


def decide(client, report, besluit, follow=False, **data):
    url = reverse("werkplek:report_decide", kwargs={"uid": report.uid})
    return client.post(url, {"seen_status": report.status, "besluit": besluit, **data}, follow=follow)


def reported(world, make, title, n=1, **contact):
    pearl = pearl_publish(pearl=make(world, title), by=world.users.superuser)
    return [pearl_report(pearl=pearl, what="broken", note="Kapot", reporter=f"{title}{i}", **contact) for i in range(n)]


@pytest.fixture
def both(world):
    """One report in each corporation: Zuidwijk (HW Wonen, with an e-mail address) and Hagedoorn (Beter Wonen)."""
    hw = reported(world, zuidwijk_pearl, "Bankje", reply_email="melder@example.test")[0]
    bw = reported(world, hagedoorn_pearl, "Moestuin", reply_phone="0546 111 222")[0]
    return hw, bw


def test_inbox_and_pages_are_walled_per_corporation(moderator_hw, moderator_bw, both):
    hw, bw = both
    hw_inbox = moderator_hw.get(INBOX).content.decode()
    assert "Bankje" in hw_inbox and "Moestuin" not in hw_inbox
    bw_inbox = moderator_bw.get(INBOX).content.decode()
    assert "Moestuin" in bw_inbox and "Bankje" not in bw_inbox
    assert moderator_hw.get(page(hw)).status_code == 200 and moderator_hw.get(page(bw)).status_code == 404
    assert moderator_bw.get(page(hw)).status_code == 404
    assert decide(moderator_bw, hw, "dismissed").status_code == 404
    hw.refresh_from_db()
    assert hw.status == ReportStatus.OPEN


@pytest.mark.parametrize(("persona", "expected"), [("anonymous", 302), ("resident_zuidwijk", 403), ("broker_bw", 403)])
def test_reports_need_a_moderator(as_persona, both, persona, expected):
    client = as_persona(persona)
    hw, _bw = both
    assert client.get(INBOX).status_code == expected
    assert client.get(page(hw)).status_code == expected
    assert decide(client, hw, "resolved").status_code == expected


def test_resolve_with_an_answer_mails_the_reporter_and_goes_on(
    moderator_hw, world, both, django_capture_on_commit_callbacks
):
    hw, _bw = both
    second = reported(world, zuidwijk_pearl, "Speeltuin")[0]
    html = moderator_hw.get(page(hw) + "?antwoord=opgelost").content.decode()
    assert "Het klopte, en het is nu opgelost." in html and "De melder krijgt uw antwoord per e-mail." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(moderator_hw, hw, "resolved", answer="Dank u, de bank is gemaakt.")
    assert response.status_code == 302 and response.url == page(second)
    hw.refresh_from_db()
    assert (hw.status, hw.answer, hw.decided_by, hw.reply_email) == (
        ReportStatus.RESOLVED, "Dank u, de bank is gemaakt.", world.users.moderator_hw, ""
    )  # fmt: skip
    assert [m.to for m in mail.outbox if "melding" in m.subject.lower()] == [["melder@example.test"]]
    after = moderator_hw.get(page(hw)).content.decode()
    moderator = world.users.moderator_hw
    assert "Over deze melding is besloten" in after and (moderator.name or moderator.email) in after


def test_hide_takes_the_pearl_off_the_map_and_resolves_the_others(moderator_hw, world):
    first, other = reported(world, zuidwijk_pearl, "Bankje", n=2)
    response = decide(moderator_hw, first, "hide", follow=True)
    assert "staat niet meer op de kaart" in response.content.decode()
    first.pearl.refresh_from_db()
    assert first.pearl.status == PearlStatus.HIDDEN
    assert set(PearlReport.objects.values_list("status", flat=True)) == {ReportStatus.RESOLVED}


def test_dismiss_keeps_the_pearl_and_a_phone_reporter_gets_a_call(moderator_bw, both):
    _hw, bw = both
    html = moderator_bw.get(page(bw)).content.decode()
    assert 'href="tel:' in html and "Wat heeft u de melder gezegd?" in html
    response = decide(moderator_bw, bw, "dismissed", answer="Gebeld: de tuin is in orde.", follow=True)
    assert "Wat u de melder zei, staat bij de melding." in response.content.decode()
    bw.refresh_from_db()
    assert (bw.status, bw.answer, bw.reply_phone) == (ReportStatus.DISMISSED, "Gebeld: de tuin is in orde.", "")


def test_a_reporter_without_contact_gets_no_answer_field(moderator_hw, world):
    report = reported(world, zuidwijk_pearl, "Bankje")[0]
    html = moderator_hw.get(page(report)).content.decode()
    assert "Een antwoord kan niet." in html and 'name="answer"' not in html


def test_a_decision_made_by_someone_else_is_not_made_twice(moderator_hw, both):
    hw, _bw = both
    stale = {"seen_status": "open"}
    decide(moderator_hw, hw, "dismissed")
    response = moderator_hw.post(
        reverse("werkplek:report_decide", kwargs={"uid": hw.uid}), {**stale, "besluit": "resolved"}
    )
    assert response.status_code == 409
    hw.refresh_from_db()
    assert hw.status == ReportStatus.DISMISSED


def test_an_odd_decision_is_refused(moderator_hw, both):
    hw, _bw = both
    assert decide(moderator_hw, hw, "weg-ermee").status_code == 400


def test_inbox_and_report_page_query_counts_are_pinned_at_two_data_sizes(moderator_hw, world):
    reports = reported(world, zuidwijk_pearl, "Bankje", n=2, reply_email="melder@example.test")
    small_inbox, small_page = warm_queries(moderator_hw, INBOX)[0], warm_queries(moderator_hw, page(reports[0]))[0]
    for i in range(15):
        reported(world, zuidwijk_pearl, f"Tuin {i}", n=2)
    reported(world, zuidwijk_pearl, "Bankje", n=1)  # more reports on the same pearl: its page lists them
    assert warm_queries(moderator_hw, INBOX)[0] == small_inbox == 3 + session_queries()
    assert warm_queries(moderator_hw, page(reports[0]))[0] == small_page == 7 + session_queries()


def test_the_home_page_links_the_report_inbox(moderator_hw, both):
    html = moderator_hw.get(reverse("werkplek:home")).content.decode()
    assert f'href="{INBOX}"' in html and "1 melding over een parel" in html


# --- standard replies per corporation -----------------------------------------------------------------------


def test_a_corporation_uses_its_own_replies_and_the_other_keeps_the_portal_texts(
    moderator_hw, moderator_bw, world, both
):
    hw, bw = both
    own = StandardReply.objects.create(
        organisation=world.hw, kind=ReplyKind.ANSWER, label="Bedankt HW", text="HW Wonen dankt u voor de melding."
    )
    hw_html = moderator_hw.get(page(hw) + f"?antwoord=c{own.pk}").content.decode()
    assert "Bedankt HW" in hw_html and "HW Wonen dankt u voor de melding." in hw_html
    assert "Niets mis" not in hw_html  # its own list replaces the portal's for this kind
    bw_html = moderator_bw.get(page(bw) + f"?antwoord=c{own.pk}").content.decode()
    assert "Bedankt HW" not in bw_html and "HW Wonen dankt" not in bw_html and "Niets mis" in bw_html


def test_own_reject_reasons_show_on_the_pearl_page(moderator_hw, world):
    pearl = zuidwijk_pearl(world, "Bankje")
    own = StandardReply.objects.create(
        organisation=world.hw, kind=ReplyKind.REJECT, label="Privé tuin", text="Dit is een eigen tuin."
    )
    url = reverse("werkplek:pearl", kwargs={"uid": pearl.uid})
    html = moderator_hw.get(f"{url}?afwijzen=c{own.pk}").content.decode()
    assert "Privé tuin" in html and "Dit is een eigen tuin.</textarea>" in html
    assert "Standaardvragen:" in html and "Waar is het?" in html  # no own questions: the portal's


def test_replies_in_the_admin_are_walled_per_corporation(moderator_hw, moderator_bw, world):
    own = StandardReply.objects.create(organisation=world.hw, kind=ReplyKind.REJECT, label="Privé tuin", text="x")
    changelist = reverse("admin:werkplek_standardreply_changelist")
    assert "Privé tuin" in moderator_hw.get(changelist).content.decode()
    assert "Privé tuin" not in moderator_bw.get(changelist).content.decode()
    assert moderator_bw.get(reverse("admin:werkplek_standardreply_change", args=[own.pk])).status_code in (302, 404)


def test_the_migration_gives_every_corporation_the_fixed_texts():
    from importlib import import_module

    from django.apps import apps as registry

    from tests.factories import CorporationFactory

    corporation = CorporationFactory(slug="nieuw", name="Nieuw Wonen")
    import_module("werkplek.migrations.0002_standard_replies_from_the_fixed_texts").seed(registry, None)
    kinds = set(StandardReply.objects.filter(organisation=corporation).values_list("kind", flat=True))
    assert kinds == set(ReplyKind.values)
    assert StandardReply.objects.filter(organisation=corporation, label="Reclame").count() == 2


def test_a_full_inbox_counts_every_open_report(moderator_hw, world, monkeypatch):
    monkeypatch.setattr("werkplek.moderation.INBOX_SIZE", 2)
    for i in range(3):
        reported(world, zuidwijk_pearl, f"Tuin {i}")
    reported(world, hagedoorn_pearl, "Moestuin")  # another corporation's: not counted
    html = moderator_hw.get(INBOX).content.decode()
    assert "3 meldingen wachten." in html and "Hieronder staan de eerste 2." in html
    assert html.count('class="wp-card"') == 2
