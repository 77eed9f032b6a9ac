"""Shared fixtures: the two-corporation world and one persona per role, reused by every test.

Personas: anonymous, resident_zuidwijk, resident_hagedoorn, moderator_hw, moderator_bw, broker_bw,
expert_bw, partner_welzijn, facilitator, superuser. Each persona fixture is a logged-in test client;
``world`` gives the objects behind them.
"""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wijk.choices import DataCategory, PartnerType, RoleKind
from wijk.models import Street
from wijk.services import consent_text_publish

from .factories import (
    CorporationFactory,
    NeighbourhoodFactory,
    PartnerFactory,
    ResidentFactory,
    RoleFactory,
    ThemeFactory,
    UserFactory,
)

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _dutch_first():
    """Every test starts in Dutch, whatever language an earlier test's request or letter used."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages live in the cache: start every test with an empty one."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _same_made_up_names():
    """Made-up names and words (factory_boy's Faker) are the same in every run of a test: a page's height or a
    wrapped line never depends on which name the dice gave (the case page once grew 173 px for a long name)."""
    import factory.random

    factory.random.reseed_random("wijkportaal")
    yield


@pytest.fixture
def world(db):
    hw = CorporationFactory(slug="hw-wonen", name="HW Wonen")
    bw = CorporationFactory(slug="beter-wonen", name="Beter Wonen")
    zuidwijk = NeighbourhoodFactory(
        slug="zuidwijk",
        name="Zuidwijk",
        municipality="Oud-Beijerland",
        corporation=hw,
        centre_lat=Decimal("51.815900"),
        centre_lng=Decimal("4.413000"),
        zoom=16,
        experiment="parelketting",
    )
    hagedoorn = NeighbourhoodFactory(
        slug="hagedoorn",
        name="Hagedoorn",
        municipality="Almelo",
        corporation=bw,
        centre_lat=Decimal("52.350600"),
        centre_lng=Decimal("6.652600"),
        zoom=16,
        experiment="droomhuis",
    )
    for name, lat, lng in [
        ("Spui", "51.817800", "4.415200"),
        ("Koninginneweg", "51.816300", "4.410900"),
        ("Oranjestraat", "51.817000", "4.413500"),
    ]:
        Street.objects.update_or_create(
            neighbourhood=zuidwijk, name=name, defaults={"lat": Decimal(lat), "lng": Decimal(lng)}
        )
    for name, lat, lng in [("Sleedoornstraat", "52.351200", "6.651200"), ("Vlierstraat", "52.349900", "6.653800")]:
        Street.objects.update_or_create(
            neighbourhood=hagedoorn, name=name, defaults={"lat": Decimal(lat), "lng": Decimal(lng)}
        )
    welzijn = PartnerFactory(
        slug="welzijn-almelo",
        name="Welzijn Almelo",
        partner_type=PartnerType.WELFARE,
        sharing_agreement_ref="DSA-1",
        sharing_agreement_valid_until=date(2099, 12, 31),
        sharing_categories=[DataCategory.CONTACT, DataCategory.DREAM, DataCategory.HEALTH],
    )
    welzijn.works_with.set([bw])
    welzijn.neighbourhoods.set([hagedoorn])
    themes = {slug: ThemeFactory(slug=slug, name=slug.capitalize()) for slug in ("groen", "ontmoeting", "klussen")}

    def staff(email, org, kind, is_staff=False):
        user = UserFactory(email=email, is_staff=is_staff)
        RoleFactory(user=user, organisation=org, kind=kind)
        return user

    users = SimpleNamespace(
        resident_zuidwijk=UserFactory(email="bewoner@zuidwijk.test"),
        resident_hagedoorn=UserFactory(email="bewoner@hagedoorn.test"),
        moderator_hw=staff("moderator@hw.test", hw, RoleKind.MODERATOR, is_staff=True),
        moderator_bw=staff("moderator@bw.test", bw, RoleKind.MODERATOR, is_staff=True),
        broker_bw=staff("makelaar@bw.test", bw, RoleKind.BROKER),
        expert_bw=staff("ervaring@bw.test", bw, RoleKind.EXPERT),
        partner_welzijn=staff("partner@welzijn.test", welzijn, RoleKind.PARTNER_CONTACT),
        facilitator=staff("facilitator@atelier.test", hw, RoleKind.FACILITATOR),
        superuser=UserFactory(email="admin@test.example", is_staff=True, is_superuser=True),
    )
    residents = SimpleNamespace(
        zuidwijk=ResidentFactory(
            user=users.resident_zuidwijk,
            neighbourhood=zuidwijk,
            first_name="Ans",
            alias="Buurvrouw Ans",
            email="bewoner@zuidwijk.test",
        ),
        hagedoorn=ResidentFactory(
            user=users.resident_hagedoorn, neighbourhood=hagedoorn, first_name="Henk", email="bewoner@hagedoorn.test"
        ),
    )
    consent_text = consent_text_publish(key="test-consent", title="Toestemming", body="Uitleg in gewone taal.")
    return SimpleNamespace(
        hw=hw,
        bw=bw,
        zuidwijk=zuidwijk,
        hagedoorn=hagedoorn,
        welzijn=welzijn,
        themes=themes,
        users=users,
        residents=residents,
        consent_text=consent_text,
    )


def _client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def session_queries() -> int:
    """Database queries a logged-in request spends on its session: none when sessions are cached (Redis settings)."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


def warm_queries(client, url) -> tuple[int, str]:
    """The database queries of a GET of ``url`` once a first GET has filled the caches, and the page it gave."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


PERSONAS = [
    "anonymous",
    "resident_zuidwijk",
    "resident_hagedoorn",
    "moderator_hw",
    "moderator_bw",
    "broker_bw",
    "expert_bw",
    "partner_welzijn",
    "facilitator",
    "superuser",
]


def notice_target(message) -> str:
    """The page a staff notice's e-mail opens: its link goes through the notice (marked read on the way) and on
    to the item; this returns the item's path. Fails when the e-mail has no such link."""
    import re
    from urllib.parse import urlsplit

    from wijk.models import StaffNotice

    match = re.search(r"/werkplek/berichten/([0-9a-f-]{36})/openen/", message.body)
    assert match, message.body
    notice = StaffNotice.objects.get(uid=match[1])
    assert notice.user.email in message.to
    return urlsplit(notice.url).path


@pytest.fixture
def as_persona(world):
    """``as_persona("broker_bw")`` gives a test client logged in as that persona (anonymous: not logged in)."""

    def make(name):
        return _client_for(None if name == "anonymous" else getattr(world.users, name))

    return make


@pytest.fixture
def anonymous(world):
    return Client()


def _persona_fixture(name):
    def fixture(world):
        return _client_for(getattr(world.users, name))

    fixture.__doc__ = f"A test client logged in as the {name.replace('_', ' ')} persona."
    return pytest.fixture(fixture, name=name)


# One fixture per persona: resident_zuidwijk, moderator_hw, broker_bw, ... (see PERSONAS).
for _name in PERSONAS[1:]:
    globals()[_name] = _persona_fixture(_name)
