"""purge_registrations anonymises registrations some days after their event."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import OutboxMessage, Registration


@pytest.fixture
def ended(make_event):
    def make(slug, days_ago):
        end = timezone.now() - timedelta(days=days_ago)
        return make_event(slug=slug, starts_at=end - timedelta(hours=4), ends_at=end)

    return make


def _registration(event, email, register):
    # Registered while the event was open (staff path ignores the closed state).
    return register(
        event, email, organisation="Ente", category="stampa",
        accessibility_needs="Sedia a ruote", by_staff=True,
    )  # fmt: skip


def test_purge_anonymises_only_registrations_of_events_ended_more_than_n_days_ago(
    ended, register, client
):
    old = _registration(ended("vecchio", 40), "vecchio@example.org", register)
    recent = _registration(ended("recente", 10), "recente@example.org", register)

    call_command("purge_registrations", days=30, stdout=StringIO())

    gone = Registration.objects.get(pk=old.registration.pk)
    kept = Registration.objects.get(pk=recent.registration.pk)
    assert gone.anonymised_at is not None
    assert "vecchio" not in gone.email and gone.name != "Maria Rossi"
    assert (gone.organisation, gone.category, gone.accessibility_needs) == ("", "", "")
    assert client.get(f"/iscrizione/{old.token}/").status_code == 404
    assert not OutboxMessage.objects.filter(registration=gone).exists()
    assert not OutboxMessage.objects.filter(to="vecchio@example.org").exists()
    assert kept.anonymised_at is None and kept.email == "recente@example.org"
    # Accessibility needs (possibly health data) go the day after the event.
    assert kept.accessibility_needs == "" and kept.organisation == "Ente"
    assert OutboxMessage.objects.filter(registration=kept).exists()


def test_purge_is_idempotent(ended, register):
    old = _registration(ended("vecchio", 40), "vecchio@example.org", register)
    out = StringIO()
    call_command("purge_registrations", days=30, stdout=out)
    first = Registration.objects.filter(pk=old.registration.pk).values().get()
    again = StringIO()
    call_command("purge_registrations", days=30, stdout=again)
    assert Registration.objects.filter(pk=old.registration.pk).values().get() == first
    assert again.getvalue().strip().endswith(": 0.")


def test_purge_keeps_the_counts(ended, register):
    event = ended("vecchio", 40)
    for i in range(3):
        _registration(event, f"p{i}@example.org", register)
    call_command("purge_registrations", days=0, stdout=StringIO())
    assert Registration.objects.filter(event=event, status="confirmed").count() == 3


def test_the_admin_action_anonymises_now(superuser_client, open_event, register):
    outcome = register(open_event, "maria@example.org", accessibility_needs="Interprete LIS")

    response = superuser_client.post(
        "/admin/events/registration/",
        {"action": "anonymise_now", "_selected_action": [outcome.registration.pk]},
    )

    assert response.status_code == 302
    row = Registration.objects.get()
    assert row.anonymised_at is not None
    assert row.accessibility_needs == "" and "maria" not in row.email
    assert not OutboxMessage.objects.exists()
