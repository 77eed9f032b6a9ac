"""Faults on the loopback cluster under a mixed load, and what each cost (``make clustertest``).

Starts the cluster (``cluster.run``), then puts a mixed load on it through HAProxy: anonymous readers,
residents who log in with a code from their e-mail and put in pearls and dreams, and a moderator who
publishes what waits. Every simulated visitor connects from a loopback address of its own (127.0.x.y),
so HAProxy's ``X-Forwarded-For`` tells them apart and the real limits apply. While the load runs:

1. one app node is killed (SIGKILL) and started again: HAProxy must route around it within 5 s;
2. Redis is stopped for 10 s and started again (empty): no error at all, ``/health/`` says "degraded";
3. a worker is killed while it delivers an e-mail: another worker delivers it after the lease;
4. freshness: a pearl with a photo put in through node 3 and published through node 1 is seen by anonymous
   visitors through node 2 and node 3 on their next request, and its photo is served through node 1;
5. limits per visitor: two addresses through HAProxy are limited apart; a forged ``X-Forwarded-For`` changes
   nothing.

Then it counts: every accepted pearl and dream stored once, every queued e-mail (login codes included)
delivered exactly once, one digest and one retention run today with two workers. One line per figure starts
with ``cluster: ``; the exit status is 1 on any loss or unexpected error. Loopback only, bounded in time.
"""

import argparse
import email
import io
import random
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from loadtest.client import Client

from . import run

BASE = f"http://{run.HOST}:{run.HAPROXY_PORT}"
PUBLIC_PAGES = [
    "/",
    "/zuidwijk/",
    "/parelketting/",
    "/parelketting/lijst/",
    "/parelketting/pearls.geojson",
    "/parelketting/programma/",
    "/parelketting/ketting/",
    "/droomhuis/",
]
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_STREET = re.compile(r'<select[^>]*name="street"[^>]*>.*?<option value="([^"]+)"', re.S)
_HOOD = re.compile(r'name="neighbourhood"[^>]*>\s*<option value="(\d+)"')
_SELECTABLE = re.compile(r'name="_selected_action" value="(\d+)"')
_CODE = re.compile(r"\b(\d{5}-\d{5})\b")
SELF_LIMIT = 8  # a load resident stays under the limits of 10 pearls and 10 dreams an hour
NODE_GRACE = 5.0  # HAProxy must route around a killed node within this many seconds


def node_url(node: int) -> str:
    return f"http://{run.HOST}:{run.NODE_PORTS[node]}"


def psql(sql: str) -> list[list[str]]:
    out = subprocess.run(
        ["psql", run.db_url(), "-tAF", "\t", "-c", sql], check=True, capture_output=True, text=True
    ).stdout
    return [line.split("\t") for line in out.splitlines() if line]


# ---- what every simulated visitor saw


@dataclass
class Event:
    at: float
    phase: str
    status: int | None  # None: no answer (connection refused or cut)
    ok: bool
    what: str


@dataclass
class Log:
    phase: str = "warm-up"
    events: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, event: Event) -> None:
        with self.lock:
            self.events.append(event)

    def of(self, phase: str) -> list[Event]:
        with self.lock:
            return [e for e in self.events if e.phase == phase]


LOG = Log()


class Visitor:
    def __init__(self, base: str, source: str, headers: dict | None = None):
        self.client = Client(base, timeout=20, source=source, headers=headers)

    def call(self, method, path, data=None, files=None, expected=(200,)):
        started, phase = time.monotonic(), LOG.phase
        try:
            response = self.client.request(method, path, data, files)
        except OSError as exc:
            LOG.add(Event(started, phase, None, False, f"{type(exc).__name__} {method} {path}"))
            return None
        ok = response.status in expected
        LOG.add(Event(started, phase, response.status, ok, f"{response.status} {method} {path}"))
        return response if ok else None

    def browse(self, path: str):
        """A page as a browser shows it: a redirect (the home page sends a resident to their neighbourhood's
        front door) is followed once."""
        response = self.call("GET", path, expected=(200, 302))
        if response is not None and response.status == 302:
            response = self.call("GET", urlsplit(response.location).path)
        return response

    def csrf(self, response) -> str:
        match = _CSRF.search(response.text)
        return match.group(1) if match else ""


