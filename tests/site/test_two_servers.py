"""Two application servers at once, as two machines would run them: two gunicorn
instances on different ports, the same PostgreSQL database, the same Redis.

- a burst of registrations split across both never overbooks: exact capacity, the
  waiting list in arrival order (each person loads the form from one server and posts
  it to the other: CSRF, sessions and the lock hold across processes);
- a page rendered by one is a cache hit on the other (the page cache lives in Redis),
  and a staff edit made through one is seen by anonymous visitors of the other at once
  (the cache is keyed on the content version in the database);
- the rate limit counts the posts of one address across both;
- one outbox sender delivers the mails written by both, each once; two senders at
  once never send a message twice.

Needs PostgreSQL and Redis (``DATABASE_URL=postgres://…`` and ``REDIS_URL``, as in
.ci/run's second pass); skipped with a message elsewhere. Visitors come from distinct
loopback addresses (127.0.0.N), as distinct people would, so only the rate-limit
check shares one address.
"""

import asyncio
import functools
import http.client
import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from events.models import OutboxMessage, Registration
from tests.conftest import STAFF_PASSWORD
from tests.events.fixtures import make_retries_due
from torino_social_factory.models import Page

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PORTS = range(8170, 8180)
CAPACITY = 8
PEOPLE = 24
RATE_LIMIT = 3
# Behind the balancer both machines see the site's own name in the Host header.
HOST = "tsf.example.it"

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

Status = Registration.Status


# --- Servers ------------------------------------------------------------------------------


def _port_is_free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _free_ports(count):
    ports = [port for port in PORTS if _port_is_free(port)][:count]
    if len(ports) < count:
        pytest.skip(f"fewer than {count} free ports in {PORTS.start}-{PORTS.stop - 1}")
    return ports


def _database_url():
    db = connection.settings_dict
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3)


@pytest.fixture(scope="module")
def postgres_and_redis(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip(
            "two servers need PostgreSQL and Redis: run with DATABASE_URL=postgres://… and "
            "REDIS_URL=redis://… (as .ci/run's second pass does)"
        )
    try:
        _redis().ping()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"Redis at {settings.REDIS_URL} does not answer: {exc}")


class Server:
    def __init__(self, name, port, env, log_dir):
        self.name, self.port, self.env = name, port, env
        self.url = f"http://127.0.0.1:{port}"
        self.log = log_dir / f"gunicorn-{name}.log"
        self.process = subprocess.Popen(
            [GUNICORN, "torino_social_factory.wsgi", "-b", f"127.0.0.1:{port}"]
            + ["--workers", "2", "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self):
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited: {self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn {self.name} did not become ready")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster(postgres_and_redis, tmp_path_factory):
    """Servers A and B with one secret, one database, one Redis prefix; and the
    environment a sender process beside them would have."""
    port_a, port_b, smtp_port, dead_port = _free_ports(4)
    prefix = f"tsf-two-{os.getpid()}-{secrets.token_hex(3)}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=_database_url(),
        REDIS_URL=settings.REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        EVENTS_MIN_FILL_SECONDS="0",
        EVENTS_RATE_LIMIT=str(RATE_LIMIT),
        # The web servers hand mail to no one (the sender does): a closed port, so a
        # delivery attempt in the request, where one is still made, fails at once.
        EMAIL_URL=f"smtp://127.0.0.1:{dead_port}",
        EMAIL_TIMEOUT="3",
        SITE_URL=f"http://127.0.0.1:{port_a}",
        REQUEST_LOG_ENABLED="0",
        PYTHONDONTWRITEBYTECODE="1",
    )
    # Production settings serve hashed static names from the manifest: collect first,
    # as a deploy does (the same folder `make serve` uses).
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stderr
    log_dir = tmp_path_factory.mktemp("two-servers")
    servers = [Server("A", port_a, env, log_dir), Server("B", port_b, env, log_dir)]
    try:
        for server in servers:
            server.wait_ready()
        yield {
            "a": servers[0],
            "b": servers[1],
            "prefix": prefix,
            "sender_env": {**env, "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}"},
            "smtp_port": smtp_port,
        }
    finally:
        for server in servers:
            server.stop()
        client = _redis()
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)


@pytest.fixture
def fresh_cache(cluster):
    """Each test starts with the shared cache empty (pages, counters)."""
    client = _redis()
    keys = list(client.scan_iter(match=f"{cluster['prefix']}:*"))
    if keys:
        client.delete(*keys)
    return client


# --- Visitors -----------------------------------------------------------------------------


class _FromAddress(urllib.request.HTTPHandler):
    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, req):
        connection_class = functools.partial(
            http.client.HTTPConnection, source_address=(self.address, 0)
        )
        return self.do_open(connection_class, req)


