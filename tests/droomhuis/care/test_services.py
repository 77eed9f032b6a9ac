"""Signals, consent-gated referrals, withdrawal, acute danger and pairings, through the services."""

import importlib
import pkgutil
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from droomhuis import services
from droomhuis.care.confidentiality import confidentiality_record
from droomhuis.care.models import Referral, ReferralEvent, Signal
from droomhuis.care.pairings import pairing_create
from droomhuis.care.referrals import (
    referral_create,
    referral_create_acute,
    referral_review,
    referral_shared_items,
    referral_transition,
)
from droomhuis.care.signals import signal_record
from droomhuis.care.workflow import TRANSITIONS, ReferralStatus
from tests.factories import PartnerFactory, RoleFactory, UserFactory
from wijk.choices import Channel, DataCategory, Purpose, RoleKind
from wijk.models import ConsentRecord
from wijk.services import consent_give, consent_withdraw

from ..conftest import give_referral_consent


def refer(world, case, *categories, partner=None):
    return referral_create(
        dream=case,
        actor=world.users.broker_bw,
        partner=partner or world.welzijn,
        categories=list(categories),
        question="Kunt u langsgaan?",
    )


def test_signal_is_recorded_and_history_does_not_say_what(world, case):
    signal = signal_record(dream=case, actor=world.users.broker_bw, kind="money", description="Post stapelt op")
    assert Signal.objects.get() == signal and signal.kind == "money"
    event = case.events.order_by("-pk").first()
    assert event.kind == "signal" and "Post" not in event.to_value and "money" not in event.to_value


def test_unknown_signal_kind_is_refused(world, case):
    with pytest.raises(ValidationError):
        signal_record(dream=case, actor=world.users.broker_bw, kind="debt_to_city", description="x")


def test_consent_recorded_by_phone_has_method_recorder_and_text_version(world, case):
    (record,) = give_referral_consent(world, case, DataCategory.CONTACT)
    assert record.method == Channel.PHONE and record.recorded_by == world.users.broker_bw
    assert record.purpose == Purpose.REFERRAL and record.recipient == world.welzijn
    assert record.explanation.key == "referral" and record.explanation.version >= 1


def test_referral_with_consent_carries_only_consented_fields_and_is_sent(world, case):
    give_referral_consent(world, case, DataCategory.CONTACT)
    signal_record(dream=case, actor=world.users.broker_bw, kind="loneliness", description="Zit veel alleen")
    referral = refer(world, case, DataCategory.CONTACT)
    assert referral.status == ReferralStatus.SENT and referral.sent_at
    assert referral.categories == ["contact"] and "dream_text" not in referral.fields
    labels = [label for label, _ in referral_shared_items(referral)]
    assert "Telefoon" in labels and "De droom" not in labels and "Eenzaamheid" not in labels
    assert list(referral.consents.values_list("category", flat=True)) == ["contact"]
    assert [e.to_status for e in referral.events.all()] == ["proposed", "sent"]
    assert len(mail.outbox) == 0  # e-mails are sent on commit


@pytest.mark.django_db(transaction=True)
def test_sending_mails_the_partner_contact_a_link_without_resident_details(world, case):
    give_referral_consent(world, case, DataCategory.CONTACT)
    referral = refer(world, case, DataCategory.CONTACT)
    (message,) = mail.outbox
    assert message.to == ["partner@welzijn.test"]
    assert referral.reference in message.body and "/droomhuis/partner/link/" in message.body
    assert "Mira" not in message.body and "0546" not in message.body


# --- each consent rule blocks a referral ---------------------------------------------------------------


def test_blocked_without_any_consent(world, case):
    with pytest.raises(ValidationError) as error:
        refer(world, case, DataCategory.CONTACT)
    assert error.value.code == "no_active_consent"
    assert not Referral.objects.exists()


def test_blocked_for_the_wrong_partner(world, case):
    other = PartnerFactory(
        slug="bieb",
        sharing_agreement_ref="DSA-2",
        sharing_agreement_valid_until=date(2099, 1, 1),
        sharing_categories=["contact"],
    )
    other.works_with.set([world.bw])
    give_referral_consent(world, case, DataCategory.CONTACT)
    with pytest.raises(ValidationError) as error:
        refer(world, case, DataCategory.CONTACT, partner=other)
    assert error.value.code == "no_active_consent"


def test_blocked_for_a_category_without_consent(world, case):
    give_referral_consent(world, case, DataCategory.CONTACT)
    with pytest.raises(ValidationError) as error:
        refer(world, case, DataCategory.CONTACT, DataCategory.DREAM)
    assert error.value.code == "no_active_consent"
    assert not Referral.objects.exists()


