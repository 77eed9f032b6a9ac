"""The consent ledger: append-only, scoped, expiring, withdrawable at once."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijk.choices import Channel, DataCategory, Purpose
from wijk.models import AppendOnlyError, ConsentRecord, ConsentText, ConsentWithdrawal
from wijk.services import (
    consent_check,
    consent_give,
    consent_text_current,
    consent_text_publish,
    consent_withdraw,
    public_name,
)
from wijk.signals import consent_withdrawn

pytestmark = pytest.mark.django_db


def give(world, **overrides):
    kwargs = dict(
        resident=world.residents.hagedoorn,
        category=DataCategory.CONTACT,
        purpose=Purpose.REFERRAL,
        recipient=world.welzijn,
        explanation=world.consent_text,
        method=Channel.ONLINE,
    )
    kwargs.update(overrides)
    return consent_give(**kwargs)


def test_an_active_consent_covers_exactly_its_scope(world):
    give(world)
    resident = world.residents.hagedoorn
    assert consent_check(
        resident=resident, category=DataCategory.CONTACT, purpose=Purpose.REFERRAL, recipient=world.welzijn
    )
    # Wrong category, wrong purpose, wrong recipient, the public: all refused.
    assert not consent_check(
        resident=resident, category=DataCategory.DREAM, purpose=Purpose.REFERRAL, recipient=world.welzijn
    )
    assert not consent_check(
        resident=resident, category=DataCategory.CONTACT, purpose=Purpose.PAIRING, recipient=world.welzijn
    )
    assert not consent_check(
        resident=resident, category=DataCategory.CONTACT, purpose=Purpose.REFERRAL, recipient=world.bw
    )
    assert not consent_check(resident=resident, category=DataCategory.CONTACT, purpose=Purpose.REFERRAL)


def test_consent_of_one_resident_does_not_cover_another(world):
    give(world)
    assert not consent_check(
        resident=world.residents.zuidwijk,
        category=DataCategory.CONTACT,
        purpose=Purpose.REFERRAL,
        recipient=world.welzijn,
    )


def test_consent_expires_at_its_end_date(world):
    now = timezone.now()
    give(world, valid_until=now + timedelta(days=30))
    resident = world.residents.hagedoorn
    scope = dict(resident=resident, category=DataCategory.CONTACT, purpose=Purpose.REFERRAL, recipient=world.welzijn)
    assert consent_check(**scope, at=now + timedelta(days=29))
    check = consent_check(**scope, at=now + timedelta(days=31))
    assert not check and check.reason == "no_active_consent"


def test_consent_does_not_cover_the_time_before_it_was_given(world):
    give(world)
    assert not consent_check(
        resident=world.residents.hagedoorn,
        category=DataCategory.CONTACT,
        purpose=Purpose.REFERRAL,
        recipient=world.welzijn,
        at=timezone.now() - timedelta(minutes=5),
    )


def test_withdrawal_takes_effect_at_once_and_keeps_the_history(world, django_capture_on_commit_callbacks):
    consent = give(world)
    received = []
    consent_withdrawn.connect(lambda **kw: received.append(kw["consent"].pk), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            withdrawal = consent_withdraw(consent=consent, method=Channel.ONLINE)
    finally:
        consent_withdrawn.disconnect(dispatch_uid="t")
    assert received == [consent.pk]
    scope = dict(
        resident=world.residents.hagedoorn,
        category=DataCategory.CONTACT,
        purpose=Purpose.REFERRAL,
        recipient=world.welzijn,
    )
    assert not consent_check(**scope)
    # Before the withdrawal, the consent did cover the scope: the ledger keeps that fact.
    assert withdrawal.withdrawn_at > consent.given_at
    assert consent_check(**scope, at=consent.given_at)
    consent.refresh_from_db()
    assert ConsentRecord.objects.filter(pk=consent.pk).exists()


def test_withdrawing_twice_is_harmless(world):
    consent = give(world)
    first = consent_withdraw(consent=consent, method=Channel.ONLINE)
    second = consent_withdraw(consent=consent, method=Channel.PHONE, recorded_by=world.users.broker_bw)
    assert first.pk == second.pk
    assert ConsentWithdrawal.objects.filter(consent=consent).count() == 1


def test_a_new_consent_after_withdrawal_covers_again(world):
    consent_withdraw(consent=give(world), method=Channel.ONLINE)
    give(world)
    assert consent_check(
        resident=world.residents.hagedoorn,
        category=DataCategory.CONTACT,
        purpose=Purpose.REFERRAL,
        recipient=world.welzijn,
    )


def test_ledger_rows_cannot_be_changed_or_deleted(world):
    consent = give(world)
    consent.note = "changed"
    with pytest.raises(AppendOnlyError):
        consent.save()
    with pytest.raises(AppendOnlyError):
        consent.delete()
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.filter(pk=consent.pk).update(note="changed")
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.filter(pk=consent.pk).delete()
    withdrawal = consent_withdraw(consent=consent, method=Channel.ONLINE)
    with pytest.raises(AppendOnlyError):
        withdrawal.delete()
    with pytest.raises(AppendOnlyError):
        ConsentWithdrawal.objects.all().update(note="x")
    with pytest.raises(AppendOnlyError):
        world.consent_text.delete()


def test_health_data_needs_explicit_consent(world):
    with pytest.raises(ValidationError) as excinfo:
        give(world, category=DataCategory.HEALTH)
    assert excinfo.value.code == "explicit_required"
    give(world, category=DataCategory.HEALTH, explicit=True)
    assert consent_check(
        resident=world.residents.hagedoorn,
        category=DataCategory.HEALTH,
        purpose=Purpose.REFERRAL,
        recipient=world.welzijn,
    )


def test_a_partner_without_a_valid_agreement_for_the_category_gets_nothing(world):
    give(world, category=DataCategory.MONEY)  # the agreement does not list money worries
    check = consent_check(
        resident=world.residents.hagedoorn,
        category=DataCategory.MONEY,
        purpose=Purpose.REFERRAL,
        recipient=world.welzijn,
    )
    assert not check and check.reason == "no_valid_agreement"


def test_an_expired_agreement_blocks_sharing(world):
    give(world)
    world.welzijn.sharing_agreement_valid_until = timezone.localdate() - timedelta(days=1)
    world.welzijn.save()
    check = consent_check(
        resident=world.residents.hagedoorn,
        category=DataCategory.CONTACT,
        purpose=Purpose.REFERRAL,
        recipient=world.welzijn,
    )
    assert not check and check.reason == "no_valid_agreement"


def test_consent_recorded_on_behalf_must_say_by_whom(world):
    with pytest.raises(ValidationError) as excinfo:
        give(world, method=Channel.PHONE)
    assert excinfo.value.code == "recorded_by_required"
    consent = give(world, method=Channel.PHONE, recorded_by=world.users.broker_bw)
    assert consent.recorded_by == world.users.broker_bw and consent.method == Channel.PHONE


def test_end_date_in_the_past_is_refused(world):
    with pytest.raises(ValidationError):
        give(world, valid_until=timezone.now() - timedelta(days=1))


def test_explanation_text_versions_are_kept(world):
    v1 = consent_text_publish(key="uitleg", title="T", body="Eerste tekst.")
    same = consent_text_publish(key="uitleg", title="T", body="Eerste tekst.")
    v2 = consent_text_publish(key="uitleg", title="T", body="Betere tekst.")
    assert same.pk == v1.pk
    assert (v1.version, v2.version) == (1, 2)
    assert consent_text_current("uitleg") == v2
    assert consent_text_current("uitleg", language="tr") == v2  # falls back to Dutch
    with pytest.raises(ConsentText.DoesNotExist):
        consent_text_current("bestaat-niet")


def test_public_name_follows_publication_consent(world):
    resident = world.residents.zuidwijk  # first name Ans, alias "Buurvrouw Ans"
    assert public_name(resident) == ""
    alias_consent = give(
        world, resident=resident, category=DataCategory.ALIAS, purpose=Purpose.PUBLICATION, recipient=None
    )
    assert public_name(resident) == "Buurvrouw Ans"
    give(world, resident=resident, category=DataCategory.FIRST_NAME, purpose=Purpose.PUBLICATION, recipient=None)
    assert public_name(resident) == "Ans"
    consent_withdraw(consent=alias_consent, method=Channel.ONLINE)
    assert public_name(resident) == "Ans"
