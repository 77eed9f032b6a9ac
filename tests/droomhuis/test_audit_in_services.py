"""Every write to a resident's file logs itself in its service, whoever calls it (no request, no client here).

One service call, one access-log row: who, in which role, for which organisation, about which record. A write
that fails leaves no row, and a service that is one step of another (pick-up, intake, sending a new referral)
does not add a second row.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from droomhuis import services
from droomhuis.care.confidentiality import confidentiality_record
from droomhuis.care.pairings import expert_note_add, pairing_consent_record, pairing_create, pairing_renew
from droomhuis.care.referrals import referral_consent_record, referral_create, referral_review, referral_transition
from droomhuis.care.signals import signal_close, signal_record
from wijk.choices import Channel, ContactPreference, DataCategory, RoleKind
from wijk.models import AccessLogEntry

from .conftest import give_referral_consent, refer_acute


@pytest.fixture
def rows():
    """``rows()``: the access-log rows written since the test's last call, oldest first."""
    seen = {"pk": AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0}

    def new():
        found = list(AccessLogEntry.objects.filter(pk__gt=seen["pk"]).order_by("pk"))
        if found:
            seen["pk"] = found[-1].pk
        return found

    return new


def only_row(rows, obj, detail, *, user, role=RoleKind.BROKER, resident=None):
    """The one row since the last look, and that it names ``obj``, ``user``, ``role`` and the resident."""
    [row] = rows()
    assert (row.action, row.detail, row.user, row.role) == ("change", detail, user, role)
    assert (row.object_type, row.object_id) == (obj._meta.label_lower, str(obj.pk))
    assert row.resident == resident
    return row


def test_case_services_each_write_one_broker_row(world, case, rows, broker_bw2_user):
    broker = world.users.broker_bw
    resident = case.resident
    rows()

    def check(obj, detail, user=broker):
        row = only_row(rows, obj, detail, user=user, resident=resident)
        assert row.organisation == world.bw

    services.dream_plan(dream=case, actor=broker, expected_version=case.version, next_action_date=date(2099, 1, 1))
    check(case, "plan")
    attempt = services.contact_attempt_record(
        dream=case, actor=broker, channel=Channel.PHONE, reached=True, day=timezone.localdate(), part_of_day="morning"
    )
    check(case, "contact")
    assert attempt.dream_id == case.pk
    services.note_add(dream=case, author=broker, body="Gebeld")
    check(case, "note")
    services.resident_update_post(dream=case, author=broker, body="Ik bel u dinsdag.")
    # This resident can only be phoned: the message also became a call task, a record of its own with the phone
    # number, which logs itself (wijk's callback service): one row for each.
    message_row, task_row = sorted(rows(), key=lambda row: row.detail)  # "bericht ..." before "callback ..."
    assert (message_row.detail, message_row.user, message_row.resident) == ("bericht aan de bewoner", broker, resident)
    assert (message_row.object_type, message_row.object_id) == ("droomhuis.dream", str(case.pk))
    assert (task_row.detail, task_row.user, task_row.object_type) == ("callback: asked", broker, "wijk.callbackrequest")
    services.dream_transition(dream=case, to_status="in_conversation", actor=broker, expected_version=case.version)
    check(case, "transition")
    services.dream_transition(dream=case, to_status="realised", actor=broker, expected_version=case.version)
    check(case, "transition")
    services.dream_outcome_record(
        dream=case, actor=broker, expected_version=case.version, outcome="Tuin", story="", propose_for_wall=False
    )
    check(case, "outcome")


def test_assign_and_pick_up_write_one_row_each(world, make_dream, rows, broker_bw2_user):
    broker = world.users.broker_bw
    dream = make_dream()
    rows()
    services.dream_pick_up(dream=dream, actor=broker)
    picked = only_row(rows, dream, "opgepakt", user=broker, resident=dream.resident)
    dream.refresh_from_db()
    services.dream_assign(
        dream=dream, owner=broker_bw2_user, actor=broker, expected_version=dream.version, reason="Vakantie"
    )
    assigned = only_row(rows, dream, "assign", user=broker, resident=dream.resident)
    assert assigned.pk > picked.pk  # a second row, written after the first


def test_moderator_decisions_on_the_wall_write_one_row_each(world, make_dream, rows):
    broker, moderator = world.users.broker_bw, world.users.moderator_bw
    dream = make_dream(consent_wall=True)
    for target in ["picking_up", "in_conversation", "realised"]:
        services.dream_transition(dream=dream, to_status=target, actor=broker, expected_version=dream.version)
    services.dream_outcome_record(
        dream=dream, actor=broker, expected_version=dream.version, outcome="Tuin", story="Samen", propose_for_wall=True
    )
    rows()
    services.dream_wall_decide(dream=dream, moderator=moderator, approve=True)
    only_row(rows, dream, "dromenmuur: approved", user=moderator, role=RoleKind.MODERATOR, resident=dream.resident)
    services.dream_front_door_set(dream=dream, moderator=moderator, featured=True)
    row = only_row(rows, dream, "voordeur: aan", user=moderator, role=RoleKind.MODERATOR, resident=dream.resident)
    assert row.organisation == world.bw


