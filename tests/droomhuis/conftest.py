"""Droomhuis fixtures: a broker of the other corporation, a second Beter Wonen broker, and a dream maker."""

import pytest
from django.test import Client
from django.utils import timezone

from droomhuis import services
from droomhuis.care.confidentiality import confidentiality_record
from droomhuis.care.pairings import pairing_consent_record, pairing_create
from droomhuis.care.referrals import referral_consent_record, referral_create, referral_create_acute
from droomhuis.care.signals import signal_record
from tests.factories import RoleFactory, UserFactory
from wijk.choices import ContactPreference, DataCategory, RoleKind


@pytest.fixture
def broker_hw_user(world):
    user = UserFactory(email="makelaar@hw.test")
    RoleFactory(user=user, organisation=world.hw, kind=RoleKind.BROKER)
    return user


@pytest.fixture
def broker_hw(broker_hw_user):
    client = Client()
    client.force_login(broker_hw_user)
    return client


@pytest.fixture
def broker_bw2_user(world):
    user = UserFactory(email="makelaar2@bw.test", name="Tweede Makelaar")
    RoleFactory(user=user, organisation=world.bw, kind=RoleKind.BROKER)
    return user


@pytest.fixture
def broker_bw2(broker_bw2_user):
    client = Client()
    client.force_login(broker_bw2_user)
    return client


@pytest.fixture
def make_dream(world):
    """``make_dream(text=..., **service kwargs)``: a dream in Hagedoorn, shared online with contact consent."""

    def make(**kwargs):
        defaults = {
            "neighbourhood": world.hagedoorn,
            "text": "Een moestuin achter de flat.",
            "consent_contact": True,
            "consent_wall": False,
            "contact_preference": ContactPreference.PHONE,
            "phone": "0546 123 456",
            "first_name": "Mira",
        }
        defaults.update(kwargs)
        return services.dream_submit(**defaults)

    return make


@pytest.fixture
def dream(make_dream):
    return make_dream()


def picked_up(dream, broker):
    return services.dream_transition(dream=dream, to_status="picking_up", actor=broker, expected_version=dream.version)


@pytest.fixture
def case(world, dream):
    """A dream picked up by ``broker_bw``: they own the case."""
    return picked_up(dream, world.users.broker_bw)


@pytest.fixture
def collection_user(world):
    user = UserFactory(email="incasso@bw.test", is_staff=True)
    RoleFactory(user=user, organisation=world.bw, kind=RoleKind.COLLECTION)
    return user


@pytest.fixture
def collection(collection_user):
    client = Client()
    client.force_login(collection_user)
    return client


def give_referral_consent(world, dream, *categories, partner=None, explicit=False):
    """The broker records, as if by phone, the resident's yes for sharing ``categories`` with a partner."""
    return referral_consent_record(
        dream=dream,
        actor=world.users.broker_bw,
        partner=partner or world.welzijn,
        categories=list(categories),
        method="phone",
        explicit=explicit,
    )


SIGNAL_TEXT = "Brief van deurwaarder op tafel"


def refer_acute(world, case):
    """``broker_bw`` passes the case on to Welzijn without consent, for acute danger (needs an acute signal)."""
    return referral_create_acute(
        dream=case,
        actor=world.users.broker_bw,
        partner=world.welzijn,
        justification="Gaslucht en niemand doet open; dit kan niet wachten.",
        question="Vandaag langs",
    )


@pytest.fixture
def setup(world, case, broker_bw2_user):
    """A case owned by broker_bw with a money signal, an acute signal, a normal and an acute referral."""
    broker = world.users.broker_bw
    money = signal_record(dream=case, actor=broker, kind="money", description=SIGNAL_TEXT)
    signal_record(dream=case, actor=broker, kind="acute_danger", description="Gaslucht in de gang")
    give_referral_consent(world, case, DataCategory.CONTACT)
    referral = referral_create(
        dream=case, actor=broker, partner=world.welzijn, categories=["contact"], question="Wilt u bellen?"
    )
    acute = refer_acute(world, case)
    confidentiality_record(
        expert=world.users.expert_bw, organisation=world.bw, signed_on=timezone.localdate(), recorded_by=broker
    )
    pairing_consent_record(dream=case, actor=broker, categories=["dream"], method="phone")
    pairing = pairing_create(dream=case, expert=world.users.expert_bw, actor=broker)
    return {"dream": case, "signal": money, "referral": referral, "acute": acute, "pairing": pairing}
