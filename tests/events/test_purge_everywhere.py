"""After the purge (and after an admin deletes a registration) no personal data survives
anywhere: every text column of every table is searched for the name, the address and
the personal link, and so are the cache and the uploaded files. The same search run
before the purge finds them, so the test can fail."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import models
from django.db.models.functions import Cast
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import emails, services
from events.models import Event, OutboxMessage, Registration

PEOPLE = {
    "purged": ("Ermenegilda Zappacosta", "ermenegilda.zappa@example.org"),
    "deleted": ("Gualtiero Strambelli", "gualtiero.strambelli@example.org"),
}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def text_columns():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS):
                yield model, field


def found_in_tables(needle):
    """Every (table.column) whose text holds ``needle``, case-insensitive."""
    hits = []
    for model, field in text_columns():
        rows = model._default_manager.annotate(
            _text=Cast(field.attname, output_field=models.TextField())
        ).filter(_text__icontains=needle)
        if rows.exists():
            hits.append(f"{model._meta.db_table}.{field.column}")
    return hits


def found_in_cache(needle):
    backend = caches["default"]
    needle_bytes = needle.lower().encode()
    if hasattr(backend, "_cache") and isinstance(backend._cache, dict):  # local memory
        return [k for k, v in backend._cache.items() if needle_bytes in bytes(v).lower()]
    client = backend._cache.get_client(write=False)  # Redis
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    return [
        key
        for key in client.scan_iter(match=f"{prefix}:*")
        if needle_bytes in (client.get(key) or b"").lower()
    ]


def found_in_files(root, needle):
    root = Path(root)
    if not root.exists():
        return []
    return [
        str(path)
        for path in root.rglob("*")
        if path.is_file() and needle.lower().encode() in path.read_bytes().lower()
    ]


def needles_of(name, email, tokens):
    return [name, name.split()[-1], email, email.split("@")[0], *tokens]


def everywhere(needles):
    hits = {}
    for needle in needles:
        where = (
            found_in_tables(needle)
            + found_in_cache(needle)
            + found_in_files(settings.MEDIA_ROOT, needle)
        )
        if where:
            hits[needle] = where
    return hits


@pytest.fixture
def evening(make_event, make_staff, send_outbox, register, settings):
    """Two people's data spread over every place the site writes to, for an event
    that is over."""
    event = make_event(slug="finita", capacity=10)
    tokens = {}
    registrations = {}
    for key, (name, email) in PEOPLE.items():
        outcome = register(
            event,
            email,
            name=name,
            organisation="Cooperativa " + name.split()[-1],
            accessibility_needs="Sedia a rotelle per " + name,
        )
        registrations[key] = outcome.registration
        tokens[key] = [outcome.token]
    send_outbox()  # sent copies of the confirmations
    for registration in registrations.values():
        services.issue_new_link(event=registration.event, email=registration.email)

    # Staff at work: the door, the search, an export, "Invia di nuovo", the QR card.
    reception, administration = Client(), Client()
    reception.force_login(make_staff("Accoglienza"))
    administration.force_login(make_staff("Amministrazione"))
    for registration in registrations.values():
        reception.post(
            reverse("admin:staff_checkin_toggle", args=[event.pk, registration.pk]),
            {"action": "in"},
        )
        reception.get(reverse("admin:staff_checkin", args=[event.pk]), {"q": registration.name})
        reception.get(emails.staff_record_url(registration).removeprefix(settings.SITE_URL))
        sent = registration.messages.filter(status=OutboxMessage.Status.SENT)
        administration.post(
            reverse("admin:events_outboxmessage_changelist"),
            {"action": "resend", "_selected_action": list(sent.values_list("pk", flat=True))},
        )
    reception.get(reverse("admin:staff_export", args=[event.pk, "csv"]))
    administration.get(reverse("admin:staff_export", args=[event.pk, "xlsx"]))
    # The public pages, cached for visitors, and the personal pages.
    visitor = Client()
    visitor.get(event.get_absolute_url())
    for key in tokens:
        visitor.get(f"/iscrizione/{tokens[key][-1]}/")

    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=41), ends_at=timezone.now() - timedelta(days=40)
    )
    return event, registrations, tokens, administration


def test_the_search_finds_the_data_before_the_purge(evening):
    """The positive control: the search looks where the data really are."""
    _event, registrations, tokens, _admin = evening
    name, email = PEOPLE["purged"]
    hits = everywhere(needles_of(name, email, tokens["purged"]))
    tables = {where.split(".")[0] for found in hits.values() for where in found}
    assert {"events_registration", "events_outboxmessage", "django_admin_log"} <= tables


def test_purge_and_admin_deletion_leave_nothing_anywhere(evening):
    _event, registrations, tokens, administration = evening
    response = administration.post(
        reverse("admin:events_registration_delete", args=[registrations["deleted"].pk]),
        {"post": "yes"},
    )
    assert response.status_code == 302
    call_command("purge_registrations", stdout=StringIO())

    for key, (name, email) in PEOPLE.items():
        assert everywhere(needles_of(name, email, tokens[key])) == {}, key
    assert not Registration.objects.filter(pk=registrations["deleted"].pk).exists()
    assert not OutboxMessage.objects.exists()
    purged = Registration.objects.get(pk=registrations["purged"].pk)
    assert purged.anonymised_at and purged.checked_in_at  # the counts stay true


def test_accessibility_needs_are_erased_the_day_after_the_event(make_event, register):
    yesterday = make_event(slug="ieri")
    today = make_event(slug="oggi")
    for event in (yesterday, today):
        register(event, f"{event.slug}@example.org", accessibility_needs="Interprete LIS")
    Event.objects.filter(pk=yesterday.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(hours=25)
    )
    Event.objects.filter(pk=today.pk).update(
        starts_at=timezone.now() - timedelta(hours=5), ends_at=timezone.now() - timedelta(hours=1)
    )
    call_command("purge_registrations", stdout=StringIO())
    needs = dict(Registration.objects.values_list("event__slug", "accessibility_needs"))
    assert needs == {"ieri": "", "oggi": "Interprete LIS"}
    # The rest is kept until the retention period ends.
    assert Registration.objects.get(event=yesterday).anonymised_at is None
