"""Benchmark: the necklace page with 40 stops, the programme page and feed with 200 upcoming activities
(and 300 from the past year, 500 in all), and 50 sign-ups for one activity (capacity 20) from 8 threads at once."""

import threading
import time
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from .common import corporation_and_neighbourhood, line, measure

STOPS = 40
ACTIVITIES = 200
PAST_ACTIVITIES = 300
SIGNUPS = 50
CAPACITY = 20
THREADS = 8


def _setup():
    from parelketting.choices import ActivityStatus, PearlKind, PearlStatus, RouteStatus
    from parelketting.models import Activity, Pearl, Route, RouteStop
    from wijk.models import Resident, Theme

    _, hood = corporation_and_neighbourhood(
        "bench-prog-hw",
        "bench-prog-zuidwijk",
        name="Zuidwijk (bench)",
        municipality="Oud-Beijerland",
        centre=("51.815900", "4.413000"),
    )
    theme, _ = Theme.objects.get_or_create(slug="bench-prog", defaults={"name": "Bench"})
    now = timezone.now()
    places = Pearl.objects.bulk_create(
        [
            Pearl(
                kind=PearlKind.PLACE,
                title=f"Plek {i}",
                story="Een fijne plek.",
                neighbourhood=hood,
                lat=Decimal("51.815900") + Decimal(i) / Decimal(5000),
                lng=Decimal("4.413000") + Decimal(i % 7) / Decimal(5000),
                status=PearlStatus.PUBLISHED,
                published_at=now,
                bench="yes",
            )
            for i in range(STOPS)
        ]
    )
    route = Route.objects.create(slug="bench-ketting", title="Bench", neighbourhood=hood, status=RouteStatus.PUBLISHED)
    RouteStop.objects.bulk_create([RouteStop(route=route, pearl=p, position=i + 1) for i, p in enumerate(places)])
    start = now.replace(microsecond=0) + timedelta(hours=2)

    def activity(title, starts_at, i):
        return Activity(
            title=title,
            description="Samen iets doen.",
            neighbourhood=hood,
            place=places[i % STOPS],
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=CAPACITY,
            status=ActivityStatus.PUBLISHED,
        )

    yesterday = now.replace(microsecond=0) - timedelta(days=1)
    activities = Activity.objects.bulk_create(
        [activity(f"Activiteit {i}", start + timedelta(hours=6 * i), i) for i in range(ACTIVITIES)]
        + [activity(f"Geweest {i}", yesterday - timedelta(hours=29 * i), i) for i in range(PAST_ACTIVITIES)]
    )
    Activity.themes.through.objects.bulk_create(
        [Activity.themes.through(activity_id=a.pk, theme_id=theme.pk) for a in activities]
    )
    residents = Resident.objects.bulk_create(
        [Resident(neighbourhood=hood, first_name=f"Buur{i}", email=f"b{i}@bench.example") for i in range(SIGNUPS)]
    )
    return route, activities[0], residents


def _concurrent_signups(activity, residents):
    from parelketting.choices import SignUpStatus
    from parelketting.programme.services import signup_create

    chunks = [residents[i::THREADS] for i in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    errors = []

    def work(chunk):
        try:
            barrier.wait()
            for resident in chunk:
                signup_create(activity=activity, resident=resident)
        except Exception as error:  # noqa: BLE001 - counted in the bench line
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(c,)) for c in chunks]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - began
    confirmed = activity.signups.filter(status=SignUpStatus.CONFIRMED).count()
    waiting = activity.signups.filter(status=SignUpStatus.WAITING).count()
    return {
        "threads": THREADS,
        "signups": SIGNUPS,
        "capacity": CAPACITY,
        "confirmed": confirmed,
        "waiting": waiting,
        "errors": len(errors),
        "ms_per_signup": round(seconds * 1000 / SIGNUPS, 1),
    }


def _logged_in_client():
    """A visitor with a session: the shared public-page cache is skipped, so this measures rendering."""
    from django.test import Client

    from wijk.models import User

    user, _ = User.objects.get_or_create(email="bench-programme@bench.example")
    client = Client()
    client.force_login(user)
    return client


def run():
    route, first, residents = _setup()
    client = _logged_in_client()
    line("route_page_rendered", stops=STOPS, **measure(route.get_absolute_url(), client=client, runs=20))
    line("route_page_anonymous_cached", stops=STOPS, **measure(route.get_absolute_url(), runs=20))
    line(
        "programme_page_rendered", activities=ACTIVITIES, **measure("/parelketting/programma/", client=client, runs=20)
    )
    line("programme_page_anonymous_cached", activities=ACTIVITIES, **measure("/parelketting/programma/", runs=20))
    line("programme_ics", activities=ACTIVITIES, **measure("/parelketting/programma.ics", runs=10))
    line("programme_ics_not_modified", activities=ACTIVITIES, **_not_modified("/parelketting/programma.ics"))
    line("route_gpx", stops=STOPS, **measure(f"/parelketting/ketting/{route.slug}/wandeling.gpx", runs=10))
    line("signup_concurrent", **_concurrent_signups(first, residents))


def _not_modified(path: str, runs: int = 20) -> dict:
    """A subscribed calendar polling with the ETag it got: the answer should be an empty 304."""
    import statistics

    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    etag = client.get(path)["ETag"]
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
    return {
        "status": response.status_code,
        "queries": len(ctx.captured_queries),
        "p50_ms": round(statistics.median(timings), 1),
    }
