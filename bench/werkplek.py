"""The staff's Werkplek at bench volumes: its home page and the moderation inboxes.

One staff member who is both moderator and dream broker of a corporation with 5,000 dreams (the broker queue's,
``bench.dreams``), 10,000 pearls of which 2,000 wait for a check, 500 open reports, 200 proposed activities and
100 notices. Lines::

    bench: werkplek_home dreams=5000 pearls_waiting=2000 reports=500 activities=200 queries=<n> p50_ms=<x> ...
    bench: werkplek_pearl_inbox pearls_waiting=2000 queries=<n> p50_ms=<x> ...
    bench: werkplek_report_inbox reports=500 queries=<n> p50_ms=<x> ...
    bench: werkplek_activity_inbox activities=200 queries=<n> p50_ms=<x> ...
"""

import random
import uuid
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.test import Client
from django.utils import timezone

from bench import dreams
from bench.common import line, measure

PEARLS = 10_000
WAITING = 2_000
REPORTS = 500
ACTIVITIES = 200
NOTICES = 100


def _staff(hood, broker):
    """The dreams bench's broker, who is also the corporation's moderator: every Werkplek list applies."""
    from wijk.choices import RoleKind
    from wijk.models import Role

    Role.objects.get_or_create(user=broker, organisation=hood.corporation, kind=RoleKind.MODERATOR)
    return broker


def _fill(hood, user):
    from parelketting.choices import ActivityStatus, PearlKind, PearlStatus, ReportStatus
    from parelketting.models import Pearl, PearlReport
    from parelketting.programme.models import Activity
    from wijk.models import NoticeKind, StaffNotice

    if Pearl.objects.filter(neighbourhood=hood).count() >= PEARLS:
        return
    rng = random.Random(16)  # noqa: S311 - repeatable bench data, not security
    now = timezone.now()
    pearls = [
        Pearl(
            uid=uuid.UUID(int=rng.getrandbits(128), version=4),
            kind=PearlKind.PLACE,
            title=f"Werkplek parel {i}",
            story="Een fijne plek in de wijk.",
            neighbourhood=hood,
            lat=Decimal("52.35") + Decimal(rng.randint(-9000, 9000)) / Decimal(1_000_000),
            lng=Decimal("6.65") + Decimal(rng.randint(-9000, 9000)) / Decimal(1_000_000),
            status=PearlStatus.SUBMITTED if i < WAITING else PearlStatus.PUBLISHED,
            published_at=None if i < WAITING else now,
            reported=i < WAITING and i % 20 == 0,
        )
        for i in range(PEARLS)
    ]
    with transaction.atomic():
        pearls = Pearl.objects.bulk_create(pearls, batch_size=1000)
        published = [p for p in pearls if p.status == PearlStatus.PUBLISHED][:REPORTS]
        PearlReport.objects.bulk_create(
            [
                PearlReport(pearl=p, what="broken", reason="Kapot.", reply_email="", status=ReportStatus.OPEN)
                for p in published
            ],
            batch_size=500,
        )
        start = now + timedelta(days=7)
        Activity.objects.bulk_create(
            [
                Activity(
                    title=f"Voorstel {i}",
                    description="Samen koffie drinken.",
                    neighbourhood=hood,
                    place_text="Buurthuis",
                    starts_at=start + timedelta(hours=i),
                    ends_at=start + timedelta(hours=i + 1),
                    capacity=20,
                    status=ActivityStatus.PROPOSED,
                )
                for i in range(ACTIVITIES)
            ],
            batch_size=500,
        )
        StaffNotice.objects.bulk_create(
            [
                StaffNotice(user=user, kind=NoticeKind.SIGNAL, subject=f"Signaal {i}", body="", url="/werkplek/")
                for i in range(NOTICES)
            ]
        )


def run():
    hood, themes, broker = dreams._world()
    dreams._fill(hood, themes, broker)
    user = _staff(hood, broker)
    _fill(hood, user)
    client = Client()
    client.force_login(user)
    volumes = {"dreams": dreams.CASES, "pearls_waiting": WAITING, "reports": REPORTS, "activities": ACTIVITIES}
    line("werkplek_home", **volumes, **measure("/werkplek/", client=client))
    line("werkplek_pearl_inbox", pearls_waiting=WAITING, **measure("/werkplek/parels/", client=client))
    line("werkplek_report_inbox", reports=REPORTS, **measure("/werkplek/meldingen/", client=client))
    line("werkplek_activity_inbox", activities=ACTIVITIES, **measure("/werkplek/activiteiten/", client=client))
