"""Capacity is never exceeded, under any concurrency: many people registering at the same
instant against a live server get exactly `capacity` places, the rest wait in arrival
order; without the lock the same burst overbooks, so the test can fail."""

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread, _StaticFilesHandler

from events import services
from events.models import Event, Registration

CAPACITY = 10
PEOPLE = 40

Status = Registration.Status


def _field(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"{name} not found in the form"
    return match.group(1)


def _register_at_once(base_url, path, index, barrier, results):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        html = opener.open(base_url + path, timeout=30).read().decode()
        data = urllib.parse.urlencode({
            "csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken"),
            "started": _field(html, "started"),
            "website": "",
            "name": f"Persona {index}",
            "email": f"persona{index}@example.org",
            "privacy": "on",
        }).encode()  # fmt: skip
        request = urllib.request.Request(base_url + path, data=data)
    except Exception as exc:  # noqa: BLE001
        results[index] = repr(exc)
        barrier.abort()
        return
    barrier.wait(timeout=30)
    try:
        with opener.open(request, timeout=50) as response:
            results[index] = response.status
    except urllib.error.HTTPError as exc:
        results[index] = exc.code
    except Exception as exc:  # noqa: BLE001
        results[index] = repr(exc)


def _fire(server, event):
    path = f"/eventi/{event.slug}/iscrizione/"
    barrier = threading.Barrier(PEOPLE)
    results = {}
    threads = [
        threading.Thread(target=_register_at_once, args=(server.url, path, i, barrier, results))
        for i in range(PEOPLE)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=55)
    assert time.monotonic() - started < 60
    return results


class _WideBacklogServer(ThreadedWSGIServer):
    # socketserver's default listen backlog (5, Django: 10) resets most of 40 connections
    # arriving together; gunicorn in production listens with 2048.
    request_queue_size = 128


class _BurstServerThread(LiveServerThread):
    server_class = _WideBacklogServer


@pytest.fixture
def burst_server(transactional_db):
    """A threaded live server like pytest-django's, with a backlog wide enough for the burst."""
    thread = _BurstServerThread("127.0.0.1", _StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error

    class Server:
        url = f"http://127.0.0.1:{thread.port}"

    yield Server
    thread.terminate()


@pytest.fixture
def burst_settings(settings):
    settings.RATELIMIT_ENABLED = False
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.PAGE_CACHE_ENABLED = False
    return settings


@pytest.mark.concurrency
def test_forty_simultaneous_registrations_fill_ten_places_and_queue_the_rest_in_order(
    burst_server, burst_settings, make_event
):
    event = make_event(slug="raffica", capacity=CAPACITY)

    results = _fire(burst_server, event)

    assert len(results) == PEOPLE
    assert all(isinstance(c, int) and c < 500 for c in results.values()), sorted(
        (k, v) for k, v in results.items() if v != 200
    )
    assert set(results.values()) == {200}, results
    rows = list(Registration.objects.filter(event=event).order_by("created_at", "pk"))
    assert len(rows) == PEOPLE
    assert len({r.email for r in rows}) == PEOPLE  # no duplicate active row
    confirmed = [r for r in rows if r.status == Status.CONFIRMED]
    waitlisted = [r for r in rows if r.status == Status.WAITLISTED]
    assert len(confirmed) == CAPACITY
    assert len(waitlisted) == PEOPLE - CAPACITY
    # Arrival order: the queue ordered by time is the queue ordered by insertion, and
    # every confirmed person arrived before every waiting one.
    assert [r.pk for r in waitlisted] == sorted(r.pk for r in waitlisted)
    assert max(r.pk for r in confirmed) < min(r.pk for r in waitlisted)
    assert max(r.created_at for r in confirmed) <= min(r.created_at for r in waitlisted)


@contextmanager
def _without_the_lock(event):
    """What code without the lock does: no transaction around "count, then insert", so
    each statement commits on its own (even SQLite's one writer at a time cannot help)."""
    yield Event.objects.get(pk=event.pk)


@pytest.mark.concurrency
def test_without_the_lock_the_same_burst_overbooks_which_proves_the_test_can_fail(
    burst_server, burst_settings, make_event, monkeypatch
):
    places = services._places

    def slow_places(event, email):
        counted = places(event, email)
        time.sleep(0.2)  # widens the race between counting and inserting
        return counted

    monkeypatch.setattr(services, "locked_event", _without_the_lock)
    monkeypatch.setattr(services, "_places", slow_places)
    event = make_event(slug="raffica-senza-lock", capacity=CAPACITY)

    results = _fire(burst_server, event)

    assert all(isinstance(c, int) and c < 500 for c in results.values()), sorted(
        (k, v) for k, v in results.items() if v != 200
    )
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    assert confirmed > CAPACITY


def test_an_event_without_a_capacity_confirms_everyone(make_event, register):
    event = make_event(capacity=None)
    outcomes = [register(event, f"p{i}@example.org") for i in range(15)]
    assert {o.registration.status for o in outcomes} == {Status.CONFIRMED}


def test_a_full_event_without_waitlist_refuses_with_registration_closed(make_event, register):
    event = make_event(capacity=2, waitlist=False)
    register(event, "a@example.org")
    register(event, "b@example.org")
    with pytest.raises(services.RegistrationClosed):
        register(event, "c@example.org")
    assert Registration.objects.filter(event=event).count() == 2


def test_a_full_event_with_waitlist_queues_the_next_person(make_event, register):
    event = make_event(capacity=1)
    register(event, "a@example.org")
    assert register(event, "b@example.org").registration.status == Status.WAITLISTED


def test_staff_can_add_someone_to_a_full_event_without_waitlist(make_event, register):
    event = make_event(capacity=1, waitlist=False)
    register(event, "a@example.org")
    outcome = register(event, "b@example.org", by_staff=True)
    assert outcome.created
    assert outcome.registration.status == Status.WAITLISTED
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 1


def test_staff_can_add_someone_when_registration_is_closed(make_event, register):
    from datetime import timedelta

    from django.utils import timezone

    event = make_event(registration_closes_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(services.RegistrationClosed):
        register(event, "a@example.org")
    assert register(event, "a@example.org", by_staff=True).registration.status == Status.CONFIRMED
