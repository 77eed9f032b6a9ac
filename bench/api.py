"""Benchmark: the open-data API's pearl list with 10,000 published pearls (pages of 100), and a 304 answer."""

import random
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .common import line, measure

COUNT = 10_000
SLUG = "bench-api-wijk"


def _setup():
    from parelketting.choices import PearlKind, PearlStatus
    from parelketting.models import Pearl
    from wijk.models import Neighbourhood, Organisation, Theme

    corporation, _ = Organisation.objects.get_or_create(
        slug="bench-api-corp", defaults={"name": "Bench API", "kind": "corporation"}
    )
    hood, _ = Neighbourhood.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Bench",
            "municipality": "Oud-Beijerland",
            "corporation": corporation,
            "centre_lat": Decimal("51.815900"),
            "centre_lng": Decimal("4.413000"),
        },
    )
    themes = [Theme.objects.get_or_create(slug=f"bench-api-{i}", defaults={"name": f"Thema {i}"})[0] for i in range(6)]
    Pearl.objects.filter(neighbourhood=hood).delete()
    rng = random.Random(11)  # noqa: S311 - reproducible bench data, not security
    now = timezone.now()
    kinds = [PearlKind.PLACE, PearlKind.PLACE, PearlKind.PARTNER_OFFER]
    with transaction.atomic():
        Pearl.objects.bulk_create(
            [
                Pearl(
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    kind=kinds[i % 3],
                    title=f"Parel {i}",
                    story="Een fijne plek in de wijk.",
                    neighbourhood=hood,
                    lat=Decimal("51.815900") + Decimal(rng.randint(-9000, 9000)) / Decimal(1_000_000),
                    lng=Decimal("4.413000") + Decimal(rng.randint(-9000, 9000)) / Decimal(1_000_000),
                    status=PearlStatus.PUBLISHED,
                    published_at=now,
                )
                for i in range(COUNT)
            ],
            batch_size=1000,
        )
        through = Pearl.themes.through
        ids = list(Pearl.objects.filter(neighbourhood=hood).values_list("pk", flat=True))
        through.objects.bulk_create(
            [through(pearl_id=pk, theme_id=themes[(pk + j) % len(themes)].pk) for pk in ids for j in range(2)],
            batch_size=2000,
        )
    return hood


def _teardown(hood):
    """Leave no pearls behind: other benchmarks count every published pearl."""
    from parelketting.models import Pearl

    Pearl.objects.filter(neighbourhood=hood).delete()


def _not_modified(path, runs=30) -> dict:
    """A repeat request with the ETag: the body is still built (ETag from its hash), but nothing is sent."""
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    etag = client.get(path)["ETag"]
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 304:
            raise RuntimeError(f"{path} answered {response.status_code}, not 304")
    with CaptureQueriesContext(connection) as ctx:
        client.get(path, HTTP_IF_NONE_MATCH=etag)
    timings.sort()
    return {
        "status": 304,
        "queries": len(ctx.captured_queries),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
        "bytes": len(response.content),
    }


def run():
    settings.API_RATE_LIMIT_PER_MINUTE = 10**9
    hood = _setup()
    try:
        base = f"/api/v1/pearls?neighbourhood={SLUG}&limit=100"
        line("api-pearls-page", pearls=COUNT, **measure(base))
        line("api-pearls-deep-page", pearls=COUNT, **measure(f"{base}&offset=9900"))
        line("api-pearls-bbox", pearls=COUNT, **measure(f"{base}&bbox=4.410,51.813,4.416,51.818&theme=bench-api-1"))
        line("api-pearls-304", pearls=COUNT, **_not_modified(base))
    finally:
        _teardown(hood)
