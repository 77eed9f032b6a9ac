"""Requests per second through gunicorn (2 workers, production settings, PostgreSQL), next to two floors.

Needs the scratch database to be PostgreSQL (``make bench`` sees to that) and ``wrk`` on the machine.
Prints ``bench: rps <page> <n> ratio=<page / floor>``: pages against the "ok" floor, the GeoJSON against
the bare GeoJSON floor. Also the resident memory of each worker after the run. Loopback only, bounded.
The GeoJSON is asked for with ``Accept-Encoding: gzip, deflate, br``, as a browser (the map page) asks for it.
"""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from django.db import connection

from .server import gunicorn

DURATION = os.environ.get("BENCH_RPS_SECONDS", "10")
BROWSER_ACCEPT_ENCODING = "Accept-Encoding: gzip, deflate, br"  # what a browser sends with every request


def _wrk(url: str, *headers: str) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{DURATION}s", "--latency", *(a for h in headers for a in ("-H", h)), url],
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
    with gunicorn() as (base, server):
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
        rps = _wrk(base + "/parelketting/pearls.geojson", BROWSER_ACCEPT_ENCODING)
        print(f"bench: rps geojson {rps:.0f} ratio={rps / floor_geojson:.2f}", flush=True)
        workers = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        for number, pid in enumerate(workers, 1):
            print(f"bench: worker_memory worker={number} rss_mb={_rss_mb(int(pid))}", flush=True)
