"""The case workflow: transitions from the table only, reasons, owners, plans, locking, consent and history."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from droomhuis import services, workdays
from droomhuis.models import Dream, DreamEvent, EventKind, WallStatus
from droomhuis.workflow import TRANSITIONS, DreamStatus, allowed_targets
from wijk.choices import Channel, DataCategory, Purpose
from wijk.models import AppendOnlyError, ConsentRecord

from .conftest import picked_up


def test_submit_creates_resident_consents_history_and_deadline(world, make_dream):
    dream = make_dream(consent_wall=True, email="mira@test.example")
    assert dream.status == DreamStatus.NEW
    assert dream.resident.user is None and dream.resident.first_name == "Mira"
    assert dream.first_contact_due == workdays.first_contact_due(timezone.localdate())
    assert dream.next_action_date == dream.first_contact_due
    assert len(dream.reference) == 10 and dream.reference.isalnum()
    consents = ConsentRecord.objects.filter(resident=dream.resident)
    assert {(c.category, c.purpose) for c in consents} == {
        (DataCategory.CONTACT, Purpose.CONTACT),
        (DataCategory.DREAM, Purpose.DREAM_WALL),
    }
    contact = consents.get(purpose=Purpose.CONTACT)
    assert contact.recipient == world.bw and contact.method == Channel.ONLINE
    assert contact.explanation.key == services.CONSENT_CONTACT_KEY
    assert list(dream.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]


def test_no_ticks_means_no_consent_records(make_dream):
    dream = make_dream(consent_contact=False, consent_wall=False, contact_preference="", phone="")
    assert not ConsentRecord.objects.filter(resident=dream.resident).exists()


def test_logged_in_resident_reuses_their_resident_record(world, make_dream):
    dream = make_dream(user=world.users.resident_hagedoorn)
    assert dream.resident == world.residents.hagedoorn


def test_assisted_intake_needs_who_recorded_it(make_dream):
    with pytest.raises(ValidationError):
        make_dream(channel=Channel.PHONE)


def test_assisted_intake_records_broker_and_method(world, make_dream):
    dream = make_dream(channel=Channel.PAPER, recorded_by=world.users.broker_bw, consent_note="vinkje op papier")
    consent = ConsentRecord.objects.get(resident=dream.resident)
    assert consent.method == Channel.PAPER and consent.recorded_by == world.users.broker_bw
    assert dream.created_by == world.users.broker_bw and dream.intake_channel == Channel.PAPER
    assert dream.resident.created_by == world.users.broker_bw
    assert dream.events.get().channel == Channel.PAPER


def test_references_are_unique_and_unambiguous(make_dream):
    codes = {make_dream().reference for _ in range(20)}
    assert len(codes) == 20
    assert not any(ch in code for code in codes for ch in "01OIL")


@pytest.mark.parametrize(
    "source,target",
    [(s, t) for s in DreamStatus.values for t in DreamStatus.values if t not in TRANSITIONS[s] and s != t],
)
def test_transitions_outside_the_table_are_refused(world, dream, source, target):
    Dream.objects.filter(pk=dream.pk).update(status=source, owner=world.users.broker_bw)
    dream.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.dream_transition(
            dream=dream, to_status=target, actor=world.users.broker_bw, expected_version=dream.version, reason="x"
        )
    assert error.value.code == "transition_not_allowed"


@pytest.mark.parametrize("source,target", [(s, t) for s in DreamStatus.values for t in sorted(TRANSITIONS[s])])
def test_every_transition_in_the_table_works_with_a_reason(world, dream, source, target):
    owner = None if source in ("new", "withdrawn") else world.users.broker_bw
    closed = source in ("realised", "not_feasible", "withdrawn")
    Dream.objects.filter(pk=dream.pk).update(
        status=source, owner=owner, next_action_date=None if closed else dream.next_action_date
    )
    dream.refresh_from_db()
    services.dream_transition(
        dream=dream, to_status=target, actor=world.users.broker_bw, expected_version=dream.version, reason="omdat"
    )
    dream.refresh_from_db()
    assert dream.status == target
    assert (dream.next_action_date is not None) == (target in ("new", "picking_up", "in_conversation", "with_partner"))
    assert dream.version == 2


def test_closed_states_have_no_way_out_except_reopening_not_feasible():
    assert allowed_targets(DreamStatus.REALISED) == []
    assert allowed_targets(DreamStatus.WITHDRAWN) == []
    assert allowed_targets(DreamStatus.NOT_FEASIBLE) == [DreamStatus.IN_CONVERSATION]


def test_full_path_to_realised_writes_history(world, dream):
    broker = world.users.broker_bw
    for target in ["picking_up", "in_conversation", "with_partner", "realised"]:
        services.dream_transition(dream=dream, to_status=target, actor=broker, expected_version=dream.version)
    dream.refresh_from_db()
    assert dream.status == DreamStatus.REALISED
    assert dream.owner == broker and dream.picked_up_at and dream.closed_at
    assert dream.next_action_date is None
    statuses = list(dream.events.filter(kind=EventKind.STATUS).values_list("to_value", flat=True))
    assert statuses == ["picking_up", "in_conversation", "with_partner", "realised"]
    assert dream.events.filter(kind=EventKind.OWNER, to_value=str(broker)).exists()


def test_stepping_back_and_not_feasible_need_a_reason(world, dream):
    broker = world.users.broker_bw
    picked_up(dream, broker)
    with pytest.raises(ValidationError) as error:
        services.dream_transition(dream=dream, to_status="new", actor=broker, expected_version=dream.version)
    assert error.value.code == "reason_required"
    with pytest.raises(ValidationError):
        services.dream_transition(dream=dream, to_status="not_feasible", actor=broker, expected_version=dream.version)
    services.dream_transition(
        dream=dream, to_status="new", actor=broker, expected_version=dream.version, reason="Ik ben ziek"
    )
    dream.refresh_from_db()
    assert dream.status == DreamStatus.NEW and dream.owner is None
    assert dream.events.filter(kind=EventKind.STATUS, reason="Ik ben ziek").exists()


def test_open_cases_always_keep_a_next_action_date(world, dream):
    broker = world.users.broker_bw
    picked_up(dream, broker)
    with pytest.raises(ValidationError):
        services.dream_plan(dream=dream, actor=broker, expected_version=dream.version, next_action_date=None)
    target = timezone.localdate() + timedelta(days=10)
    services.dream_plan(
        dream=dream, actor=broker, expected_version=dream.version, next_action_date=target, next_action="Bellen"
    )
    dream.refresh_from_db()
    assert dream.next_action_date == target and dream.next_action == "Bellen"
    assert dream.events.filter(kind=EventKind.NEXT_ACTION).exists()


def test_database_refuses_an_open_case_without_next_action_date(dream):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Dream.objects.filter(pk=dream.pk).update(next_action_date=None)


def test_optimistic_lock_refuses_the_later_save(world, dream, broker_bw2_user):
    stale_version = dream.version
    first = Dream.objects.get(pk=dream.pk)
    second = Dream.objects.get(pk=dream.pk)
    services.dream_transition(
        dream=first, to_status="picking_up", actor=world.users.broker_bw, expected_version=stale_version
    )
    with pytest.raises(services.CaseChanged):
        services.dream_plan(
            dream=second, actor=broker_bw2_user, expected_version=stale_version, next_action_date=timezone.localdate()
        )
    second.refresh_from_db()
    assert second.owner == world.users.broker_bw
    assert not second.events.filter(kind=EventKind.NEXT_ACTION).exists()


def test_reassign_needs_a_reason_and_a_broker_of_the_same_corporation(world, dream, broker_bw2_user, broker_hw_user):
    broker = world.users.broker_bw
    picked_up(dream, broker)
    with pytest.raises(ValidationError):
        services.dream_assign(
            dream=dream, owner=broker_bw2_user, actor=broker, expected_version=dream.version, reason=""
        )
    with pytest.raises(ValidationError) as error:
        services.dream_assign(
            dream=dream, owner=broker_hw_user, actor=broker, expected_version=dream.version, reason="vakantie"
        )
    assert error.value.code == "not_a_broker"
    services.dream_assign(
        dream=dream, owner=broker_bw2_user, actor=broker, expected_version=dream.version, reason="vakantie"
    )
    dream.refresh_from_db()
    assert dream.owner == broker_bw2_user
    event = dream.events.filter(kind=EventKind.OWNER).last()
    assert event.reason == "vakantie" and event.actor == broker


def test_first_reached_contact_meets_the_deadline(world, dream):
    broker = world.users.broker_bw
    services.contact_attempt_record(
        dream=dream, actor=broker, channel="phone", reached=False, day=timezone.localdate(), part_of_day="morning"
    )
    dream.refresh_from_db()
    assert dream.first_contact_at is None
    services.contact_attempt_record(
        dream=dream, actor=broker, channel="phone", reached=True, day=timezone.localdate(), part_of_day="afternoon"
    )
    dream.refresh_from_db()
    assert dream.first_contact_at is not None
    assert dream.events.filter(kind=EventKind.CONTACT_ATTEMPT).count() == 2


def test_overdue_counts_missed_first_contact_and_late_actions(world, dream):
    later = dream.first_contact_due + timedelta(days=1)
    assert dream in Dream.objects.overdue(later)
    assert dream not in Dream.objects.overdue(dream.first_contact_due)
    assert dream.is_overdue(later)


def test_resident_update_sends_a_contentless_email_with_consent(world, make_dream):
    dream = make_dream(contact_preference="email", email="mira@test.example", phone="")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.resident_update_post(dream=dream, author=world.users.broker_bw, body="Geheim detail over de tuin")
    assert len(mail.outbox) == 1
    assert "Geheim detail" not in mail.outbox[0].body
    assert dream.reference_display in mail.outbox[0].body


def test_no_email_without_contact_consent(world, make_dream):
    dream = make_dream(consent_contact=False, contact_preference="", phone="", email="")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.resident_update_post(dream=dream, author=world.users.broker_bw, body="Nieuws")
    assert mail.outbox == []


def test_resident_can_withdraw_and_nothing_more_happens(world, dream):
    services.dream_withdraw(dream=dream)
    dream.refresh_from_db()
    assert dream.status == DreamStatus.WITHDRAWN and dream.next_action_date is None
    with pytest.raises(ValidationError):
        services.dream_withdraw(dream=dream)


def test_history_is_append_only(dream):
    event = dream.events.get()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        DreamEvent.objects.filter(pk=event.pk).delete()


def test_wall_needs_realised_consent_and_moderator(world, make_dream):
    broker = world.users.broker_bw
    no_consent = make_dream()
    with_consent = make_dream(consent_wall=True)
    for d in (no_consent, with_consent):
        for target in ["picking_up", "in_conversation", "realised"]:
            services.dream_transition(dream=d, to_status=target, actor=broker, expected_version=d.version)
    with pytest.raises(ValidationError) as error:
        services.dream_outcome_record(
            dream=no_consent,
            actor=broker,
            expected_version=no_consent.version,
            outcome="Tuin",
            story="",
            propose_for_wall=True,
        )
    assert error.value.code == "no_wall_consent"
    services.dream_outcome_record(
        dream=with_consent,
        actor=broker,
        expected_version=with_consent.version,
        outcome="Een moestuin",
        story="Buren zaaien samen.",
        propose_for_wall=True,
    )
    assert with_consent.wall_status == WallStatus.PROPOSED
    assert list(Dream.objects.on_wall()) == []
    services.dream_wall_decide(dream=with_consent, moderator=world.users.moderator_bw, approve=True)
    assert list(Dream.objects.on_wall()) == [with_consent]
    from wijk.services import consent_withdraw

    consent = ConsentRecord.objects.get(resident=with_consent.resident, purpose=Purpose.DREAM_WALL)
    consent_withdraw(consent=consent, method=Channel.ONLINE)
    assert list(Dream.objects.on_wall()) == []


def test_submission_mails_the_code_when_the_resident_gave_an_email(make_dream, settings):
    settings.SITE_URL = "https://wijk.example"
    with TestCase.captureOnCommitCallbacks(execute=True):
        dream = make_dream(contact_preference="email", email="mira@test.example", phone="")
    assert len(mail.outbox) == 1
    assert dream.reference_display in mail.outbox[0].body
    assert f"https://wijk.example/droomhuis/volgen/{dream.reference}/" in mail.outbox[0].body