class Visitor:
    """A browser with its own cookies, connecting from its own loopback address."""

    def __init__(self, address):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            _FromAddress(address), urllib.request.HTTPCookieProcessor(self.jar)
        )

    def get(self, url):
        try:
            request = urllib.request.Request(url, headers={"Host": HOST})
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode()

    def post(self, url, fields):
        request = urllib.request.Request(
            url, data=urllib.parse.urlencode(fields).encode(), headers={"Host": HOST}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()


def _field(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"{name} not in the form"
    return match.group(1)


def _register(form_server, post_server, path, index, barrier, results):
    visitor = Visitor(f"127.0.0.{10 + index}")
    try:
        status, _headers, html = visitor.get(form_server.url + path)
        assert status == 200, status
        fields = {
            "csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken"),
            "started": _field(html, "started"),
            "website": "",
            "name": f"Persona {index}",
            "email": f"persona{index:02d}@example.org",
            "privacy": "on",
        }
    except Exception as exc:  # noqa: BLE001
        results[index] = repr(exc)
        barrier.abort()
        return
    try:
        barrier.wait(timeout=60)
        results[index] = visitor.post(post_server.url + path, fields)[0]
    except Exception as exc:  # noqa: BLE001
        results[index] = repr(exc)


class Recorder:
    """An SMTP server that takes its time, so that two senders overlap."""

    def __init__(self):
        self.recipients = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.05)
        with self.lock:
            self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def smtp(cluster):
    from aiosmtpd.controller import Controller

    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=cluster["smtp_port"])
    controller.start()
    yield recorder
    controller.stop()


