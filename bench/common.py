"""Measuring helpers shared by every benchmark module."""

import gzip
import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


def measure(path: str, *, client: Client | None = None, runs: int = 30, warmup: int = 3, **headers) -> dict:
    """Request ``path`` ``runs`` times in-process; return query count, p50/p95 ms and gzip size in KB."""
    client = client or Client()
    for _ in range(warmup):
        response = client.get(path, **headers)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    timings = []
    for _ in range(runs):
        reset_queries()
        start = time.perf_counter()
        response = client.get(path, **headers)
        body = b"".join(response) if response.streaming else response.content
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, **headers)
        body = b"".join(response) if response.streaming else response.content
    timings.sort()
    return {
        "queries": len(ctx.captured_queries),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
        "gzip_kb": round(len(gzip.compress(body)) / 1024, 1),
    }


def corporation_and_neighbourhood(
    corporation_slug: str, neighbourhood_slug: str, *, name: str, municipality: str, centre: tuple[str, str]
):
    """A corporation of the benchmark's own and its neighbourhood, so each module's data stays apart."""
    from decimal import Decimal

    from wijk.choices import OrganisationKind
    from wijk.models import Neighbourhood, Organisation

    corporation, _ = Organisation.objects.get_or_create(
        slug=corporation_slug, defaults={"name": f"Bench {name}", "kind": OrganisationKind.CORPORATION}
    )
    hood, _ = Neighbourhood.objects.get_or_create(
        slug=neighbourhood_slug,
        defaults={
            "name": name,
            "municipality": municipality,
            "corporation": corporation,
            "centre_lat": Decimal(centre[0]),
            "centre_lng": Decimal(centre[1]),
        },
    )
    return corporation, hood


def line(name: str, **figures) -> str:
    """One result line, e.g. ``bench: geojson pearls=10000 queries=2 p50_ms=80 p95_ms=95 gzip_kb=310``."""
    parts = " ".join(f"{k}={v}" for k, v in figures.items())
    text = f"bench: {name} {parts}"
    print(text, flush=True)
    return text
