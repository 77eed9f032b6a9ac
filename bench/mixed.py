"""Mixed workload: anonymous visitors read the public pages while residents log in and submit.

Through gunicorn (2 workers, production settings, PostgreSQL), like ``bench/throughput.py``. While ``wrk``
reads one public page for ``BENCH_RPS_SECONDS``, a writer logs a resident in about once a second (which
saves ``last_login`` and a session) and submits a dream about once every ten seconds. Prints
``bench: mixed <page> rps=N ratio=R hit_rate=H``: requests per second; the ratio to the "ok" floor
measured under the same mix (the faster of two runs, before and after the pages, after a warm-up); the share
of the page cache's answers that were hits (``X-Page-Cache: hit`` against ``miss``), counted by the workers
themselves (``bench/counts.py``). A wrk Lua ``response()`` callback would copy every body into a Lua string:
for a large answer the client then used more of the two cores than the server.

With ``BENCH_REDIS_URL`` (``make bench`` names a Redis database of its own and empties it first) the served
portal keeps its cache, sessions and limits in Redis, as app servers behind a load balancer do
(``docs/deploy.md``); otherwise in the database. The floor line says which (``cache=redis|database``).

Every request says ``Accept-Encoding: gzip, deflate, br``, as every browser does (and the map page's
``fetch`` of the GeoJSON with it): a page kept with a gzip copy (the GeoJSON) is measured as visitors get it.
``floor_same_bytes``: the "ok" floor with a body as large as the GeoJSON's gzip copy, in the same run: what
sending that many bytes costs by itself (its ``ratio`` is against the "ok" floor too).
"""

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from django.db import connection

from .counts import read as read_counts
from .server import gunicorn

DURATION = os.environ.get("BENCH_RPS_SECONDS", "10")
PASSWORD = "bench-wachtwoord-mix-7"
RESIDENTS = 20
BROWSER_ACCEPT_ENCODING = "Accept-Encoding: gzip, deflate, br"  # what a browser sends with every request


def _residents() -> list[str]:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.test.utils import override_settings

    from wijk.models import Neighbourhood, Resident, User

    hood = Neighbourhood.objects.order_by("pk").first()
    emails = []
    # The bench process runs on the test settings (a fast MD5 hasher); the served portal on production settings
    # cannot read MD5, so the passwords are hashed the way production checks them.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        password = make_password(PASSWORD)
    for number in range(RESIDENTS):
        email = f"mix{number}@bench.example"
        user = User.objects.filter(email=email).first() or User.objects.create_user(email=email)
        User.objects.filter(pk=user.pk).update(password=password)
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        Resident.objects.get_or_create(user=user, defaults={"neighbourhood": hood, "first_name": f"Mix{number}"})
        emails.append(email)
    return emails


class Writer(threading.Thread):
    """About one login a second and one dream every ten seconds, until stopped."""

    def __init__(self, base: str, emails: list[str]):
        super().__init__(daemon=True)
        self.base, self.emails = base, emails
        self.stopping = threading.Event()
        self.logins = self.dreams = self.failures = 0

    def run(self):
        from loadtest.client import Client

        number = 0
        while not self.stopping.is_set():
            started = time.monotonic()
            client = Client(self.base)
            try:
                page = client.get("/accounts/login/")
                answer = client.post(
                    "/accounts/login/",
                    {
                        "csrfmiddlewaretoken": page.csrf_token(),
                        "login": self.emails[number % len(self.emails)],
                        "password": PASSWORD,
                    },
                )
                self.logins += answer.status == 302
                self.failures += answer.status != 302
                if number % 10 == 0:
                    self._dream(client, number)
            except (OSError, ValueError):
                self.failures += 1
            finally:
                client.close()
            number += 1
            self.stopping.wait(max(0.0, 1.0 - (time.monotonic() - started)))

    def _dream(self, client, number):
        page = client.get("/droomhuis/")
        hood = re.search(r'name="neighbourhood"[^>]*>\s*<option value="(\d+)"', page.text)
        answer = client.post(
            "/droomhuis/",
            {
                "csrfmiddlewaretoken": page.csrf_token(),
                "text": f"Een droom uit de gemengde meting, nummer {number}.",
                "neighbourhood": hood.group(1) if hood else "",
                "website": "",
            },
        )
        self.dreams += answer.status == 302
        self.failures += answer.status != 302


