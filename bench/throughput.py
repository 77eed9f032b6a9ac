"""Requests per second through gunicorn (2 workers, production settings, PostgreSQL), next to two floors.

Needs the scratch database to be PostgreSQL (``make bench`` sees to that) and ``wrk`` on the machine.
Prints ``bench: rps <page> <n> ratio=<page / floor>``: pages against the "ok" floor, the GeoJSON against
the bare GeoJSON floor. Also the resident memory of each worker after the run. Loopback only, bounded.
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
DURATION = os.environ.get("BENCH_RPS_SECONDS", "10")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wrk(url: str) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{DURATION}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=int(DURATION) + 30,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        print(f"bench: warning {url} non_2xx={non2xx.group(1)}", flush=True)
    return float(match.group(1)) if match else 0.0


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1)


def run():
    if connection.vendor != "postgresql":
        print("bench: rps skipped reason=needs_postgresql (set BENCH_DATABASE_URL)", flush=True)
        return
    if shutil.which("wrk") is None:
        print("bench: rps skipped reason=wrk_not_installed", flush=True)
        return
    from parelketting.models import Pearl

    pearl = Pearl.objects.published().filter(kind="place").order_by("pk").first()
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    port = _port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="wijkportaal.settings.bench",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        DJANGO_SECURE_SSL_REDIRECT="false",
        RATE_LIMIT_SCALE="0",
    )
    for command in (["collectstatic", "--noinput", "-v0"], ["createcachetable"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "wijkportaal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/_floor/ok/", timeout=1)  # noqa: S310 - loopback only
                break
            except OSError:
                time.sleep(0.2)
        # The light pages first, next to the "ok" floor: the heavy GeoJSON floor leaves a queue of slow
        # requests behind that would otherwise still be running while the next page is measured.
        floor_ok = _wrk(base + "/_floor/ok/")
        print(f"bench: rps floor_ok {floor_ok:.0f}", flush=True)
        pages = {"home": "/", "map_page": "/parelketting/", "programme": "/parelketting/programma/"}
        if pearl is not None:
            pages["pearl_detail"] = pearl.get_absolute_url()
        for name, path in pages.items():
            rps = _wrk(base + path)
            print(f"bench: rps {name} {rps:.0f} ratio={rps / floor_ok:.2f}", flush=True)
        floor_geojson = _wrk(base + "/_floor/geojson/")
        print(f"bench: rps floor_geojson {floor_geojson:.0f}", flush=True)
        time.sleep(5)  # let the queued floor requests finish
        rps = _wrk(base + "/parelketting/pearls.geojson")
        print(f"bench: rps geojson {rps:.0f} ratio={rps / floor_geojson:.2f}", flush=True)
        workers = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        for number, pid in enumerate(workers, 1):
            print(f"bench: worker_memory worker={number} rss_mb={_rss_mb(int(pid))}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