class Mailbox:
    """The messages the workers delivered (``cluster.mailbox``), read once each."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.read: dict[str, email.message.Message] = {}
        self.taken: set[str] = set()
        self.lock = threading.Lock()

    def scan(self) -> dict:
        with self.lock:
            for path in self.folder.glob("*.eml"):
                if path.name not in self.read:
                    self.read[path.name] = email.message_from_bytes(path.read_bytes())
            return dict(self.read)

    def wait_for_code(self, address: str, seconds: float) -> str | None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for name, message in sorted(self.scan().items()):
                if name in self.taken or address not in (message.get("To") or ""):
                    continue
                match = _CODE.search(_body(message))
                if match:
                    with self.lock:
                        self.taken.add(name)
                    return match.group(1)
            time.sleep(0.5)
        return None

    def message_ids(self) -> Counter:
        return Counter((m.get("Message-ID") or "").strip() for m in self.scan().values())


def _body(message) -> str:
    parts = message.walk() if message.is_multipart() else [message]
    return "\n".join(
        part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8", "replace")
        for part in parts
        if part.get_content_type() == "text/plain"
    )


@dataclass
class Tally:
    accepted_pearls: list = field(default_factory=list)
    accepted_dreams: list = field(default_factory=list)
    codes_asked: int = 0
    codes_arrived: int = 0
    logins: int = 0
    published: int = 0
    phases: Counter = field(default_factory=Counter)  # accepted submissions per phase
    lock: threading.Lock = field(default_factory=threading.Lock)


TALLY = Tally()


def share_dream(visitor: Visitor, text: str):
    """Share one dream; return the status of the POST (302 when accepted, 429 when limited)."""
    page = visitor.call("GET", "/droomhuis/")
    if page is None:
        return None
    hood = _HOOD.search(page.text)
    data = {
        "csrfmiddlewaretoken": visitor.csrf(page),
        "text": text,
        "neighbourhood": hood.group(1) if hood else "",
        "first_name": "",
        "alias": "Cluster",
        "contact_preference": "",
        "website": "",
    }
    response = visitor.call("POST", "/droomhuis/", data, expected=(302, 429))
    if response is not None and response.status == 302 and "/droomhuis/bedankt/" in response.location:
        with TALLY.lock:
            TALLY.accepted_dreams.append(text)
            TALLY.phases[LOG.phase] += 1
    return None if response is None else response.status


def submit_pearl(visitor: Visitor, title: str, photo: bytes | None = None, expected=(302,)):
    page = visitor.call("GET", "/parelketting/nieuw/")
    if page is None:
        return None
    street = _STREET.search(page.text)
    data = {
        "csrfmiddlewaretoken": visitor.csrf(page),
        "kind": "place",
        "title": title,
        "story": "Een fijne plek om even te zitten en buren te groeten.",
        "street": street.group(1) if street else "",
        "location_description": "Bij de bank naast de speeltuin.",
        "website": "",
    }
    files = None
    if photo is not None:
        data.update(lat="51.8170", lng="4.4120", photo_description="Een bankje in de zon", show_photo="on")
        files = {"photo": ("bankje.jpg", photo, "image/jpeg")}
    response = visitor.call("POST", "/parelketting/nieuw/", data, files, expected=expected)
    if response is not None and response.status == 302:
        with TALLY.lock:
            TALLY.accepted_pearls.append(title)
            TALLY.phases[LOG.phase] += 1
    return response


def log_in_with_password(visitor: Visitor, address: str) -> bool:
    page = visitor.call("GET", "/accounts/login/")
    if page is None:
        return False
    data = {"csrfmiddlewaretoken": visitor.csrf(page), "login": address, "password": run.RESIDENT_PASSWORD}
    return visitor.call("POST", "/accounts/login/", data, expected=(302,)) is not None


class Reader(Visitor):
    def step(self):
        self.browse(random.choice(PUBLIC_PAGES))
        time.sleep(0.3)


class Resident(Visitor):
    def __init__(self, number: int, marker: str, mailbox: Mailbox):
        super().__init__(BASE, source=f"127.0.2.{10 + number}")
        self.address = f"bewoner{number}@cluster.example"
        self.number, self.marker, self.mailbox = number, marker, mailbox
        self.logged_in_at = None
        self.pearls = self.dreams = 0
        self.lost_codes = 0

    def log_in_with_code(self) -> bool:
        self.client.cookies.clear()  # a new visit: log in again with a fresh code
        page = self.call("GET", "/accounts/login/code/")
        if page is None:
            return False
        asked = self.call(
            "POST",
            "/accounts/login/code/",
            {"csrfmiddlewaretoken": self.csrf(page), "email": self.address},
            expected=(302,),
        )
        if asked is None:
            return False
        with TALLY.lock:
            TALLY.codes_asked += 1
        code = self.mailbox.wait_for_code(self.address, 120)
        if code is None:
            self.lost_codes += 1
            return False
        with TALLY.lock:
            TALLY.codes_arrived += 1
        confirm = self.call("GET", asked.location or "/accounts/login/code/confirm/")
        if confirm is None:
            return False
        done = self.call(
            "POST", asked.location, {"csrfmiddlewaretoken": self.csrf(confirm), "code": code}, expected=(302,)
        )
        if done is None:
            return False
        with TALLY.lock:
            TALLY.logins += 1
        self.logged_in_at = time.monotonic()
        return True

    def step(self):
        if self.logged_in_at is None or time.monotonic() - self.logged_in_at > 60:
            if not self.log_in_with_code():
                time.sleep(2)
                return
        roll = random.random()
        if roll < 0.1 and self.pearls < SELF_LIMIT:
            self.pearls += 1
            submit_pearl(self, f"{self.marker} parel {self.number}-{self.pearls}")
        elif roll < 0.2 and self.dreams < SELF_LIMIT:
            self.dreams += 1
            share_dream(self, f"{self.marker} droom {self.number}-{self.dreams}: een bankje bij de speeltuin.")
        else:
            self.browse(random.choice(["/parelketting/", "/parelketting/mijn-parels/", "/"]))
        time.sleep(1.0)


class Moderator(Visitor):
    PATH = "/beheer/parelketting/pearl/"

    def __init__(self, base: str = BASE):
        super().__init__(base, source="127.0.3.1")
        self.logged_in = False

    def publish_waiting(self, only: list[str] | None = None) -> int:
        page = self.call("GET", self.PATH)
        if page is None:
            return 0
        chosen = only if only is not None else _SELECTABLE.findall(page.text)[:5]
        if not chosen:
            return 0
        data = {"csrfmiddlewaretoken": self.csrf(page), "action": "publish_selected", "index": "0"}
        data["_selected_action"] = chosen
        if self.call("POST", self.PATH, data, expected=(302,)) is None:
            return 0
        with TALLY.lock:
            TALLY.published += len(chosen)
        return len(chosen)

    def step(self):
        if not self.logged_in:
            self.logged_in = log_in_with_password(self, "moderator@hwwonen.example")
        if self.logged_in:
            self.publish_waiting()
        time.sleep(3)


def run_load(visitors, stopping: threading.Event) -> list[threading.Thread]:
    def loop(visitor):
        while not stopping.is_set():
            try:
                visitor.step()
            except Exception as exc:  # noqa: BLE001 - a broken page is an error, not the end of the load
                LOG.add(Event(time.monotonic(), LOG.phase, None, False, f"{type(exc).__name__}: {exc}"))
                time.sleep(1)
        visitor.client.close()

    threads = [threading.Thread(target=loop, args=(v,), daemon=True) for v in visitors]
    for thread in threads:
        thread.start()
    return threads


# ---- the faults


def errors(events) -> list[Event]:
    return [e for e in events if not e.ok]


def sample(events) -> str:
    shown = Counter(e.what for e in errors(events)).most_common(4)
    return "; ".join(f"{what} x{n}" for what, n in shown)


def fault_node(report, node: int = 2) -> bool:
    LOG.phase = "node-kill"
    killed = time.monotonic()
    run.stop_process(f"node{node}", sig=signal.SIGKILL, wait=5)
    time.sleep(8)
    run.start_node(node)
    back = run.wait_for(f"{node_url(node)}/health/", 60)
    # Back in rotation: HAProxy sends a request to it again (2 good checks, 1 s apart).
    probe = Visitor(BASE, source="127.0.4.9")
    in_rotation = None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        response = probe.call("GET", "/health/")
        if response is not None and response.headers.get("x-node") == f"node{node}":
            in_rotation = time.monotonic() - killed
            break
        time.sleep(0.2)
    probe.client.close()
    events = LOG.of("node-kill")
    late = [e for e in errors(events) if e.at - killed > NODE_GRACE or e.status == 500]
    early = [e for e in errors(events) if e not in late]
    routed = max((e.at - killed for e in errors(events)), default=0.0)
    ok = not late and back is not None and in_rotation is not None
    report(
        f"fault node{node} killed: {len(events)} requests ({TALLY.phases['node-kill']} submissions accepted), "
        f"{len(early)} errors within {NODE_GRACE:.0f} s "
        f"(502/503/cut while HAProxy routes around), {len(late)} errors after; last error {routed:.1f} s "
        f"after the kill; started again, in rotation {in_rotation or 0:.1f} s after the kill"
        + (f" [{sample(events)}]" if errors(events) else ""),
        ok,
    )
    return ok


def fault_redis(report, seconds: float = 10.0) -> bool:
    LOG.phase = "redis-down"
    run.stop_process("redis")
    time.sleep(2)
    probe = Visitor(BASE, source="127.0.4.9")
    health = probe.call("GET", "/health/")
    degraded = health is not None and '"degraded"' in health.text and '"cache": "unavailable"' in health.text
    probe.client.close()
    time.sleep(seconds - 2)
    run.start_redis()
    time.sleep(3)  # requests right after the start are still counted here
    events = LOG.of("redis-down")
    wrong = errors(events)
    server_errors = sum(1 for e in wrong if e.status is not None and e.status >= 500)
    ok = not wrong and degraded
    report(
        f"fault Redis stopped {seconds:.0f} s: {len(events)} requests ({TALLY.phases['redis-down']} submissions "
        f"accepted), {len(wrong)} errors, {server_errors} 5xx; "
        f"/health/ while down: {'200 degraded' if degraded else 'NOT degraded'}"
        + (f" [{sample(events)}]" if wrong else ""),
        ok,
    )
    return ok


def fault_worker(report, worker: int = 2) -> bool:
    LOG.phase = "worker-kill"
    pid = run.alive(f"worker{worker}")
    task_id = None
    deadline = time.monotonic() + 90
    while pid and task_id is None and time.monotonic() < deadline:
        rows = psql(
            "select id from django_tasks_database_dbtaskresult where status = 'RUNNING' "
            f"and worker_ids::text like '%-{pid}\"%' and task_path = 'worker.tasks.send_email_message'"
        )
        if rows:
            task_id = rows[0][0]
            break
        time.sleep(0.1)
    if task_id is None:
        report(f"fault worker{worker} killed: no e-mail was running on it within 90 s", False)
        return False
    killed = time.monotonic()
    run.stop_process(f"worker{worker}", sig=signal.SIGKILL, wait=5)
    time.sleep(3)
    run.start_worker(worker)
    delivered_after = None
    while time.monotonic() - killed < 90:
        status = psql(f"select status from django_tasks_database_dbtaskresult where id = '{task_id}'")
        if status and status[0][0] == "SUCCESSFUL":
            delivered_after = time.monotonic() - killed
            break
        time.sleep(0.5)
    events = LOG.of("worker-kill")
    wrong = errors(events)
    ok = delivered_after is not None and not wrong
    report(
        f"fault worker{worker} killed while sending an e-mail: that e-mail "
        + (f"delivered by a worker after {delivered_after:.1f} s" if delivered_after else "NOT delivered")
        + f"; {len(events)} requests ({TALLY.phases['worker-kill']} submissions accepted), {len(wrong)} errors"
        + (f" [{sample(events)}]" if wrong else ""),
        ok,
    )
    return ok


# ---- freshness and limits


def a_photo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 200)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def freshness(report, marker: str, moderator: Moderator, number: int) -> bool:
    LOG.phase = "freshness"
    title = f"{marker} fris"
    resident = Visitor(node_url(3), source="127.0.5.1")
    if not log_in_with_password(resident, f"bewoner{number}@cluster.example"):
        report("freshness: the resident could not log in through node 3", False)
        return False
    if submit_pearl(resident, title, photo=a_photo()) is None:
        report("freshness: the pearl with a photo was not accepted through node 3", False)
        return False
    uid, pk = psql(f"select uid, id from parelketting_pearl where title = '{title}'")[0]
    own = resident.call("GET", f"/parelketting/parel/{uid}/foto/")
    readers = {node: Visitor(node_url(node), source=f"127.0.5.{node + 1}") for node in (2, 3)}
    for reader in readers.values():  # what anonymous visitors had in their (shared) cache before
        for _ in range(2):
            reader.call("GET", "/parelketting/pearls.geojson")
    before = {n: title in (r.call("GET", "/parelketting/pearls.geojson") or _Empty()).text for n, r in readers.items()}
    # The moderator's session (made through HAProxy) publishes the pearl through node 1.
    on_node1 = Moderator(node_url(1))
    on_node1.client.cookies = dict(moderator.client.cookies)
    published = on_node1.publish_waiting(only=[pk])
    seen = {}
    for node, reader in readers.items():
        geojson = reader.call("GET", "/parelketting/pearls.geojson")
        page = reader.call("GET", f"/parelketting/parel/{uid}/")
        seen[node] = geojson is not None and title in geojson.text and page is not None and title in page.text
    photo = Visitor(node_url(1), source="127.0.5.9").call("GET", f"/parelketting/parel/{uid}/foto/")
    same_photo = own is not None and photo is not None and photo.body == own.body and photo.body[:2] == b"\xff\xd8"
    stored = psql(f"select photo from parelketting_pearl where id = {pk}")[0][0]
    ok = published == 1 and not any(before.values()) and all(seen.values()) and same_photo
    report(
        f"freshness: pearl published through node1, seen by anonymous visitors through "
        f"node2 {'yes' if seen[2] else 'NO'}, node3 {'yes' if seen[3] else 'NO'} on their next request "
        f"(map and page; not there before: {'yes' if not any(before.values()) else 'NO'})",
        ok and all(seen.values()),
    )
    report(
        f"freshness: photo uploaded through node3 ({stored}, object storage) served through node1: "
        + (f"yes, the same {len(photo.body)} bytes" if same_photo else "NO"),
        same_photo,
    )
    return ok


class _Empty:
    text = ""


def limits(report, marker: str) -> bool:
    LOG.phase = "limits"
    first = Visitor(BASE, source="127.0.6.1")
    second = Visitor(BASE, source="127.0.6.2")
    forger = Visitor(BASE, source="127.0.6.3")
    a = [share_dream(first, f"{marker} limiet A{i}") for i in range(11)]
    b = share_dream(second, f"{marker} limiet B")
    c = []
    for i in range(11):
        forger.client.headers["X-Forwarded-For"] = f"203.0.113.{random.randint(1, 254)}, 10.0.0.{i + 1}"
        c.append(share_dream(forger, f"{marker} limiet C{i}"))
    ok_a = a == [302] * 10 + [429]
    ok_c = c == [302] * 10 + [429]
    ok = ok_a and b == 302 and ok_c
    report(
        f"limits: address 1 {a.count(302)} dreams then {'429' if a[-1] == 429 else a[-1]}; address 2 "
        f"{'accepted' if b == 302 else b} after that; a forged X-Forwarded-For (11 different) "
        f"{c.count(302)} dreams then {'429' if c[-1] == 429 else c[-1]}",
        ok,
    )
    return ok


# ---- the counts at the end


def drain(seconds: float) -> int:
    """Wait until the queue is empty; return how many tasks still wait or run."""
    deadline = time.monotonic() + seconds
    while True:
        waiting = int(
            psql("select count(*) from django_tasks_database_dbtaskresult where status in ('READY', 'RUNNING')")[0][0]
        )
        if waiting == 0 or time.monotonic() > deadline:
            return waiting
        time.sleep(1)


def count_losses(report, marker: str, mailbox: Mailbox) -> bool:
    pearls = [row[0] for row in psql(f"select title from parelketting_pearl where title like '{marker}%'")]
    dreams = [row[0] for row in psql(f"select text from droomhuis_dream where text like '{marker}%'")]
    accepted = Counter(TALLY.accepted_pearls) + Counter(TALLY.accepted_dreams)
    stored = Counter(pearls) + Counter(dreams)
    lost = sum((accepted - stored).values())
    extra = sum((stored - accepted).values())
    doubled = sum(n - 1 for n in stored.values() if n > 1)
    ok_stored = lost == 0 and extra == 0 and doubled == 0
    report(
        f"submissions: {sum(accepted.values())} accepted ({len(TALLY.accepted_pearls)} pearls, "
        f"{len(TALLY.accepted_dreams)} dreams), {sum(stored.values())} stored, {lost} lost, {doubled} twice",
        ok_stored,
    )
    waiting = drain(90)
    queued = {
        row[0]
        for row in psql(
            "select args_kwargs->'kwargs'->'data'->'headers'->>'Message-ID' from django_tasks_database_dbtaskresult "
            "where task_path = 'worker.tasks.send_email_message'"
        )
    }
    delivered = mailbox.message_ids()
    missing = len(queued - set(delivered))
    twice = sum(1 for message_id, n in delivered.items() if n > 1 and message_id in queued)
    once = sum(1 for message_id in queued if delivered.get(message_id) == 1)
    ok_mail = missing == 0 and twice == 0 and waiting == 0 and queued
    report(
        f"e-mail: {len(queued)} queued, {once} delivered exactly once, {twice} twice, {missing} missing, "
        f"{waiting} still waiting",
        bool(ok_mail),
    )
    ok_codes = TALLY.codes_asked > 0 and TALLY.codes_arrived == TALLY.codes_asked
    report(
        f"login codes: {TALLY.codes_asked} asked, {TALLY.codes_arrived} arrived, {TALLY.logins} logins with them",
        ok_codes,
    )
    runs = dict(psql("select job, count(*) from worker_scheduledrun group by job"))
    done = dict(
        psql(
            "select args_kwargs->'kwargs'->>'command', count(*) from django_tasks_database_dbtaskresult "
            "where task_path = 'worker.tasks.run_scheduled_command' and status = 'SUCCESSFUL' group by 1"
        )
    )
    jobs = ["parelketting_digest", "retention_run"]
    ok_schedule = all(runs.get(job) == "1" and done.get(job) == "1" for job in jobs)
    report(
        "schedule with 2 workers (and one restarted): "
        + ", ".join(f"{job} started {runs.get(job, '0')}x, ran {done.get(job, '0')}x today" for job in jobs),
        ok_schedule,
    )
    return ok_stored and bool(ok_mail) and ok_codes and ok_schedule


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--residents", type=int, default=6)
    parser.add_argument("--running", action="store_true", help="use the cluster that runs (make cluster)")
    args = parser.parse_args(argv)
    began = time.monotonic()
    results: list[bool] = []

    def report(line: str, ok: bool = True) -> None:
        results.append(ok)
        print(f"cluster: {line}" + ("" if ok else "  <-- FAILED"), flush=True)

    def stopped(signum, frame):  # `timeout` or Ctrl+C: still stop the cluster (below)
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, stopped)
    try:
        if not args.running:
            run.start(residents=args.residents + 1)
        marker = f"CT{secrets.token_hex(4)}"
        mailbox = Mailbox(run.STATE / "mail")
        report(
            f"release {run.release()}: HAProxy {BASE} in front of {len(run.NODE_PORTS)} app nodes "
            f"(each its own copy), {len(run.WORKER_NODES)} workers, PostgreSQL, Redis :{run.REDIS_PORT}, "
            f"object storage :{run.S3_PORT}; up after {time.monotonic() - began:.0f} s"
        )
        moderator = Moderator()
        visitors = [Reader(BASE, source=f"127.0.1.{10 + i}") for i in range(args.readers)]
        visitors += [Resident(i, marker, mailbox) for i in range(args.residents)]
        visitors.append(moderator)
        stopping = threading.Event()
        threads = run_load(visitors, stopping)
        time.sleep(15)
        fault_node(report)
        LOG.phase = "steady"
        time.sleep(5)
        fault_redis(report)
        LOG.phase = "steady"
        time.sleep(5)
        fault_worker(report)
        freshness(report, marker, moderator, number=args.residents)
        limits(report, marker)
        LOG.phase = "steady"
        time.sleep(3)
        stopping.set()
        for thread in threads:
            thread.join(timeout=150)
        steady = [e for e in LOG.events if e.phase in ("warm-up", "steady", "freshness", "limits")]
        report(
            f"load: {len(LOG.events)} requests through HAProxy and nodes, {len(errors(LOG.events))} errors in all; "
            f"without a fault {len(steady)} requests, {len(errors(steady))} errors"
            + (f" [{sample(steady)}]" if errors(steady) else ""),
            not errors(steady),
        )
        count_losses(report, marker, mailbox)
        lost_codes = sum(v.lost_codes for v in visitors if isinstance(v, Resident))
        if lost_codes:
            report(f"login codes that never arrived: {lost_codes}", False)
    finally:
        if not args.running:
            run.stop()
    ok = all(results)
    print(f"cluster: {'passed' if ok else 'FAILED'} in {time.monotonic() - began:.0f} s", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
