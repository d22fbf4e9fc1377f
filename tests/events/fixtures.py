"""Fixtures for the events tests (make_* factories) and helpers to set up their state."""

from datetime import timedelta

import pytest
from django.utils import timezone


def make_retries_due():
    """The sender waits before retrying a failed message; a test does not wait with it.
    Move the next attempt of every outbox row into the past."""
    from events.models import OutboxMessage

    OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(minutes=1))


def open_for_registration(event, *, capacity=None, days_ahead=20):
    """Move an event into the future with registration open now."""
    now = timezone.now()
    event.starts_at = now + timedelta(days=days_ahead)
    event.ends_at = event.starts_at + timedelta(hours=4)
    event.registration_opens_at = now - timedelta(days=1)
    event.registration_closes_at = event.starts_at - timedelta(hours=1)
    event.registration_enabled = True
    event.is_published = True
    event.capacity = capacity
    event.save()
    return event


@pytest.fixture
def make_event(db):
    from events.models import Event

    def make(*, slug="evento", capacity=10, waitlist=True, **fields):
        now = timezone.now()
        defaults = {
            "title": "Presentazione dei risultati",
            "summary": "Un pomeriggio con i progetti.",
            "starts_at": now + timedelta(days=30),
            "ends_at": now + timedelta(days=30, hours=4),
            "venue_name": "Triciclo / Glocal Factory",
            "address": "via Regaldi 7/11, Torino",
            "capacity": capacity,
            "waitlist_enabled": waitlist,
            "registration_opens_at": now - timedelta(days=1),
            "is_published": True,
        }
        defaults.update(fields)
        return Event.objects.create(slug=slug, **defaults)

    return make


@pytest.fixture
def open_event(make_event):
    return make_event()


@pytest.fixture
def register(settings):
    """Register through the service (the way every path does)."""
    from events import services

    def do(event, email, name="Maria Rossi", **kwargs):
        return services.register(event=event, name=name, email=email, **kwargs)

    return do