def _wrk(url: str, counts: Path, seconds: int = int(DURATION)) -> tuple[float, tuple[int, int]]:
    """Requests per second for ``url``, and the page cache's hits and misses during the run."""
    before = read_counts(counts)
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", BROWSER_ACCEPT_ENCODING, url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    ).stdout
    after = read_counts(counts)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        print(f"bench: warning {url} non_2xx={non2xx.group(1)}", flush=True)
    return (float(rps.group(1)) if rps else 0.0), (after[0] - before[0], after[1] - before[1])


def _redis(url: str | None) -> str | None:
    """``url`` emptied and ready for the served portal, or None when it is not set or not reachable."""
    if not url:
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.RedisError as error:
        print(f"bench: mixed redis_unreachable url={url} error={type(error).__name__}", flush=True)
        return None
    return url


def _size(url: str) -> int:
    """The bytes a browser receives for ``url``."""
    import urllib.request

    request = urllib.request.Request(url, headers=dict([BROWSER_ACCEPT_ENCODING.split(": ", 1)]))  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - loopback only
        return len(answer.read())


def pages() -> dict:
    """The public pages of the mix: name -> path."""
    from parelketting.models import Pearl, Route

    found = {
        "home": "/",
        "map_page": "/parelketting/",
        "pearl_list": "/parelketting/lijst/",
        "programme": "/parelketting/programma/",
        "dream_wall": "/droomhuis/dromenmuur/",
        "geojson": "/parelketting/pearls.geojson",
        "ical": "/parelketting/programma.ics",
    }
    pearl = Pearl.objects.published().filter(kind="place").order_by("pk").first()
    if pearl is not None:
        found["pearl_detail"] = pearl.get_absolute_url()
    route = Route.objects.filter(status="published").order_by("pk").first()
    if route is not None:
        found["route"] = route.get_absolute_url()
    return found


def run():
    if connection.vendor != "postgresql":
        print("bench: mixed skipped reason=needs_postgresql (set BENCH_DATABASE_URL)", flush=True)
        return
    if shutil.which("wrk") is None:
        print("bench: mixed skipped reason=wrk_not_installed", flush=True)
        return
    emails = _residents()
    counts = Path(tempfile.mkdtemp(prefix="wijkportaal-bench-counts-"))
    redis_url = _redis(os.environ.get("BENCH_REDIS_URL"))
    extra = {"BENCH_COUNTS_DIR": str(counts)}
    if redis_url:
        extra["REDIS_URL"] = redis_url
    with gunicorn(**extra) as (base, _server):
        writer = Writer(base, emails)
        writer.start()
        try:
            _wrk(base + "/_floor/ok/", counts, seconds=3)  # warm-up, not counted: imports, connections
            first, _ = _wrk(base + "/_floor/ok/", counts)
            size = _size(base + "/parelketting/pearls.geojson")
            same, _ = _wrk(base + f"/_floor/bytes/?n={size}", counts)
            measured = [(name, *_wrk(base + path, counts)) for name, path in pages().items()]
            last, _ = _wrk(base + "/_floor/ok/", counts)
            # Against the faster of the two floors, before and after the pages: the stricter reference.
            floor = max(first, last)
            cache = "redis" if redis_url else "database"
            print(f"bench: mixed floor_ok rps={floor:.0f} first={first:.0f} last={last:.0f} cache={cache}", flush=True)
            print(f"bench: mixed floor_same_bytes bytes={size} rps={same:.0f} ratio={same / floor:.2f}", flush=True)
            for name, rps, (hits, misses) in measured:
                hit_rate = f"{hits / (hits + misses):.3f}" if hits + misses else "n/a"
                print(f"bench: mixed {name} rps={rps:.0f} ratio={rps / floor:.2f} hit_rate={hit_rate}", flush=True)
        finally:
            writer.stopping.set()
            writer.join(timeout=10)
        print(
            f"bench: mixed writes logins={writer.logins} dreams={writer.dreams} failures={writer.failures}",
            flush=True,
        )
