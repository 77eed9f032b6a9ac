"""Broker queue with 5,000 dreams: ``bench: broker_queue cases=5000 queries=<n> p50_ms=<x> p95_ms=<y>``."""

import random
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from bench.common import corporation_and_neighbourhood, line, measure

CASES = 5000


def _world():
    from wijk.choices import RoleKind
    from wijk.models import Role, Theme, User

    corp, hood = corporation_and_neighbourhood(
        "bench-dromen-corporatie",
        "bench-dromen-wijk",
        name="Benchwijk",
        municipality="Almelo",
        centre=("52.35", "6.65"),
    )
    themes = [
        Theme.objects.get_or_create(slug=f"bench-dromen-{i}", defaults={"name": f"Thema {i}"})[0] for i in range(6)
    ]
    broker, created = User.objects.get_or_create(email="bench-makelaar@bench.example", defaults={"name": "Bench"})
    if created:
        broker.set_unusable_password()
        broker.save()
    Role.objects.get_or_create(user=broker, organisation=corp, kind=RoleKind.BROKER)
    return hood, themes, broker


def _fill(hood, themes, broker):
    from droomhuis.models import Dream, reference_new
    from droomhuis.workflow import DreamStatus
    from wijk.choices import Channel
    from wijk.models import Resident

    if Dream.objects.filter(neighbourhood=hood).count() >= CASES:
        return
    rng = random.Random(4)  # noqa: S311 - repeatable bench data, not security
    now = timezone.now()
    residents = Resident.objects.bulk_create(
        [Resident(neighbourhood=hood, first_name=f"Bewoner {i}", created_via=Channel.ONLINE) for i in range(CASES)]
    )
    statuses = DreamStatus.values
    dreams = []
    for i, resident in enumerate(residents):
        status = rng.choice(statuses)
        created = now - timedelta(days=rng.randint(0, 400), minutes=i)
        is_open = status in ("new", "picking_up", "in_conversation", "with_partner")
        dreams.append(
            Dream(
                reference=reference_new(),
                question="Wat zou u willen?",
                text=f"Droom nummer {i}: een plek om samen te zijn, met groen en een bankje.",
                neighbourhood=hood,
                resident=resident,
                status=status,
                owner=None if status in ("new", "withdrawn") else broker,
                next_action_date=(created + timedelta(days=rng.randint(1, 30))).date() if is_open else None,
                first_contact_due=(created + timedelta(days=7)).date(),
                intake_channel=Channel.ONLINE,
                created_at=created,
            )
        )
    dreams = Dream.objects.bulk_create(dreams, batch_size=500)
    through = Dream.themes.through
    through.objects.bulk_create(
        [through(dream_id=d.pk, theme_id=t.pk) for d in dreams for t in rng.sample(themes, 2)], batch_size=1000
    )


def run():
    hood, themes, broker = _world()
    _fill(hood, themes, broker)
    client = Client()
    client.force_login(broker)
    figures = measure("/droomhuis/makelaar/?view=all", client=client)
    line("broker_queue", cases=CASES, queries=figures["queries"], p50_ms=figures["p50_ms"], p95_ms=figures["p95_ms"])
    new = measure("/droomhuis/makelaar/?view=new", client=client)
    line("broker_queue_new", cases=CASES, queries=new["queries"], p50_ms=new["p50_ms"], p95_ms=new["p95_ms"])
    search = measure("/droomhuis/makelaar/?view=all&q=bankje&status=in_conversation", client=client)
    line(
        "broker_queue_search", cases=CASES, queries=search["queries"], p50_ms=search["p50_ms"], p95_ms=search["p95_ms"]
    )
    run_referrals(hood, broker, client)


REFERRALS = 2000


def _fill_referrals(hood, broker):
    """A partner with a contact person and 2,000 referrals from the bench cases; a quarter waiting too long."""
    from datetime import date

    from droomhuis.care.models import Referral
    from droomhuis.models import Dream
    from wijk.choices import OrganisationKind, RoleKind
    from wijk.models import Organisation, Role, User

    partner, _ = Organisation.objects.get_or_create(
        slug="bench-dromen-partner", defaults={"name": "Bench Welzijn", "kind": OrganisationKind.PARTNER}
    )
    contact, created = User.objects.get_or_create(email="bench-partner@bench.example", defaults={"name": "Partner"})
    if created:
        contact.set_unusable_password()
        contact.save()
    Role.objects.get_or_create(user=contact, organisation=partner, kind=RoleKind.PARTNER_CONTACT)
    if Referral.objects.filter(partner=partner).count() < REFERRALS:
        now = timezone.now()
        dreams = list(Dream.objects.filter(neighbourhood=hood, owner=broker).select_related("resident")[:REFERRALS])
        Referral.objects.bulk_create(
            [
                Referral(
                    dream=d,
                    resident=d.resident,
                    partner=partner,
                    question="Kunt u contact opnemen?",
                    categories=["contact"],
                    fields=["first_name"],
                    status="sent",
                    created_by=broker,
                    sent_at=now - timedelta(days=i % 30),
                    acknowledge_due=date(2020, 1, 1) if i % 4 == 0 else (now + timedelta(days=5)).date(),
                )
                for i, d in enumerate(dreams)
            ],
            batch_size=500,
        )
    return contact


def run_referrals(hood, broker, client):
    contact = _fill_referrals(hood, broker)
    partner_client = Client()
    partner_client.force_login(contact)
    figures = measure("/droomhuis/partner/", client=partner_client)
    line("partner_referrals", referrals=REFERRALS, **figures)
    overdue = measure("/droomhuis/makelaar/?view=overdue", client=client)
    line("broker_overdue_with_referrals", cases=CASES, referrals=REFERRALS, **overdue)
