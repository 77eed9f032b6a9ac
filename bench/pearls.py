"""Benchmark: the public GeoJSON of the Parelketting with 10,000 published pearls."""

import random
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .common import corporation_and_neighbourhood, line, measure

COUNT = 10_000


def _setup():
    from parelketting.choices import PearlKind, PearlStatus
    from parelketting.models import Pearl
    from wijk.models import Theme

    _, hood = corporation_and_neighbourhood(
        "bench-hw", "bench-zuidwijk", name="Zuidwijk", municipality="Oud-Beijerland", centre=("51.815900", "4.413000")
    )
    themes = [Theme.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Thema {i}"})[0] for i in range(6)]
    Pearl.objects.filter(neighbourhood=hood).delete()
    rng = random.Random(3)  # noqa: S311 - reproducible bench data, not security
    now = timezone.now()
    kinds = [PearlKind.PLACE, PearlKind.PLACE, PearlKind.PARTNER_OFFER]
    pearls = [
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
            thumbnail=f"parelketting/bench/{i}.jpg" if i % 4 == 0 else "",
        )
        for i in range(COUNT)
    ]
    with transaction.atomic():
        Pearl.objects.bulk_create(pearls, batch_size=1000)
        through = Pearl.themes.through
        ids = list(Pearl.objects.filter(neighbourhood=hood).values_list("pk", flat=True))
        links = [through(pearl_id=pk, theme_id=themes[(pk + j) % len(themes)].pk) for pk in ids for j in range(2)]
        through.objects.bulk_create(links, batch_size=2000)


def _uncached(path, runs=10):
    """The same request with an empty cache each time: the cost of building the collection."""
    import gzip
    import statistics
    import time

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    timings = []
    for _ in range(runs):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "queries": len(ctx.captured_queries),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
        "gzip_kb": round(len(gzip.compress(response.content)) / 1024, 1),
    }


def run():
    _setup()
    path = "/parelketting/pearls.geojson"
    line("geojson", pearls=COUNT, **measure(path, runs=30))
    line("geojson_uncached", pearls=COUNT, **_uncached(path))
