"""Many people press "Iscriviti" at the same moment for fewer places (PostgreSQL)."""

import json
import os
import signal
import statistics
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from common import NPROC, PYTHON, ROOT, fetch, shell

PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/tsf_bench")
PEOPLE, PLACES = 300, 100
# The target's setting: 9 gunicorn workers on a 2-core machine.
BURST_WORKERS = int(os.environ.get("BENCH_BURST_WORKERS", "9"))


class FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.done = {}, False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post" and not self.done:
            self.in_form = "feedback" not in (attrs.get("action") or "")
        if not self.in_form or not attrs.get("name"):
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind == "checkbox":
            self.fields.setdefault(attrs["name"], attrs.get("value", "on"))
        elif tag == "input" and kind not in {"submit", "button", "radio"}:
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self.fields[attrs["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True


SET_CAPACITY = """
from events.models import Event
event = Event.objects.filter(is_published=True).order_by("starts_at", "pk").first()
event.capacity = {capacity}
event.waitlist_enabled = True
event.save()
print(RESULT, event.get_absolute_url())
"""

# Under the lock, in arrival order: the confirmed are exactly the first PLACES to get
# the lock, the rest wait in the order they got it.
COUNT = """
import json
from django.db.models import Count
from events.models import OutboxMessage, Registration
rows = list(Registration.objects.order_by("created_at", "pk").values_list("status", "created_at"))
statuses = [s for s, _t in rows]
span = (rows[-1][1] - rows[0][1]).total_seconds() if len(rows) > 1 else 0
print(RESULT, json.dumps({
    "counts": dict(Registration.objects.values_list("status").annotate(n=Count("pk")).order_by()),
    "in_order": statuses == sorted(statuses, key=lambda s: s != "confirmed"),
    "pk_order": list(Registration.objects.order_by("created_at", "pk").values_list("pk", flat=True))
    == list(Registration.objects.order_by("pk").values_list("pk", flat=True)),
    "span": span,
    "mail_pending": OutboxMessage.objects.filter(status="pending").count(),
}))
"""

# The time one registration holds the event's lock, without contention: the service
# called in a loop on a scratch event, the locked block timed from inside.
LOCK_TIME = """
import json, statistics, time
from contextlib import contextmanager
from datetime import timedelta
from django.utils import timezone
from events import services
from events.models import Event, OutboxMessage
now = timezone.now()
event = Event.objects.create(
    slug="bench-lock", title="Bench", starts_at=now + timedelta(days=9),
    ends_at=now + timedelta(days=9, hours=2), venue_name="x", address="x", capacity=25,
    registration_opens_at=now - timedelta(days=1), is_published=False,
)
held = []
real = services.locked_event
@contextmanager
def timed(event):
    with real(event) as locked:
        start = time.perf_counter()
        yield locked
        held.append(time.perf_counter() - start)
services.locked_event = timed
for i in range(60):
    services.register(event=event, name=f"Lock {i}", email=f"lock{i}@example.org")
services.locked_event = real
OutboxMessage.objects.filter(registration__event=event).delete()
event.registrations.all().delete()
event.delete()
print(RESULT, json.dumps({"median": statistics.median(held), "max": max(held)}))
"""

PENDING = """
from events.models import OutboxMessage
print(RESULT, OutboxMessage.objects.filter(status="pending").count())
"""


def _cpu_seconds(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _processes(marker):
    """The processes whose command line holds ``marker`` (gunicorn's master and workers)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = open(f"/proc/{entry}/cmdline", "rb").read().replace(b"\0", b" ")
            except OSError:
                continue
            if marker.encode() in cmdline:
                pids.append(int(entry))
    return pids


def _database_backends():
    import psycopg

    name = PG_URL.rsplit("/", 1)[1]
    with psycopg.connect(PG_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return [pid for (pid,) in rows]


class CpuMeter:
    """CPU seconds spent during the burst by each part: the web workers, their database
    backends, the e-mail sender (and its backend) and this load generator."""

    def __init__(self, port, sender_pid):
        self.groups = {
            "web workers": lambda: _processes(f"127.0.0.1:{port}"),
            "PostgreSQL": _database_backends,  # every backend of the bench database
            "e-mail sender": lambda: [sender_pid],
        }

    def start(self):
        self.pids = {name: find() for name, find in self.groups.items()}
        self.before = {name: sum(map(_cpu_seconds, pids)) for name, pids in self.pids.items()}
        self.own = os.times()
        self.wall = time.perf_counter()

    def stop(self):
        own = os.times()
        used = {
            name: sum(map(_cpu_seconds, pids)) - self.before[name]
            for name, pids in self.pids.items()
        }
        used["load generator"] = (own.user - self.own.user) + (own.system - self.own.system)
        self.used, self.wall = used, time.perf_counter() - self.wall
        return used


def recreate_database():
    import psycopg

    admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(
        admin.replace("postgres://", "postgresql://"), connect_timeout=3, autocommit=True
    ) as conn:
        name = PG_URL.rsplit("/", 1)[1]
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def sender(env):
    """The e-mail sender beside gunicorn, as in production (console backend, muted)."""
    process = subprocess.Popen(
        [PYTHON, "manage.py", "send_outbox", "--watch", "--interval", "1"],
        cwd=ROOT,
        env={**env, "EMAIL_URL": "dummymail://"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def run(bench):
    report = bench.report
    report.section(f"Registration burst: {PEOPLE} simultaneous sign-ups for {PLACES} places")
    try:
        recreate_database()
    except Exception as error:  # noqa: BLE001 - any failure means "not available"
        report.say(f"Not run: PostgreSQL at {PG_URL} is not available ({error}).")
        report.say("")
        return
    found = {}

    def setup(env):
        found["event"] = shell(env, SET_CAPACITY.format(capacity=PLACES))
        found["lock"] = json.loads(shell(env, LOCK_TIME))

    site = bench.site(
        "burst", database_url=PG_URL, workers=BURST_WORKERS, setup=setup,
        EVENTS_MIN_FILL_SECONDS="0",
    )  # fmt: skip
    with site as (base, env), sender(env) as mailer:
        form_url = found["event"].rstrip("/") + "/iscrizione/"
        status = fetch(base + form_url)[0]
        assert status == 200, f"{form_url} answers {status}"
        port = urlsplit(base).port
        # Each person opens the form first (own CSRF cookie), then all submit at once.
        sessions = []
        for i in range(PEOPLE):
            conn = HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", form_url)
            response = conn.getresponse()
            reader = FormFields()
            reader.feed(response.read().decode())
            cookie = SimpleCookie(response.headers.get("Set-Cookie", ""))
            fields = dict(reader.fields)
            for name in fields:
                if "email" in name:
                    fields[name] = f"burst{i:03d}@example.org"
                elif name.endswith("name"):
                    fields[name] = f"Persona {i:03d}"
            cookies = "; ".join(f"{k}={m.value}" for k, m in cookie.items())
            sessions.append((conn, urlencode(fields), cookies))
        meter = CpuMeter(port, mailer.pid)
        # Counted from the moment everyone is ready (the barrier's action runs then).
        barrier = threading.Barrier(PEOPLE, action=meter.start)

        def submit(session):
            conn, payload, cookies = session
            barrier.wait()
            start = time.perf_counter()
            try:
                conn.request("POST", form_url, body=payload, headers={
                    "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies,
                    "Origin": base, "Referer": base + form_url})  # fmt: skip
                response = conn.getresponse()
                response.read()
                return response.status, time.perf_counter() - start
            except OSError as error:
                return f"error: {error}", time.perf_counter() - start

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
            outcomes = list(pool.map(submit, sessions))
        duration = time.perf_counter() - started
        found["cpu"] = meter.stop()
        found["cpu_wall"] = meter.wall
        found["state"] = json.loads(shell(env, COUNT))
        # The sender works through the 300 e-mails beside the site.
        mail_started = time.perf_counter()
        pending = found["state"]["mail_pending"]
        while pending and time.perf_counter() - mail_started < 120:
            time.sleep(1)
            pending = int(shell(env, PENDING))
        mail_seconds = time.perf_counter() - mail_started
    statuses = {}
    for status, _t in outcomes:
        statuses[status] = statuses.get(status, 0) + 1
    latencies = sorted(t * 1000 for _s, t in outcomes)
    errors = sum(n for s, n in statuses.items() if not isinstance(s, int) or s >= 400)
    state = found["state"]
    counts = state["counts"]
    confirmed, waitlisted = counts.get("confirmed", 0), counts.get("waitlisted", 0)
    lock = found["lock"]
    report.say(
        f"Duration of the burst: **{duration:.2f} s**, {PEOPLE / duration:.0f} registrations/s "
        f"(p50 {statistics.median(latencies):.0f} ms, max {latencies[-1]:.0f} ms per sign-up), "
        f"gunicorn {BURST_WORKERS} workers on {NPROC} CPUs, the e-mail sender beside them."
    )
    report.say(f"HTTP answers: {statuses}.")
    report.say(f"Registrations in the database by status: {counts}.")
    report.say(
        f"Time the event's lock is held per registration: median {lock['median'] * 1000:.1f} ms, "
        f"max {lock['max'] * 1000:.1f} ms (the service alone, no contention); under the burst "
        f"one registration committed every {state['span'] / max(PEOPLE - 1, 1) * 1000:.1f} ms."
    )
    cpu = found["cpu"]
    report.say(
        f"CPU used during the burst ({NPROC} cores × {found['cpu_wall']:.2f} s = "
        f"{NPROC * found['cpu_wall']:.1f} s available): "
        + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in cpu.items())
        + f"; per sign-up {sum(cpu.values()) / PEOPLE * 1000:.1f} ms "
        f"({cpu['web workers'] / PEOPLE * 1000:.1f} ms in the web workers, "
        f"{cpu['PostgreSQL'] / PEOPLE * 1000:.1f} ms in PostgreSQL). "
        f"Load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}."
    )
    report.say(
        f"The sender then delivered the {PEOPLE} e-mails in {mail_seconds:.0f} s "
        f"({'all sent' if not pending else f'{pending} still pending'}; no request sent any)."
    )
    report.say("")
    report.table(
        ("figure", "measured"),
        [
            ("errors (4xx/5xx or connection)", report.figure("errors", str(errors), "0",
                                                             errors == 0)),
            ("confirmed", report.figure("confirmed", str(confirmed), f"= {PLACES}",
                                        confirmed == PLACES)),
            ("waitlisted", report.figure("waitlisted", str(waitlisted), f"= {PEOPLE - PLACES}",
                                         waitlisted == PEOPLE - PLACES)),
            ("in arrival order", report.figure("arrival order", str(
                state["in_order"] and state["pk_order"]), "True",
                state["in_order"] and state["pk_order"])),
            ("slowest answer", report.figure("slowest answer", f"{latencies[-1] / 1000:.2f} s",
                                             "≤ 2 s", latencies[-1] <= 2000)),
            ("registrations per second", report.figure("registrations/s",
                                                       f"{PEOPLE / duration:.0f}")),
            ("lock held per registration", report.figure("lock held",
                                                         f"{lock['median'] * 1000:.1f} ms")),
        ],
    )  # fmt: skip


if __name__ == "__main__":
    # This part alone: `.venv/bin/python tests/bench/registration_burst.py`.
    import tempfile
    from pathlib import Path

    from common import Bench, Report

    with tempfile.TemporaryDirectory(prefix="tsf-bench-") as workdir:
        bench = Bench(report=Report(), workdir=Path(workdir))
        run(bench)
        bench.report.summary()
