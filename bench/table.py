"""The page table of ``make bench``: every main page and endpoint at the volumes the other modules built.

Runs after ``dreams``, ``pearls`` (and ``programme`` when present), which fill the scratch database.
For each page: query count, median and 95th-percentile server time in-process, and the gzip size.
Anonymous pages are measured as visitors get them (from the page cache when it applies); ``cold`` lines
show the same pages with an empty cache.
"""

from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, reverse

from .common import line, measure


def _volumes() -> dict:
    from droomhuis.models import Dream
    from parelketting.models import Pearl

    volumes = {"pearls": Pearl.objects.count(), "dreams": Dream.objects.count()}
    try:
        from parelketting.models import Activity

        volumes["activities"] = Activity.objects.count()
    except ImportError:
        pass
    from atelier.models import Workshop

    volumes["workshops"] = Workshop.objects.count()
    return volumes


def _user_with_role(kind):
    from wijk.models import User

    return User.objects.filter(roles__kind=kind, roles__active=True).first()


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _pages():
    """(name, path, client) for each page; a page whose data or view is missing is skipped with a reason."""
    from atelier.models import Canvas
    from droomhuis.models import Dream
    from parelketting.models import Pearl

    anonymous = Client()
    dream = Dream.objects.filter(owner__isnull=False).order_by("-pk").first()
    broker = _client(dream.owner if dream else _user_with_role("broker"))
    superuser = Client()
    from wijk.models import User

    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("bench@bench.example")
    superuser.force_login(admin)
    pearl = Pearl.objects.published().filter(kind="place").order_by("pk").first()
    # The demo's canvas, as in earlier runs; bench/records.py measures the 50-workshop record on its own lines.
    canvas = (
        Canvas.objects.exclude(experiment__slug__startswith="bench-")
        .select_related("experiment", "workshop")
        .order_by("pk")
        .first()
    )
    pages = [
        ("home", lambda: "/", anonymous),
        *_more_public_pages(anonymous),
        ("map_page", lambda: reverse("parelketting:map"), anonymous),
        ("pearl_detail", lambda: pearl.get_absolute_url(), anonymous),
        ("geojson", lambda: reverse("parelketting:geojson"), anonymous),
        ("programme", lambda: reverse("parelketting:programme"), anonymous),
        ("ical", lambda: reverse("parelketting:programme_ics"), anonymous),
        ("dream_form", lambda: reverse("droomhuis:share"), anonymous),
        ("broker_queue", lambda: reverse("droomhuis:queue"), broker),
        ("case_page", lambda: reverse("droomhuis:case", args=[dream.reference]), broker),
        ("canvas", lambda: reverse("atelier:canvas", args=[canvas.experiment.slug, canvas.workshop.number]), superuser),
        ("evidence", lambda: reverse("atelier:experiment", args=[canvas.experiment.slug]), superuser),
    ]
    for name, path, client in pages:
        try:
            yield name, path(), client
        except (AttributeError, NoReverseMatch) as exc:
            print(f"bench: {name} skipped reason={type(exc).__name__}", flush=True)


def _more_public_pages(anonymous):
    """The other pages an anonymous visitor opens: front doors, walks, the dream wall and the stories."""
    from atelier.models import Story
    from droomhuis.models import Dream
    from parelketting.models import Route
    from wijk.models import Neighbourhood

    for hood in Neighbourhood.objects.order_by("slug"):
        yield (f"front_door_{hood.slug}", lambda slug=hood.slug: reverse("wijk:front_door", args=[slug]), anonymous)
    route = Route.objects.published().order_by("pk").first()
    yield ("routes", lambda: reverse("parelketting:routes"), anonymous)
    yield ("route", lambda: reverse("parelketting:route", args=[route.slug]), anonymous)
    stop = route.stops.order_by("position").select_related("pearl").first() if route else None
    yield ("route_stop", lambda: reverse("parelketting:route_stop", args=[route.slug, stop.pearl.uid]), anonymous)
    yield ("dream_wall", lambda: reverse("droomhuis:wall"), anonymous)
    dream = Dream.objects.on_wall().exclude(story_uid=None).order_by("pk").first()
    yield ("dream_story", lambda: reverse("droomhuis:story", args=[dream.story_uid]), anonymous)
    story = Story.objects.public().order_by("pk").first()
    yield ("atelier_story", lambda: reverse("atelier:story", args=[story.uid]), anonymous)
    yield ("atelier_index", lambda: reverse("atelier:index"), anonymous)


def run():
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEBUG=True):
        call_command("loaddemo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    volumes = _volumes()
    line("volumes", **volumes)
    for name, path, client in _pages():
        cache.clear()
        try:
            figures = measure(path, client=client, runs=20)
        except RuntimeError as exc:
            print(f"bench: {name} error={str(exc).replace(' ', '_')}", flush=True)
            continue
        line(name, **figures)
        if client is not None and not client.cookies.get("sessionid"):
            cold = _cold(path, client)
            line(f"{name}_cold", **cold)


def _cold(path, client):
    """The same page with an empty cache before every request: the cost of rendering it."""
    import gzip
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(10):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    body = b"".join(response) if response.streaming else response.content
    return {
        "queries": len(ctx.captured_queries),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[-1], 1),
        "gzip_kb": round(len(gzip.compress(body)) / 1024, 1),
    }