def test_intake_in_a_conversation_writes_one_row(world, rows):
    broker = world.users.broker_bw
    dream = services.dream_take_in(
        broker=broker,
        channel=Channel.PHONE,
        neighbourhood=world.hagedoorn,
        text="Een bankje bij de bushalte.",
        consent_contact=True,
        consent_wall=False,
        first_name="Ans",
        contact_preference=ContactPreference.PHONE,
        phone="0546 000 111",
    )
    row = only_row(rows, dream, "ingevoerd namens de bewoner", user=broker, resident=dream.resident)
    assert row.organisation == world.bw


def test_a_failed_write_leaves_no_row(world, case, rows):
    rows()
    with pytest.raises(services.CaseChanged):
        services.dream_plan(
            dream=case,
            actor=world.users.broker_bw,
            expected_version=case.version - 1,
            next_action_date=date(2099, 1, 1),
        )
    with pytest.raises(ValidationError):
        signal_record(dream=case, actor=world.users.broker_bw, kind="money", description=" ")
    assert rows() == []


def test_the_row_is_part_of_the_services_transaction(world, case, rows):
    rows()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.note_add(dream=case, author=world.users.broker_bw, body="Gebeld")
        raise RuntimeError
    assert rows() == []


def test_the_resident_withdrawing_their_own_dream_is_no_staff_access(world, dream, rows):
    rows()
    services.dream_withdraw(dream=dream)
    assert rows() == []


def test_care_services_each_write_one_row(world, case, rows, broker_bw2_user):
    broker, expert = world.users.broker_bw, world.users.expert_bw
    resident = case.resident
    rows()

    def check(obj, detail, user=broker, role=RoleKind.BROKER):
        row = only_row(rows, obj, detail, user=user, role=role, resident=resident)
        assert row.organisation == world.bw

    signal = signal_record(dream=case, actor=broker, kind="money", description="Post stapelt op")
    check(signal, "signaal")
    signal_close(signal=signal, actor=broker)
    check(signal, "signaal")
    signal_record(dream=case, actor=broker, kind="acute_danger", description="Gaslucht")
    rows()
    records = referral_consent_record(
        dream=case, actor=broker, partner=world.welzijn, categories=["contact", "dream"], method="phone"
    )
    check(records[0], "toestemming (2)")
    referral = referral_create(dream=case, actor=broker, partner=world.welzijn, categories=["contact"], question="Bel")
    check(referral, "aanmelding")
    assert referral.status == "sent"
    acute = refer_acute(world, case)
    check(acute, "acuut, zonder toestemming")
    referral_review(referral=acute, reviewer=broker_bw2_user, note="Terecht")
    check(acute, "beoordeling", user=broker_bw2_user)
    referral_transition(referral=referral, to_status="closed", actor=broker, outcome="helped")
    check(referral, "aanmelding")
    confidentiality_record(expert=expert, organisation=world.bw, signed_on=timezone.localdate(), recorded_by=broker)
    rows()  # the expert's statement is not about the resident
    records = pairing_consent_record(dream=case, actor=broker, categories=["dream"], method="phone")
    check(records[0], "toestemming")
    pairing = pairing_create(dream=case, expert=expert, actor=broker)
    check(pairing, "koppeling")
    pairing_renew(pairing=pairing, actor=broker)
    check(pairing, "koppeling")
    note = expert_note_add(pairing=pairing, body="Samen koken")
    check(note, "notitie ervaringsdeskundige", user=expert, role=RoleKind.EXPERT)
    signal = signal_record(dream=case, actor=expert, kind="loneliness", description="Weinig bezoek", role="expert")
    check(signal, "signaal", user=expert, role=RoleKind.EXPERT)


def test_a_partners_step_is_logged_for_the_partner(world, case, rows):
    give_referral_consent(world, case, DataCategory.CONTACT)
    referral = referral_create(
        dream=case, actor=world.users.broker_bw, partner=world.welzijn, categories=["contact"], question="Bel"
    )
    rows()
    partner = world.users.partner_welzijn
    referral_transition(referral=referral, to_status="acknowledged", actor=partner, by_partner=True)
    row = only_row(rows, referral, "aanmelding", user=partner, role=RoleKind.PARTNER_CONTACT, resident=case.resident)
    assert row.organisation == world.welzijn and row.on_behalf_of == ""
    referral_transition(referral=referral, to_status="contact_made", by_partner=True, via_link=True)
    row = only_row(rows, referral, "aanmelding", user=None, role=RoleKind.PARTNER_CONTACT, resident=case.resident)
    assert row.organisation == world.welzijn and row.on_behalf_of == "via de link in de e-mail"


def test_consent_withdrawal_stops_the_referral_without_a_staff_row(world, case, rows):
    from wijk.services import consent_withdraw

    [consent] = give_referral_consent(world, case, DataCategory.CONTACT)
    referral_create(
        dream=case, actor=world.users.broker_bw, partner=world.welzijn, categories=["contact"], question="Bel"
    )
    rows()
    consent_withdraw(consent=consent, method=Channel.ONLINE)
    assert [r.object_type for r in rows()] == []