def _sender(cluster):
    """``manage.py send_outbox`` as a process of its own, beside the servers."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_outbox"],
        cwd=ROOT,
        env=cluster["sender_env"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _sent_by(process):
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return int(re.search(r"inviate: (\d+)", out).group(1))


# --- The tests ----------------------------------------------------------------------------


def test_a_burst_split_across_both_servers_never_overbooks_and_queues_in_order(
    cluster, fresh_cache, make_event, smtp
):
    event = make_event(slug="raffica-due-server", capacity=CAPACITY)
    path = f"/eventi/{event.slug}/iscrizione/"
    a, b = cluster["a"], cluster["b"]
    barrier = threading.Barrier(PEOPLE)
    results = {}
    threads = [
        threading.Thread(
            target=_register,
            args=((a, b) if i % 2 else (b, a)) + (path, i, barrier, results),
        )
        for i in range(PEOPLE)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert set(results.values()) == {200}, (results, a.log.read_text()[-3000:])
    rows = list(Registration.objects.filter(event=event).order_by("created_at", "pk"))
    assert len(rows) == PEOPLE
    assert len({r.email for r in rows}) == PEOPLE
    confirmed = [r for r in rows if r.status == Status.CONFIRMED]
    waitlisted = [r for r in rows if r.status == Status.WAITLISTED]
    assert len(confirmed) == CAPACITY
    assert len(waitlisted) == PEOPLE - CAPACITY
    assert [r.pk for r in waitlisted] == sorted(r.pk for r in waitlisted)
    assert max(r.pk for r in confirmed) < min(r.pk for r in waitlisted)
    assert max(r.created_at for r in confirmed) <= min(r.created_at for r in waitlisted)
    # Both servers took registrations (persons with an even number posted to A).
    numbers = {int(r.email[7:9]) for r in rows}
    assert {n % 2 for n in numbers} == {0, 1}

    # One sender beside server A delivers the mails written through both, each once.
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 0
    make_retries_due()  # the web's own attempt (closed port) pushed the retry out
    assert _sent_by(_sender(cluster)) == PEOPLE
    assert Counter(smtp.recipients) == {r.email: 1 for r in rows}
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_two_senders_at_once_never_send_a_message_twice(cluster, fresh_cache, make_event, smtp):
    event = make_event(slug="due-mittenti", capacity=100)
    path = f"/eventi/{event.slug}/iscrizione/"
    people = 30
    for i in range(people):
        server = (cluster["a"], cluster["b"])[i % 2]
        visitor = Visitor(f"127.0.1.{10 + i}")
        html = visitor.get(server.url + path)[2]
        status, _body = visitor.post(
            server.url + path,
            {
                "csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken"),
                "started": _field(html, "started"),
                "website": "",
                "name": f"Mittente {i}",
                "email": f"mittente{i:02d}@example.org",
                "privacy": "on",
            },
        )
        assert status == 200
    make_retries_due()
    first, second = _sender(cluster), _sender(cluster)
    sent = [_sent_by(first), _sent_by(second)]

    assert sum(sent) == people
    assert len(smtp.recipients) == people
    assert Counter(smtp.recipients) == {f"mittente{i:02d}@example.org": 1 for i in range(people)}
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == people
    # Both really worked at the same time (otherwise this proves nothing).
    assert min(sent) > 0, sent


def _admin_login(visitor, server):
    html = visitor.get(server.url + "/admin/login/")[2]
    status, body = visitor.post(
        server.url + "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken"),
            "username": "redazione",
            "password": STAFF_PASSWORD,
            "next": "/admin/",
        },
    )
    assert status == 200 and "logout" in body, body[:500]


def test_a_page_cached_by_one_is_served_by_the_other_and_a_staff_edit_shows_at_once(
    cluster, fresh_cache, make_staff
):
    a, b = cluster["a"], cluster["b"]
    page = Page.objects.create(
        slug=Page.Slug.FAQ, title="Domande frequenti", body="<p>Prima versione.</p>"
    )
    visitor = Visitor("127.0.2.10")
    status, headers, html = visitor.get(a.url + "/faq/")
    assert status == 200 and "Prima versione" in html
    assert headers.get("X-Page-Cache") == "miss"
    status, headers, html = visitor.get(b.url + "/faq/")
    assert headers.get("X-Page-Cache") == "hit", "B did not find A's page in Redis"
    assert list(fresh_cache.scan_iter(match=f"{cluster['prefix']}:*page:*"))

    call_command("sync_roles", stdout=StringIO())  # the groups, after the previous flush
    make_staff("Redazione")
    staff = Visitor("127.0.2.20")
    _admin_login(staff, a)
    change = f"{a.url}/admin/torino_social_factory/page/{page.pk}/change/"
    form = staff.get(change)[2]
    status, body = staff.post(
        change,
        {
            "csrfmiddlewaretoken": _field(form, "csrfmiddlewaretoken"),
            "slug": page.slug,
            "title": "Domande frequenti",
            "summary": "",
            "body": "<p>Seconda versione, appena salvata.</p>",
            "title_en": "",
            "summary_en": "",
            "body_en": "",
            "_save": "Salva",
        },
    )
    assert status == 200, body[:500]

    status, headers, html = visitor.get(b.url + "/faq/")
    assert status == 200
    assert "Seconda versione, appena salvata." in html
    assert "Prima versione" not in html
    assert headers.get("X-Page-Cache") == "miss"


def _lost_link(visitor, server):
    path = "/iscrizione/link-perso/"
    html = visitor.get(server.url + path)[2]
    status, _body = visitor.post(
        server.url + path,
        {
            "csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken"),
            "started": _field(html, "started"),
            "website": "",
            "email": "qualcuno@example.org",
        },
    )
    return status


def test_the_rate_limit_counts_one_address_across_both_servers(cluster, fresh_cache, db):
    a, b = cluster["a"], cluster["b"]
    one_address = Visitor("127.0.3.10")
    statuses = [_lost_link(one_address, (a, b)[i % 2]) for i in range(2 * RATE_LIMIT)]
    # With a counter per server each would allow RATE_LIMIT posts: all six would pass.
    assert statuses[:RATE_LIMIT] == [200] * RATE_LIMIT
    assert statuses[RATE_LIMIT:] == [429] * RATE_LIMIT, statuses
    # Another address is not affected.
    assert _lost_link(Visitor("127.0.3.11"), b) == 200


def test_control_without_a_shared_redis_the_other_server_cannot_find_the_page(
    cluster, fresh_cache, tmp_path
):
    """The negative control: the same two servers, each with its own local cache, miss
    each other's pages; so the hit above comes from Redis."""
    a_env = {k: v for k, v in cluster["sender_env"].items() if k != "REDIS_URL"}
    ports = _free_ports(2)
    servers = [Server(name, port, a_env, tmp_path) for name, port in zip("CD", ports, strict=True)]
    try:
        for server in servers:
            server.wait_ready()
        Page.objects.create(slug=Page.Slug.FAQ, title="Domande frequenti", body="<p>Testo.</p>")
        visitor = Visitor("127.0.4.10")
        assert visitor.get(servers[0].url + "/faq/")[1].get("X-Page-Cache") == "miss"
        assert visitor.get(servers[1].url + "/faq/")[1].get("X-Page-Cache") == "miss"
    finally:
        for server in servers:
            server.stop()
