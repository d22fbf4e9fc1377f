"""Many people press "Iscriviti" at the same moment for fewer places (PostgreSQL)."""

import ast
import os
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from common import WORKERS, fetch, shell

PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/tsf_bench")
PEOPLE, PLACES = 300, 100


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
print(event.get_absolute_url())
"""

COUNT = """
from events.models import Registration
from django.db.models import Count
print(dict(Registration.objects.values_list("status").annotate(n=Count("pk")).order_by()))
"""


def recreate_database():
    import psycopg

    admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(
        admin.replace("postgres://", "postgresql://"), connect_timeout=3, autocommit=True
    ) as conn:
        name = PG_URL.rsplit("/", 1)[1]
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


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

    workers = max(4, WORKERS)
    with bench.site("burst", database_url=PG_URL, workers=workers, setup=setup) as (base, env):
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
        barrier = threading.Barrier(PEOPLE)

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
        counts = shell(env, COUNT)
    statuses = {}
    for status, _t in outcomes:
        statuses[status] = statuses.get(status, 0) + 1
    latencies = sorted(t * 1000 for _s, t in outcomes)
    errors = sum(n for s, n in statuses.items() if not isinstance(s, int) or s >= 500)
    report.say(
        f"Duration of the burst: **{duration:.2f} s** (p50 {statistics.median(latencies):.0f} "
        f"ms, max {latencies[-1]:.0f} ms per sign-up), gunicorn {workers} workers."
    )
    report.say(f"HTTP answers: {statuses}.")
    report.say(f"Registrations in the database by status: {counts}.")
    report.say("")
    confirmed = ast.literal_eval(counts).get("confirmed", 0) if counts.startswith("{") else -1
    report.table(
        ("figure", "measured"),
        [
            ("errors (5xx or connection)", report.figure("errors", str(errors), "0", errors == 0)),
            (
                "confirmed",
                report.figure("confirmed", str(confirmed), f"≤ {PLACES}", 0 <= confirmed <= PLACES),
            ),  # fmt: skip
        ],
    )
