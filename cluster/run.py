"""A real cluster on loopback: HAProxy in front of three app nodes, shared PostgreSQL, Redis and object storage.

``python -m cluster.run start`` (``make cluster``) builds the checked-out commit (``HEAD``) into three separate
copies, ``.cluster/node1`` .. ``node3``, with the per-node steps of ``docs/deploy.md`` (the guide's command
block is printed by ``python -m cluster.run guide`` from the same lists this script runs, and a test keeps
them equal). It then starts, each recorded by its process id in ``.cluster/pids.json``:

- its own Redis on 127.0.0.1:6390 (database 5: cache, sessions, rate limits), so it can be stopped and
  started again without touching anyone else's;
- an S3-compatible object store for photos: moto's server (``moto[server]`` from PyPI), a stand-in for the
  real object storage, on 127.0.0.1:8420;
- three gunicorn app nodes (production settings) on 127.0.0.1:8411-8413, each from its own copy;
- two workers (``manage.py run_worker``), from the copies of node 1 and node 2;
- HAProxy on 127.0.0.1:8400 in front of the three nodes, checking ``/health/`` every second.

The database is a scratch PostgreSQL database ``wijkportaal_cluster`` with the demo data. Mail is delivered
as files in ``.cluster/mail`` (``cluster.mailbox``). ``python -m cluster.run stop`` (``make cluster-stop``)
stops exactly the recorded processes. Ports 8400-8499 only, plus 6390 for Redis; nothing leaves the machine.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".cluster"
PIDS = STATE / "pids.json"
HOST = "127.0.0.1"
HAPROXY_PORT = 8400
NODE_PORTS = {1: 8411, 2: 8412, 3: 8413}
WORKER_NODES = {1: 1, 2: 2}  # worker number: the node copy it runs from
S3_PORT = 8420
REDIS_PORT = 6390
REDIS_DB = 5
PG_ADMIN = os.environ.get("CLUSTER_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = "wijkportaal_cluster"
BUCKET = "wijkportaal-photos"
RESIDENT_PASSWORD = "cluster-wachtwoord-7"  # nosec B105  # scratch accounts on loopback
GUNICORN_WORKERS = 2

# The per-node steps, as shell commands with the variables NODE (where this node's copy of the release
# goes), RELEASE (the commit), VENV and NODE_MODULES (the release's virtualenv and node_modules, built once
# by ``make install assets``: pip install --no-deps --require-hashes -r requirements.lock, npm ci). The guide shows
# exactly these lines; ``build_node`` runs exactly these lines.
NODE_BUILD_STEPS = [
    'mkdir -p "$NODE"',
    'git archive --format=tar "$RELEASE" | tar -x -C "$NODE"',
    'printf "%s\\n" "$RELEASE" > "$NODE/RELEASE"',
    'ln -sfn "$VENV" "$NODE/.venv"',
    'ln -sfn "$NODE_MODULES" "$NODE/node_modules"',
    'cd "$NODE" && .venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0',
    'cd "$NODE" && .venv/bin/python manage.py collectstatic --noinput -v0',
]
# Once per release, from one node, before the new release serves.
RELEASE_STEPS = [
    'cd "$NODE" && .venv/bin/python manage.py migrate --noinput -v0',
]
# How each node serves and how each worker runs (PORT: the node's port).
SERVE_STEP = (
    'cd "$NODE" && exec .venv/bin/python -m gunicorn wijkportaal.wsgi --workers "$GUNICORN_WORKERS" '
    '--bind "$BIND:$PORT" --timeout 30 --graceful-timeout 10'
)
WORKER_STEP = 'cd "$NODE" && exec .venv/bin/python manage.py run_worker'
# The shared stores as the cluster runs them on loopback (in production: managed services).
REDIS_STEP = 'exec redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no'
S3_STEP = 'exec "$VENV/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT"'
HAPROXY_STEP = 'exec haproxy -db -f "$STATE/haproxy.cfg"'

GUIDE_START = "<!-- python -m cluster.run guide: start -->"
GUIDE_END = "<!-- python -m cluster.run guide: end -->"


def guide() -> str:
    """The deploy guide's command block, made from the lists above."""
    lines = [
        GUIDE_START,
        "```sh",
        "# On every app server and worker machine, for each release (NODE: where it goes, e.g. /srv/wijkportaal;",
        "# RELEASE: the commit; VENV, NODE_MODULES: the release's virtualenv and node_modules, built once)",
        *NODE_BUILD_STEPS,
        "# Once per release, from one of them",
        *RELEASE_STEPS,
        "# Every app server (BIND, PORT: where the load balancer reaches it)",
        SERVE_STEP,
        "# Every worker machine",
        WORKER_STEP,
        "```",
        GUIDE_END,
    ]
    return "\n".join(lines) + "\n"


