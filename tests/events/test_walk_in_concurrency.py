"""Walk-ins count against the capacity under the same event lock as registrations: many
phones adding people at the same instant to a nearly full event admit exactly the places
left; without the lock the same burst overbooks, so the test can fail."""

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse

from events import services
from events.models import Registration
from tests.events import test_capacity

# The live server with a wide backlog and the settings of the registration burst.
burst_server = test_capacity.burst_server
burst_settings = test_capacity.burst_settings

PLACES = 5
PHONES = 20


def _door_session(make_staff, event):
    """(cookie header, CSRF form token) of a logged-in Accoglienza session."""
    from io import StringIO

    from django.core.management import call_command

    # A transactional test flushes the tables, the roles' groups included.
    call_command("sync_roles", stdout=StringIO())
    client = Client()
    client.force_login(make_staff("Accoglienza"))
    html = client.get(reverse("admin:staff_checkin", args=[event.pk])).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookies = "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())
    return cookies, token


def _add_at_once(url, cookies, token, index, barrier, results):
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "name": f"Persona Porta {index}"}
    ).encode()
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookies})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        barrier.wait(timeout=30)
        with opener.open(request, timeout=50) as response:
            results[index] = response.status
    except urllib.error.HTTPError as exc:
        results[index] = exc.code
    except Exception as exc:  # noqa: BLE001
        results[index] = repr(exc)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _burst(server, make_staff, event):
    cookies, token = _door_session(make_staff, event)
    url = server.url + reverse("admin:staff_checkin_walk_in", args=[event.pk])
    barrier = threading.Barrier(PHONES)
    results = {}
    threads = [
        threading.Thread(target=_add_at_once, args=(url, cookies, token, i, barrier, results))
        for i in range(PHONES)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=55)
    return results


@pytest.mark.concurrency
def test_simultaneous_walk_ins_take_exactly_the_places_left(
    burst_server, burst_settings, make_event, make_staff, register
):
    event = make_event(slug="porta-raffica", capacity=PLACES + 3)
    for i in range(3):
        register(event, f"online{i}@example.org", name=f"Online {i}")

    results = _burst(burst_server, make_staff, event)

    assert sorted(results.values()) == [302] * PLACES + [409] * (PHONES - PLACES), results
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    assert confirmed.count() == PLACES + 3
    assert confirmed.filter(walk_in=True, checked_in_at__isnull=False).count() == PLACES


@pytest.mark.concurrency
def test_without_the_lock_the_walk_ins_overbook_which_proves_the_test_can_fail(
    burst_server, burst_settings, make_event, make_staff, monkeypatch
):
    has_room = services._has_room

    def slow_has_room(event):
        room = has_room(event)
        time.sleep(0.2)  # widens the race between counting and inserting
        return room

    monkeypatch.setattr(services, "locked_event", test_capacity._without_the_lock)
    monkeypatch.setattr(services, "_has_room", slow_has_room)
    event = make_event(slug="porta-senza-lock", capacity=PLACES)

    results = _burst(burst_server, make_staff, event)

    assert all(isinstance(code, int) and code < 500 for code in results.values()), results
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    assert confirmed.count() > PLACES