def test_blocked_when_the_consent_expired(world, case):
    past = timezone.now() - timedelta(days=30)
    ConsentRecord.objects.create(
        resident=case.resident,
        category=DataCategory.CONTACT,
        purpose=Purpose.REFERRAL,
        recipient_kind="organisation",
        recipient=world.welzijn,
        explanation=world.consent_text,
        method=Channel.PHONE,
        recorded_by=world.users.broker_bw,
        given_at=past,
        valid_until=past + timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        refer(world, case, DataCategory.CONTACT)
    assert error.value.code == "no_active_consent"


def test_blocked_when_the_consent_was_withdrawn(world, case):
    (record,) = give_referral_consent(world, case, DataCategory.CONTACT)
    consent_withdraw(consent=record, method=Channel.ONLINE)
    with pytest.raises(ValidationError) as error:
        refer(world, case, DataCategory.CONTACT)
    assert error.value.code == "no_active_consent"


def test_blocked_for_health_without_explicit_consent(world, case):
    # Even a non-explicit health consent written straight into the ledger does not count.
    ConsentRecord.objects.create(
        resident=case.resident,
        category=DataCategory.HEALTH,
        purpose=Purpose.REFERRAL,
        recipient_kind="organisation",
        recipient=world.welzijn,
        explanation=world.consent_text,
        method=Channel.PHONE,
        recorded_by=world.users.broker_bw,
        explicit=False,
    )
    with pytest.raises(ValidationError) as error:
        refer(world, case, DataCategory.HEALTH)
    assert error.value.code == "no_active_consent"
    give_referral_consent(world, case, DataCategory.HEALTH, explicit=True)
    assert refer(world, case, DataCategory.HEALTH).status == ReferralStatus.SENT


def test_blocked_when_the_partner_agreement_expired(world, case):
    give_referral_consent(world, case, DataCategory.CONTACT)
    world.welzijn.sharing_agreement_valid_until = timezone.localdate() - timedelta(days=1)
    world.welzijn.save()
    with pytest.raises(ValidationError) as error:
        refer(world, case, DataCategory.CONTACT)
    assert error.value.code == "no_valid_agreement"


def test_blocked_when_the_agreement_does_not_allow_the_category(world, case):
    give_referral_consent(world, case, DataCategory.MONEY)
    with pytest.raises(ValidationError) as error:
        refer(world, case, DataCategory.MONEY)
    assert error.value.code == "no_valid_agreement"


# --- lifecycle and withdrawal --------------------------------------------------------------------------


def test_lifecycle_follows_the_table_and_closing_needs_an_outcome(world, case):
    give_referral_consent(world, case, DataCategory.CONTACT)
    referral = refer(world, case, DataCategory.CONTACT)
    with pytest.raises(ValidationError):
        referral_transition(referral=referral, to_status=ReferralStatus.CONTACT_MADE)
    referral_transition(referral=referral, to_status=ReferralStatus.ACKNOWLEDGED)
    referral_transition(referral=referral, to_status=ReferralStatus.CONTACT_MADE)
    with pytest.raises(ValidationError):
        referral_transition(referral=referral, to_status=ReferralStatus.CLOSED)
    referral_transition(referral=referral, to_status=ReferralStatus.CLOSED, outcome="helped")
    referral.refresh_from_db()
    assert referral.outcome == "helped" and referral.closed_at
    assert TRANSITIONS[ReferralStatus.CLOSED] == frozenset()


@pytest.mark.django_db(transaction=True)
def test_withdrawal_stops_open_referrals_and_tells_the_partner_minimally(world, case):
    (record,) = give_referral_consent(world, case, DataCategory.CONTACT)
    referral = refer(world, case, DataCategory.CONTACT)
    mail.outbox.clear()
    services.partner_consent_withdraw(dream=case, organisation_id=world.welzijn.pk, purpose=Purpose.REFERRAL)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONSENT_WITHDRAWN
    assert referral_shared_items(referral) == []
    (message,) = mail.outbox
    assert message.to == ["partner@welzijn.test"] and referral.reference in message.subject
    assert "Mira" not in message.body and "0546" not in message.body and "moestuin" not in message.body
    assert ReferralEvent.objects.filter(referral=referral, to_status="consent_withdrawn").count() == 1


@pytest.mark.django_db(transaction=True)
def test_closed_referrals_stay_closed_on_withdrawal(world, case):
    (record,) = give_referral_consent(world, case, DataCategory.CONTACT)
    referral = refer(world, case, DataCategory.CONTACT)
    referral_transition(referral=referral, to_status=ReferralStatus.CLOSED, outcome="declined")
    consent_withdraw(consent=record, method=Channel.ONLINE)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED


# --- acute danger --------------------------------------------------------------------------------------


def test_acute_danger_needs_a_signal_and_a_justification_and_gets_a_review_task(world, case, broker_bw2_user):
    with pytest.raises(ValidationError):
        referral_create_acute(
            dream=case, actor=world.users.broker_bw, partner=world.welzijn, justification="x" * 30, question="Nu"
        )
    signal_record(dream=case, actor=world.users.broker_bw, kind="acute_danger", description="Gaslucht")
    with pytest.raises(ValidationError) as error:
        referral_create_acute(
            dream=case, actor=world.users.broker_bw, partner=world.welzijn, justification="kort", question="Nu"
        )
    assert error.value.code == "justification_required"
    referral = referral_create_acute(
        dream=case,
        actor=world.users.broker_bw,
        partner=world.welzijn,
        justification="Sterke gaslucht, bewoner niet bereikbaar, geen tijd om te wachten.",
        question="Ga vandaag langs.",
    )
    assert referral.without_consent and referral.status == ReferralStatus.SENT
    assert referral.review_due > timezone.localdate()
    assert referral.categories == ["contact", "acute_danger"]
    from droomhuis.care.permissions import reviews_for

    assert list(reviews_for(broker_bw2_user)) == [referral]
    assert list(reviews_for(world.users.broker_bw)) == []
    with pytest.raises(ValidationError):
        referral_review(referral=referral, reviewer=world.users.broker_bw, note="Zelf goed")
    referral_review(referral=referral, reviewer=broker_bw2_user, note="Terecht")
    assert list(reviews_for(broker_bw2_user)) == []


def test_money_worries_never_go_anywhere_without_consent(world, case):
    """No debt signal to the municipality: the only path without consent is acute danger."""
    debt = PartnerFactory(
        slug="schuldhulp",
        partner_type="debt_help",
        sharing_agreement_ref="G-1",
        sharing_agreement_valid_until=date(2099, 1, 1),
        sharing_categories=["money"],
    )
    debt.works_with.set([world.bw])
    signal_record(dream=case, actor=world.users.broker_bw, kind="money", description="Huurachterstand")
    with pytest.raises(ValidationError):
        refer(world, case, DataCategory.MONEY, partner=debt)
    with pytest.raises(ValidationError):
        referral_create_acute(
            dream=case, actor=world.users.broker_bw, partner=debt, justification="x" * 40, question="Geld"
        )
    assert not Referral.objects.exists()


def test_no_function_sends_to_a_municipal_channel():
    """Not in the Droomhuis's services, nor in any module of the care package (found by walking it)."""
    import droomhuis.care
    import droomhuis.services

    care_modules = [
        importlib.import_module(info.name) for info in pkgutil.walk_packages(droomhuis.care.__path__, "droomhuis.care.")
    ]
    assert {"droomhuis.care.signals", "droomhuis.care.referrals", "droomhuis.care.pairings"} <= {
        module.__name__ for module in care_modules
    }
    names = [n.lower() for module in (*care_modules, droomhuis.services) for n in dir(module)]
    for word in ("municip", "gemeente", "early_warning", "vroegsignal"):
        assert not any(word in n for n in names)


# --- experts by experience -----------------------------------------------------------------------------


def test_pairing_needs_confidentiality_and_consent_and_expires(world, case):
    expert = world.users.expert_bw
    with pytest.raises(ValidationError) as error:
        pairing_create(dream=case, expert=expert, actor=world.users.broker_bw)
    assert error.value.code == "no_confidentiality"
    confidentiality_record(
        expert=expert, organisation=world.bw, signed_on=timezone.localdate(), recorded_by=world.users.broker_bw
    )
    with pytest.raises(ValidationError) as error:
        pairing_create(dream=case, expert=expert, actor=world.users.broker_bw)
    assert error.value.code == "no_consent"
    consent_give(
        resident=case.resident,
        category=DataCategory.DREAM,
        purpose=Purpose.PAIRING,
        recipient=world.bw,
        explanation=world.consent_text,
        method=Channel.PHONE,
        recorded_by=world.users.broker_bw,
    )
    pairing = pairing_create(dream=case, expert=expert, actor=world.users.broker_bw)
    assert pairing.expires_at > timezone.now() + timedelta(days=80)
    stranger = UserFactory(email="geen@expert.test")
    RoleFactory(user=stranger, organisation=world.hw, kind=RoleKind.EXPERT)
    with pytest.raises(ValidationError):
        pairing_create(dream=case, expert=stranger, actor=world.users.broker_bw)


def test_signal_retention_deletes_old_closed_signals_but_not_on_legal_hold(world, case, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DROOMHUIS_SIGNAL_RETENTION_DAYS = 730
    broker = world.users.broker_bw
    old = signal_record(dream=case, actor=broker, kind="money", description="oud")
    held = signal_record(dream=case, actor=broker, kind="health", description="bewaren")
    recent = signal_record(dream=case, actor=broker, kind="loneliness", description="recent")
    still_open = signal_record(dream=case, actor=broker, kind="home_safety", description="open")
    long_ago = timezone.now() - timedelta(days=800)
    Signal.objects.filter(pk__in=[old.pk, held.pk]).update(closed_at=long_ago)
    Signal.objects.filter(pk=held.pk).update(legal_hold=True)
    Signal.objects.filter(pk=recent.pk).update(closed_at=timezone.now() - timedelta(days=10))
    out = StringIO()
    call_command("droomhuis_signal_retention", "--dry-run", stdout=out)
    assert "would delete 1 signals" in out.getvalue() and Signal.objects.count() == 4
    call_command("droomhuis_signal_retention", stdout=out)
    assert set(Signal.objects.values_list("pk", flat=True)) == {held.pk, recent.pk, still_open.pk}
