"""Start the production setup on loopback, put residents' load on it, and count what was lost.

``python -m loadtest.run`` (``make loadtest``): gunicorn with the production settings and a local secret,
a scratch PostgreSQL database, at least 50 concurrent residents for 60 seconds who browse the map, share
dreams and put in pearls. Ends with ``loadtest: <requests> requests, <errors> errors, <accepted> accepted,
<stored> stored``.

``python -m loadtest.run --fault`` (``make faulttest``): the same load, but PostgreSQL is stopped for a few
seconds in the middle and started again. Ends with ``faulttest: <refused> refused, <stored> stored,
<accepted> accepted, recovered in <s> s``.

Only 127.0.0.1 is ever contacted; every loop is bounded in time.
"""

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from .scenarios import Resident, Tally

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_ADMIN = os.environ.get("LOADTEST_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = "wijkportaal_loadtest"
PASSWORD = "load-test-wachtwoord-7"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _psql(sql: str, url: str = PG_ADMIN) -> str:
    return subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True, text=True).stdout.strip()


def _db_url() -> str:
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + DB_NAME


def _server_env(media: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="wijkportaal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=_db_url(),
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DJANGO_MEDIA_ROOT=media,
        REQUIRE_STAFF_MFA="false",
        # Every simulated resident comes from 127.0.0.1: per-address limits would refuse them all.
        RATE_LIMIT_SCALE="0",
    )
    return env


def _manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


CREATE_RESIDENTS = """
import django; django.setup()
from allauth.account.models import EmailAddress
from wijk.models import Neighbourhood, Resident, User
hood = Neighbourhood.objects.get(slug="zuidwijk")
for i in range({n}):
    user = User.objects.create_user(email=f"load{{i}}@loadtest.example", password="{password}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Resident.objects.create(user=user, neighbourhood=hood, first_name=f"Load{{i}}")
"""

COUNT_STORED = """
import django, json; django.setup()
from droomhuis.models import Dream
from parelketting.models import Pearl
from wijk.models import Resident
marker = "{marker}"
dreams = Dream.objects.filter(text__startswith=marker)
print(json.dumps({{
    "dream": dreams.count(),
    "pearl": Pearl.objects.filter(title__startswith=marker).count(),
    "dream_without_resident": dreams.filter(resident__isnull=True).count(),
    "dream_without_history": dreams.filter(events__isnull=True).count(),
    "resident_without_dream": Resident.objects.filter(alias__startswith="Last", dreams__isnull=True).count(),
}}))
"""


def _wait_for(url: str, seconds: float) -> float | None:
    """Poll ``url`` until it answers 200; return how long that took, or None after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.2)
    return None


def _postgres(action: str):
    versions = sorted(os.listdir("/etc/postgresql"))
    for version in versions:
        subprocess.run(
            [
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                version,
                "main",
                action,
                *(["-m", "fast"] if action == "stop" else []),
            ],
            check=True,
            capture_output=True,
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--fault", action="store_true", help="stop PostgreSQL for a while during the load")
    parser.add_argument("--outage-seconds", type=float, default=8.0)
    args = parser.parse_args(argv)

    marker = f"LT{secrets.token_hex(4)}"
    media = tempfile.mkdtemp(prefix="wijkportaal-load-media-")
    env = _server_env(media)
    print(f"preparing a scratch database {DB_NAME} and the production setup", flush=True)
    _psql(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
    _psql(f'CREATE DATABASE "{DB_NAME}"')
    _manage(env, "migrate", "--noinput")
    _manage(env, "createcachetable")
    _manage(env, "collectstatic", "--noinput")
    _manage(env, "loaddemo", "--force")
    subprocess.run([PY, "-c", CREATE_RESIDENTS.format(n=args.users, password=PASSWORD)], cwd=ROOT, env=env, check=True)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "wijkportaal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(media) / "gunicorn.log", "w"),
    )
    try:
        if _wait_for(base + "/health/", 30) is None:
            print("the server did not start", file=sys.stderr)
            return 1
        outage = threading.Event()
        deadline = time.monotonic() + args.seconds
        residents = [
            Resident(base, marker, i, f"load{i}@loadtest.example" if i % 2 == 0 else None, PASSWORD, outage)
            for i in range(args.users)
        ]

        def work(resident):
            while time.monotonic() < deadline:
                resident.step()
            resident.client.close()

        threads = [threading.Thread(target=work, args=(r,), daemon=True) for r in residents]
        print(f"load: {args.users} residents for {args.seconds} s on {base}", flush=True)
        for thread in threads:
            thread.start()
        recovered = None
        if args.fault:
            time.sleep(args.seconds / 3)
            outage.set()
            _postgres("stop")
            print(f"PostgreSQL stopped for {args.outage_seconds} s", flush=True)
            time.sleep(args.outage_seconds)
            restart = time.monotonic()
            _postgres("start")
            # Counted from the moment the database is started again until the app answers from it.
            answered = _wait_for(base + "/health/", 60)
            recovered = None if answered is None else time.monotonic() - restart
            outage.clear()
        for thread in threads:
            thread.join(timeout=args.seconds + 60)

        total = Tally()
        for resident in residents:
            total.merge(resident.tally)
        counted = subprocess.run(
            [PY, "-c", COUNT_STORED.format(marker=marker)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        import json

        stored = json.loads(counted)
        accepted = sum(total.accepted.values())
        stored_total = stored["dream"] + stored["pearl"]
        half_written = (
            stored["dream_without_resident"] + stored["dream_without_history"] + stored["resident_without_dream"]
        )
        print(
            f"details: accepted {total.accepted}, stored dreams={stored['dream']} pearls={stored['pearl']}, "
            f"half-written records={half_written}, refused={total.refused}",
            flush=True,
        )
        if total.error_samples:
            print("first errors: " + "; ".join(total.error_samples), flush=True)
        if args.fault:
            seconds = "never" if recovered is None else f"{recovered:.1f}"
            print(
                f"faulttest: {total.refused} refused, {stored_total} stored, {accepted} accepted, "
                f"recovered in {seconds} s",
                flush=True,
            )
            ok = recovered is not None and half_written == 0 and stored_total == accepted and total.errors == 0
        else:
            print(
                f"loadtest: {total.requests} requests, {total.errors} errors, {accepted} accepted, "
                f"{stored_total} stored",
                flush=True,
            )
            ok = total.errors == 0 and stored_total == accepted and half_written == 0
        return 0 if ok else 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        if args.fault:
            try:
                _postgres("start")
            except subprocess.CalledProcessError:
                pass
        _wait_for_pg()
        _psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def _wait_for_pg():
    for _ in range(60):
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0:
            return
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
