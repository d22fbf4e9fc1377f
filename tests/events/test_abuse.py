"""What an attacker on loopback tried: a solved captcha or a form start replayed, one
address posting from several worker processes, a forged X-Forwarded-For, and a
database write lock held by another process. Each holds, and each has its control."""

import re
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.cache.backends import db as database_cache
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.test import RequestFactory
from django.utils import timezone

from events import services
from events.models import Registration
from tests.events.form_data import registration_data, started_token
from tests.events.sender import ROOT, manage_env
from torino_social_factory.common import ratelimit

URL = "/eventi/evento/iscrizione/"


@pytest.fixture
def quick_forms(settings):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.RATELIMIT_ENABLED = False
    return settings


def _captcha(html):
    question = re.search(r"Quanto fa (\w+) più (\w+)\?", html)
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    numbers = ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]
    return numbers.index(question.group(1)) + numbers.index(question.group(2)), token


def test_the_captcha_token_does_not_carry_its_answer(client, make_event, quick_forms):
    import base64

    make_event(captcha_enabled=True)
    for _ in range(5):
        answer, token = _captcha(client.get(URL).content.decode())
        payload = token.split(":")[0]
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        assert f":{answer}" not in decoded.decode(errors="replace")
        assert decoded.decode(errors="replace").strip('"') != str(answer)


def test_a_solved_captcha_is_good_for_one_registration_only(client, make_event, quick_forms):
    make_event(captcha_enabled=True)
    answer, token = _captcha(client.get(URL).content.decode())
    first = client.post(URL, registration_data(captcha_token=token, captcha_answer=str(answer)))
    assert first.status_code == 302
    # The bot replays the solved challenge with a fresh form start and a new address.
    replays = [
        client.post(
            URL,
            registration_data(
                email=f"bot{i}@example.org", captcha_token=token, captcha_answer=str(answer)
            ),
        )
        for i in range(5)
    ]
    assert {r.status_code for r in replays} == {400}
    assert "La risposta non è corretta" in replays[0].content.decode()
    assert Registration.objects.count() == 1


def test_a_wrong_answer_also_spends_the_question(client, make_event, quick_forms):
    make_event(captcha_enabled=True)
    answer, token = _captcha(client.get(URL).content.decode())
    wrong = client.post(URL, registration_data(captcha_token=token, captcha_answer=str(answer + 1)))
    assert wrong.status_code == 400
    right_too_late = client.post(
        URL, registration_data(captcha_token=token, captcha_answer=str(answer))
    )
    assert right_too_late.status_code == 400  # one guess per question, not ten
    answer, token = _captcha(wrong.content.decode())  # the new question works
    assert (
        client.post(
            URL, registration_data(captcha_token=token, captcha_answer=str(answer))
        ).status_code
        == 302
    )


def test_a_form_start_is_good_for_one_submission_only(client, open_event, quick_forms):
    started = started_token()
    first = client.post(URL, registration_data(started=started))
    replay = client.post(URL, registration_data(started=started, email="altro@example.org"))
    assert first.status_code == 302
    assert replay.status_code == 400
    html = replay.content.decode()
    assert "già stato inviato" in html
    assert 'value="altro@example.org"' in html  # what was typed is kept
    assert Registration.objects.count() == 1
    # The re-displayed form carries a fresh start: sending it again works.
    fresh = re.search(r'name="started" value="([^"]+)"', html).group(1)
    assert fresh != started
    again = client.post(URL, registration_data(started=fresh, email="altro@example.org"))
    assert again.status_code == 302
    assert Registration.objects.count() == 2


def test_a_form_refused_as_too_fast_can_be_sent_again_a_moment_later(
    client, open_event, quick_forms
):
    quick_forms.EVENTS_MIN_FILL_SECONDS = 1
    html = client.get(URL).content.decode()
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    fast = client.post(URL, registration_data(started=started))
    assert fast.status_code == 400
    assert "troppo in fretta" in fast.content.decode()
    time.sleep(1.1)
    kept = re.search(r'name="started" value="([^"]+)"', fast.content.decode()).group(1)
    assert client.post(URL, registration_data(started=kept)).status_code == 302


def test_the_default_minimum_fill_time_lets_a_browser_autofill_through(settings):
    # Autofill plus a tap takes about a second; the old 3 s refused real people.
    assert settings.EVENTS_MIN_FILL_SECONDS <= 1