def write_guide(path: Path) -> bool:
    """Put ``guide()`` between the markers in ``path``; True when the file changed."""
    text = path.read_text()
    before, _start, rest = text.partition(GUIDE_START)
    _old, _end, after = rest.partition(GUIDE_END + "\n")
    new = before + guide() + after
    if new != text:
        path.write_text(new)
        return True
    return False


def release() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def db_url() -> str:
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + DB_NAME


def _secret() -> str:
    path = STATE / "secret"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def app_env() -> dict:
    """The environment every app node and worker gets (the variables of docs/deploy.md)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WIJKPORTAAL_"))}
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="wijkportaal.settings.production",
        DJANGO_SECRET_KEY=_secret(),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=db_url(),
        REDIS_URL=f"redis://{HOST}:{REDIS_PORT}/{REDIS_DB}",
        TRUSTED_PROXY_COUNT="1",
        DJANGO_S3_BUCKET=BUCKET,
        DJANGO_S3_ENDPOINT_URL=f"http://{HOST}:{S3_PORT}",
        DJANGO_S3_REGION="eu-west-1",
        DJANGO_S3_ACCESS_KEY="cluster",
        DJANGO_S3_SECRET_KEY="cluster-secret",  # nosec B106  # the local stand-in accepts any key
        SITE_URL=f"http://{HOST}:{HAPROXY_PORT}",
        # Plain HTTP on loopback: no TLS to redirect to.
        DJANGO_SECURE_SSL_REDIRECT="false",
        REQUIRE_STAFF_MFA="false",
        WIJKPORTAAL_TASKS="database",
        DJANGO_EMAIL_BACKEND="cluster.mailbox.EmailBackend",
        CLUSTER_MAILBOX=str(STATE / "mail"),
        # A stopped worker's task is taken over after 15 s (production: 60 s).
        WIJKPORTAAL_WORKER_HEARTBEAT_SECONDS="3",
        WIJKPORTAAL_WORKER_LEASE_SECONDS="15",
        # Today's jobs (the 07:00 digest, the night's retention) start as soon as the workers do.
        WIJKPORTAAL_SCHEDULE_CATCH_UP_HOURS="24",
    )
    return env


def step_env(node: int | None = None, **extra) -> dict:
    env = app_env()
    env.update(
        RELEASE=release(),
        VENV=str((ROOT / ".venv").resolve()),
        NODE_MODULES=str((ROOT / "node_modules").resolve()),
        STATE=str(STATE),
        GUNICORN_WORKERS=str(GUNICORN_WORKERS),
        BIND=HOST,
        REDIS_PORT=str(REDIS_PORT),
        S3_PORT=str(S3_PORT),
    )
    if node is not None:
        env["NODE"] = str(STATE / f"node{node}")
        env["PORT"] = str(NODE_PORTS.get(node, ""))
    env.update({k: str(v) for k, v in extra.items()})
    return env


def sh(command: str, env: dict) -> None:
    subprocess.run(["sh", "-c", command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def build_node(node: int) -> bool:
    """Build this node's copy of the release; False when it already holds this release."""
    env = step_env(node)
    target = Path(env["NODE"])
    built = target / ".built"
    if built.exists() and built.read_text().strip() == env["RELEASE"]:
        return False
    shutil.rmtree(target, ignore_errors=True)
    for command in NODE_BUILD_STEPS:
        sh(command, env)
    built.write_text(env["RELEASE"] + "\n")
    return True


