"""Staff are told when something needs them: a signal (an urgent one says so), a partner's step on a referral
(its note shows on the case), an acute referral waiting for a second broker. The e-mails say that something
happened and where, never what the signal or the note says."""

import pytest
from django.core import mail
from django.urls import reverse

from droomhuis.care.referrals import referral_create_acute, referral_transition
from droomhuis.care.signals import signal_record
from tests.conftest import notice_target

from ..conftest import SIGNAL_TEXT

pytestmark = pytest.mark.django_db


def _to(address):
    return [m for m in mail.outbox if address in m.to]


def test_an_experts_signal_reaches_the_cases_broker_and_an_urgent_one_says_so(
    world, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signal_record(dream=case, actor=world.users.expert_bw, kind="money", description=SIGNAL_TEXT)
        signal_record(dream=case, actor=world.users.expert_bw, kind="acute_danger", description="Gaslucht")
    normal, urgent = _to(world.users.broker_bw.email)
    assert normal.subject.startswith("Een nieuw signaal bij droom")
    assert urgent.subject.startswith("Dringend: een signaal bij droom") and "vandaag" in urgent.body
    for message in (normal, urgent):
        assert case.reference_display in message.subject
        assert notice_target(message) == reverse("droomhuis:case", args=[case.reference])
        assert SIGNAL_TEXT not in message.body and "Gaslucht" not in message.body and "geld" not in message.body


def test_without_an_owner_every_broker_of_the_neighbourhood_is_told(
    world, dream, broker_bw2_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signal_record(dream=dream, actor=world.users.expert_bw, kind="money", description=SIGNAL_TEXT)
    assert _to(world.users.broker_bw.email) and _to(broker_bw2_user.email)


def test_a_partners_step_reaches_the_broker_and_its_note_shows_on_the_case(
    setup, world, broker_bw, partner_welzijn, django_capture_on_commit_callbacks
):
    referral = setup["referral"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = partner_welzijn.post(
            reverse("droomhuis:partner_detail", args=[referral.uid]),
            {"to_status": "acknowledged", "outcome": "", "note": "Wij bellen mevrouw donderdag."},
        )
    assert response.status_code == 302
    notice = _to(world.users.broker_bw.email)[-1]
    assert referral.reference in notice.subject and "Welzijn" in notice.subject
    assert "Wij bellen mevrouw donderdag." not in notice.body
    case = broker_bw.get(reverse("droomhuis:case", args=[setup["dream"].reference])).content.decode()
    assert "Wij bellen mevrouw donderdag." in case


def test_closing_by_the_partner_names_the_outcome(setup, world, django_capture_on_commit_callbacks):
    referral = setup["referral"]
    for step in ("acknowledged", "contact_made"):
        referral = referral_transition(referral=referral, to_status=step, by_partner=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(referral=referral, to_status="closed", outcome="helped", by_partner=True)
    notice = _to(world.users.broker_bw.email)[-1]
    assert "Uitkomst:" in notice.body


def test_the_broker_closing_a_referral_mails_nobody_on_their_own_team(setup, world, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(
            referral=setup["referral"], to_status="closed", outcome="helped", actor=world.users.broker_bw
        )
    assert not _to(world.users.broker_bw.email)


def test_an_acute_referral_asks_the_other_brokers_to_review(
    world, case, broker_bw2_user, django_capture_on_commit_callbacks
):
    signal_record(dream=case, actor=world.users.broker_bw, kind="acute_danger", description="Gaslucht")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_create_acute(
            dream=case,
            actor=world.users.broker_bw,
            partner=world.welzijn,
            justification="Gaslucht en niemand doet open; dit kan niet wachten.",
            question="Vandaag langs",
        )
    reviews = [m for m in _to(broker_bw2_user.email) if m.subject.startswith("Beoordelen")]
    assert len(reviews) == 1 and reverse("droomhuis:referrals") in reviews[0].body
    assert not [m for m in _to(world.users.broker_bw.email) if m.subject.startswith("Beoordelen")]