# --- The client address behind proxies ----------------------------------------------------


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.1"),  # no proxy configured: the header is anyone's
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # nginx appended the real client
        (1, "203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.9", "203.0.113.7"),  # LB then nginx
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_comes_from_x_forwarded_for_only_through_trusted_proxies(
    settings, trusted, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.client_address(request) == expected


def test_behind_a_proxy_a_forged_header_does_not_escape_the_limit(client, open_event, settings):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.RATELIMIT_ENABLED = True
    settings.EVENTS_RATE_LIMIT = 3
    settings.TRUSTED_PROXY_COUNT = 1
    codes = [
        client.post(
            URL,
            registration_data(email=f"p{i}@example.org"),
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.7",  # forged part, real part
        ).status_code
        for i in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]


# --- The limit across worker processes ----------------------------------------------------

LIMIT, PROCESSES, ATTEMPTS = 10, 4, 15

WORKER = """
import time
from django.test import RequestFactory
from torino_social_factory.common import ratelimit
{control}
request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.50")
while time.time() < {start}:
    time.sleep(0.005)
allowed = sum(not ratelimit.over_limit(request, "events-register", {limit}) for _ in range({n}))
print("ALLOWED", allowed)
"""
LOCAL_MEMORY = (
    "from django.core.cache.backends.locmem import LocMemCache\n"
    "ratelimit._limits = lambda _c=LocMemCache('per-process', {}): _c"
)


def _workers_allowed(control=""):
    from django.core.management.commands.createcachetable import Command

    # The limits' table exists in the test database even when this run itself uses Redis.
    command = Command()
    command.verbosity = 0
    command.create_table(connection.alias, "tsf_limits", dry_run=False)
    start = time.time() + 6  # every process imported and waiting before the first post
    code = WORKER.format(control=control, start=start, limit=LIMIT, n=ATTEMPTS)
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT,
            env=manage_env(DJANGO_RATELIMIT_ENABLED="1"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    allowed = []
    for process in processes:
        out, err = process.communicate(timeout=90)
        assert process.returncode == 0, err[-2000:]
        allowed.append(int(re.search(r"ALLOWED (\d+)", out).group(1)))
    return allowed


@pytest.mark.concurrency
def test_the_rate_limit_holds_across_four_worker_processes_without_redis(transactional_db):
    allowed = _workers_allowed()
    assert sum(allowed) == LIMIT, allowed


@pytest.mark.concurrency
def test_control_counting_in_each_process_memory_lets_four_times_as_many_through(
    transactional_db,
):
    assert LocMemCache  # the per-process store the embedded default used to be
    allowed = _workers_allowed(control=LOCAL_MEMORY)
    assert sum(allowed) == LIMIT * PROCESSES, allowed


# --- Single-use tokens in the shared store ----------------------------------------------------


@pytest.fixture
def limits_in_the_database():
    if not isinstance(caches["limits"], DatabaseCache):
        pytest.skip("this run keeps the limits in Redis")


def test_an_hourly_limit_counts_for_the_whole_hour_whatever_the_pauses(
    db, limits_in_the_database, monkeypatch
):
    # Django's database cache sets a row's expiry again to its default five minutes on
    # every incr(): a sender who paused six minutes would have started from zero.
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.60")
    start = timezone.now()

    def minutes_later(minutes):
        moment = start + timedelta(minutes=minutes)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        monkeypatch.setattr(database_cache, "tz_now", lambda: moment)
        return not ratelimit.over_limit(request, "events-register", 3, period=3600)

    assert [minutes_later(0) for _ in range(3)] == [True, True, True]
    assert not minutes_later(6)
    assert not minutes_later(59)
    assert minutes_later(61)  # a new hour, a new count
    assert minutes_later(62)


def test_a_spent_token_stays_spent_until_its_period_ends(db, limits_in_the_database, monkeypatch):
    values = [f"nonce-{i}" for i in range(5)]
    assert all(ratelimit.use_once("test", value, period=60) for value in values)
    assert not any(ratelimit.use_once("test", value, period=60) for value in values)
    later = timezone.now() + timedelta(seconds=61)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(database_cache, "tz_now", lambda: later)
    assert all(ratelimit.use_once("test", value, period=60) for value in values)
    assert not ratelimit.use_once("test", values[0], period=60)


def test_the_nightly_purge_deletes_the_expired_tokens_only(db, limits_in_the_database, monkeypatch):
    ratelimit.use_once("test", "old", period=60)
    ratelimit.keep("result:kept", "still here", period=3600)
    later = timezone.now() + timedelta(seconds=61)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(database_cache, "tz_now", lambda: later)
    call_command("purge_registrations", stdout=StringIO())
    table = caches["limits"]._table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        assert cursor.fetchone()[0] == 1
    assert caches["limits"].get("result:kept") == "still here"


def test_what_one_worker_keeps_every_worker_reads(db):
    ratelimit.keep("result:abc", [1, "waitlisted", 3, "maria@example.org"], period=60)
    assert caches["limits"].get("result:abc") == [1, "waitlisted", 3, "maria@example.org"]


@pytest.mark.concurrency
def test_a_token_presented_by_eight_requests_at_once_is_accepted_once(transactional_db):
    barrier, accepted = threading.Barrier(8), []

    def present():
        try:
            barrier.wait(timeout=10)
            accepted.append(ratelimit.use_once("test", "the-same-nonce", period=60))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=present) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(accepted) == [False] * 7 + [True]


# --- SQLite busy ----------------------------------------------------------------------------


@pytest.fixture
def short_busy_timeout(transactional_db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock; PostgreSQL has row locks")
    options = connection.settings_dict.setdefault("OPTIONS", {})
    before = options.get("timeout")
    options["timeout"] = 0.5
    connection.close()  # reconnect with the short timeout
    yield connection.settings_dict["NAME"]
    options["timeout"] = before
    connection.close()


@pytest.fixture
def write_lock_held_elsewhere(short_busy_timeout):
    """Another process's writer (a long import, a backup) holding SQLite's write lock."""
    other = sqlite3.connect(short_busy_timeout, isolation_level=None, timeout=0.1)

    class Lock:
        def take(self):
            other.execute("BEGIN IMMEDIATE")

        def release(self):
            other.execute("COMMIT")

    lock = Lock()
    yield lock
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


@pytest.mark.concurrency
def test_a_busy_database_gives_a_friendly_503_that_keeps_the_data_and_pages_still_answer(
    client, make_event, write_lock_held_elsewhere, settings
):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.PAGE_CACHE_ENABLED = False
    event = make_event()
    write_lock_held_elsewhere.take()
    started = time.monotonic()
    response = client.post(
        URL, registration_data(organisation="Cooperativa Il Ponte", accessibility_needs="LIS")
    )
    took = time.monotonic() - started
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "riprova tra poco" in html
    for typed in ("Maria Rossi", "maria@example.org", "Cooperativa Il Ponte"):
        assert f'value="{typed}"' in html
    assert "LIS</textarea>" in html
    assert took < 3  # the busy timeout, not 20 s
    # Public pages keep answering while the lock is held (readers are not blocked).
    assert client.get(f"/eventi/{event.slug}/").status_code == 200

    write_lock_held_elsewhere.release()
    resend = {
        name: value
        for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', html)
        if name not in {"csrfmiddlewaretoken"}
    }
    resend.update(privacy="on", accessibility_needs="LIS")
    again = client.post(URL, resend)
    assert again.status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.organisation) == ("Maria Rossi", "Cooperativa Il Ponte")


@pytest.mark.concurrency
def test_control_without_the_lock_the_same_post_registers_at_once(
    client, make_event, short_busy_timeout, settings
):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    make_event()
    assert client.post(URL, registration_data()).status_code == 302
    assert Registration.objects.count() == 1


@pytest.mark.concurrency
def test_a_busy_database_on_the_lost_link_form_is_a_503_that_keeps_the_address(
    client, write_lock_held_elsewhere, settings
):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    write_lock_held_elsewhere.take()
    response = client.post(
        "/iscrizione/link-perso/",
        {"email": "maria@example.org", "website": "", "started": started_token()},
    )
    assert response.status_code == 503
    assert 'value="maria@example.org"' in response.content.decode()


def test_a_database_lost_in_the_middle_of_a_sign_up_still_gives_the_friendly_503(
    client, make_event, monkeypatch, settings
):
    # PostgreSQL restarting under the request: from the service on, every statement
    # fails, the counts of the places included; the form still comes back with the data.
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.RATELIMIT_ENABLED = False
    make_event()
    assert client.get(URL).status_code == 200  # a running site: its settings are cached

    def gone(execute, sql, params, many, context):
        raise OperationalError("the connection is closed")

    def register(**kwargs):
        stack.enter_context(connection.execute_wrapper(gone))
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(services, "register", register)
    with ExitStack() as stack:
        response = client.post(URL, registration_data(organisation="Cooperativa Il Ponte"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "riprova tra poco" in html
    assert 'value="Cooperativa Il Ponte"' in html
    assert "Le iscrizioni sono aperte." in html
