"""Droomhuis fixtures: a broker of the other corporation, a second Beter Wonen broker, and a dream maker."""

import pytest
from django.test import Client

from droomhuis import services
from tests.factories import RoleFactory, UserFactory
from wijk.choices import ContactPreference, RoleKind


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
    from droomhuis import care

    return care.referral_consent_record(
        dream=dream,
        actor=world.users.broker_bw,
        partner=partner or world.welzijn,
        categories=list(categories),
        method="phone",
        explicit=explicit,
    )