# ---- processes, each recorded by pid


def _load_pids() -> dict:
    return json.loads(PIDS.read_text()) if PIDS.exists() else {}


def _save_pids(pids: dict) -> None:
    PIDS.write_text(json.dumps(pids, indent=1))


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def alive(name: str) -> int | None:
    """The pid of the recorded process ``name`` when it still runs (the same program, not a reused pid)."""
    entry = _load_pids().get(name)
    if not entry:
        return None
    line = _cmdline(entry["pid"])
    return entry["pid"] if line and line == entry["cmdline"] else None


def start_process(name: str, command: str, env: dict) -> int:
    """Start ``command`` in its own process group, log to .cluster/logs/<name>.log and record its pid."""
    if alive(name):
        raise RuntimeError(f"{name} is already running")
    (STATE / "logs").mkdir(parents=True, exist_ok=True)
    log = open(STATE / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(
        ["sh", "-c", command], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    log.close()
    time.sleep(0.3)  # sh has replaced itself (exec) with the program by now
    pids = _load_pids()
    pids[name] = {"pid": process.pid, "cmdline": _cmdline(process.pid)}
    _save_pids(pids)
    return process.pid


def stop_process(name: str, sig=signal.SIGTERM, wait: float = 15.0) -> bool:
    """Stop the recorded process ``name`` and its process group; True when it was running."""
    pid = alive(name)
    pids = _load_pids()
    pids.pop(name, None)
    _save_pids(pids)
    if pid is None:
        return False
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return True
        _reap(pid)
        time.sleep(0.1)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return True


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def wait_for(url: str, seconds: float, expect=(200,)) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status in expect:
                    return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.2)
    return None


def wait_for_port(port: int, seconds: float) -> bool:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex((HOST, port)) == 0:
                return True
        time.sleep(0.2)
    return False


# ---- the parts


def start_redis() -> None:
    start_process("redis", REDIS_STEP, step_env())
    if not wait_for_port(REDIS_PORT, 10):
        raise RuntimeError("Redis did not start on port 6390")


def start_node(node: int) -> None:
    start_process(f"node{node}", SERVE_STEP, step_env(node))


def start_worker(worker: int) -> None:
    start_process(f"worker{worker}", WORKER_STEP, step_env(WORKER_NODES[worker]))


def write_haproxy_config() -> None:
    template = (Path(__file__).parent / "haproxy.cfg").read_text()
    servers = "\n".join(f"    server node{n} {HOST}:{port} check" for n, port in sorted(NODE_PORTS.items()))
    (STATE / "haproxy.cfg").write_text(
        template.replace("{bind}", f"{HOST}:{HAPROXY_PORT}").replace("{servers}", servers)
    )


def _psql(sql: str) -> None:
    subprocess.run(["psql", PG_ADMIN, "-qtAc", sql], check=True, capture_output=True)


SEED = """
import django; django.setup()
from allauth.account.models import EmailAddress
from wijk.models import Neighbourhood, Resident, User
hood = Neighbourhood.objects.get(slug="zuidwijk")
for i in range({n}):
    user = User.objects.create_user(email=f"bewoner{{i}}@cluster.example", password="{password}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Resident.objects.create(user=user, neighbourhood=hood, first_name=f"Bewoner{{i}}")
moderator = User.objects.get(email="moderator@hwwonen.example")
moderator.set_password("{password}")
moderator.save()
"""


def prepare_data(residents: int) -> None:
    """A fresh scratch database with the demo data and residents, and an empty photo bucket."""
    _psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    _psql(f'CREATE DATABASE "{DB_NAME}"')
    env = step_env(1)
    for command in RELEASE_STEPS:
        sh(command, env)
    node = Path(env["NODE"])
    python = str(node / ".venv" / "bin" / "python")
    subprocess.run([python, "manage.py", "loaddemo", "--force"], cwd=node, env=env, check=True, capture_output=True)
    seed = SEED.format(n=residents, password=RESIDENT_PASSWORD)
    subprocess.run([python, "-c", seed], cwd=node, env=env, check=True)


def create_bucket() -> None:
    import boto3

    env = app_env()
    client = boto3.client(
        "s3",
        endpoint_url=env["DJANGO_S3_ENDPOINT_URL"],
        region_name=env["DJANGO_S3_REGION"],
        aws_access_key_id=env["DJANGO_S3_ACCESS_KEY"],
        aws_secret_access_key=env["DJANGO_S3_SECRET_KEY"],
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": env["DJANGO_S3_REGION"]})


def start(residents: int = 20, quiet: bool = False) -> None:
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    STATE.mkdir(exist_ok=True)
    if any(alive(name) for name in _load_pids()):
        raise RuntimeError("a cluster is already running: make cluster-stop first")
    shutil.rmtree(STATE / "mail", ignore_errors=True)
    shutil.rmtree(STATE / "logs", ignore_errors=True)
    (STATE / "mail").mkdir()
    say(f"building release {release()} into .cluster/node1..{len(NODE_PORTS)}")
    with ThreadPoolExecutor(len(NODE_PORTS)) as pool:  # three copies side by side, as on three machines
        list(pool.map(build_node, NODE_PORTS))
    say(f"Redis on {HOST}:{REDIS_PORT}, object storage (moto) on {HOST}:{S3_PORT}")
    start_redis()
    start_process("s3", S3_STEP, step_env())
    if not wait_for_port(S3_PORT, 30):
        raise RuntimeError("the object storage did not start on port 8420")
    create_bucket()
    say(f"scratch database {DB_NAME}: migrate, demo data, {residents} residents")
    began = time.monotonic()
    prepare_data(residents)
    say(f"database ready in {time.monotonic() - began:.0f} s")
    for node in NODE_PORTS:
        start_node(node)
    for node, port in NODE_PORTS.items():
        if wait_for(f"http://{HOST}:{port}/health/", 60) is None:
            raise RuntimeError(f"node {node} did not answer /health/ (see .cluster/logs/node{node}.log)")
    for worker in WORKER_NODES:
        start_worker(worker)
    write_haproxy_config()
    start_process("haproxy", HAPROXY_STEP, step_env())
    if wait_for(f"http://{HOST}:{HAPROXY_PORT}/health/", 30) is None:
        raise RuntimeError("HAProxy did not answer (see .cluster/logs/haproxy.log)")
    say(f"cluster up: http://{HOST}:{HAPROXY_PORT}/ (nodes {', '.join(map(str, NODE_PORTS.values()))})")


def stop() -> list[str]:
    """Stop every recorded process (HAProxy first, the stores last); return the names that were running."""
    order = ["haproxy", *[f"node{n}" for n in NODE_PORTS], *[f"worker{w}" for w in WORKER_NODES], "s3", "redis"]
    names = order + [name for name in _load_pids() if name not in order]
    return [name for name in names if stop_process(name)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop", "guide", "write-guide"])
    parser.add_argument("--residents", type=int, default=20)
    args = parser.parse_args(argv)
    if args.action == "guide":
        sys.stdout.write(guide())
    elif args.action == "write-guide":
        write_guide(ROOT / "docs" / "deploy.md")
    elif args.action == "stop":
        stopped = stop()
        print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
    else:
        try:
            start(args.residents)
        except Exception:
            stop()
            raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
