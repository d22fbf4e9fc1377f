"""Every write about registrations happens here, one function per action.

Each action runs in one transaction, takes a lock on the event row and counts the
confirmed registrations under that lock (pretix's rule: never trust a counter). On
PostgreSQL the lock is ``SELECT … FOR UPDATE``; on SQLite the IMMEDIATE transaction
mode (settings) already gives the writer the whole database. E-mails are outbox rows
written in the same transaction (emails.py); the sender process renders and sends
them, never the request.
"""

import hmac
import json
import re
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from . import emails
from .links import hash_token, set_new_link
from .models import Event, OutboxMessage, Registration

Status = Registration.Status


class RegistrationClosed(Exception):
    """The event does not take registrations now (not open, closed, over, or full)."""


def find_registration(token):
    """The registration a personal link points to, or None (a wrong token is a 404)."""
    if not token or len(token) > 100:
        return None
    digest = hash_token(token)
    registration = Registration.objects.select_related("event").filter(token_hash=digest).first()
    if registration and hmac.compare_digest(registration.token_hash, digest):
        return registration
    return None


@contextmanager
def locked_event(event):
    """The transaction of one write, holding the event's lock; yields the event fresh.

    On PostgreSQL the lock is ``SELECT … FOR UPDATE`` on the event row; on SQLite the
    IMMEDIATE transaction mode (settings) already gives the writer the whole database.
    Everything that decides on places (counting, registering, promoting) happens inside.
    """
    with transaction.atomic():
        yield Event.objects.select_for_update().get(pk=event.pk)


def _confirmed_count(event):
    return event.registrations.filter(status=Status.CONFIRMED).count()


def _has_room(event):
    return event.capacity is None or _confirmed_count(event) < event.capacity


@dataclass
class Outcome:
    registration: Registration
    token: str | None  # None when the address was already registered (link re-sent)
    created: bool
    # What the visitor is told: for a new registration its real status and place in
    # the queue; for a repeated address what a new one would have got, so the answer
    # never reveals whether (or how) an address is registered.
    public_status: str = ""
    position: int | None = None


def _places(locked_event, email):
    """What registering decides on, in one statement run after the lock is taken: the
    confirmed and waiting counts, and the active registration of ``email`` if any.

    It must be a statement of its own. On PostgreSQL a count inside the
    ``SELECT … FOR UPDATE`` would be read from the snapshot taken before that statement
    waited for the lock, missing the registrations committed meanwhile (overbooking).
    In plain SQL: every sign-up for the event waits while it runs, and the ORM takes
    several times longer to build it than the database takes to answer.
    """
    table = connection.ops.quote_name(Registration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FILTER (WHERE status = %s), COUNT(*) FILTER (WHERE status = %s), "
            f"MAX(id) FILTER (WHERE email = %s AND status <> %s) FROM {table} "
            "WHERE event_id = %s",
            [
                Status.CONFIRMED.value,
                Status.WAITLISTED.value,
                email,
                Status.CANCELLED.value,
                locked_event.pk,
            ],
        )
        confirmed, waitlisted, existing = cursor.fetchone()
    return {"confirmed": confirmed, "waitlisted": waitlisted, "existing": existing}


def _new_status(locked_event, places, *, by_staff=False):
    """(status, place in the queue) a new registration gets now; RegistrationClosed if
    none."""
    if locked_event.capacity is None or places["confirmed"] < locked_event.capacity:
        return Status.CONFIRMED, None
    if locked_event.waitlist_enabled or by_staff:
        # Everyone waiting arrived before: the newcomer is last in the queue.
        return Status.WAITLISTED, places["waitlisted"] + 1
    raise RegistrationClosed("full")


def _public_answer(locked_event, places):
    """What a new registration would be told now (for a repeated address)."""
    try:
        return _new_status(locked_event, places)
    except RegistrationClosed:
        return Status.WAITLISTED, places["waitlisted"] + 1


def _active_registration(event, email):
    return event.registrations.filter(email=email).exclude(status=Status.CANCELLED).first()


def register(
    *,
    event: Event,
    name: str,
    email: str,
    organisation: str = "",
    category: str = "",
    accessibility_needs: str = "",
    optional_consent: bool = False,
    language: str = "it",
    privacy_acknowledged: bool = True,
    by_staff: bool = False,
) -> Outcome:
    """Register someone: confirmed while places last, then waitlisted (or refused).

    A second registration with the same address does not create anything: the
    existing registrant gets their own link again (the same link: registering an
    address cannot break its owner's link), and the caller gives the same public
    answer as for a new registration (no enumeration). Under the lock only the rows:
    the lock, one statement that counts, the registration and its outbox row. The
    row is prepared before (its link too); only its status and time are decided under
    the lock, so the queue's order is the order in which people got the lock.
    """
    email = email.strip().lower()
    now = timezone.now()
    registration = Registration(
        name=name.strip(),
        email=email,
        organisation=organisation.strip(),
        category=category.strip(),
        accessibility_needs=accessibility_needs.strip(),
        optional_consent=optional_consent,
        language=language,
        privacy_acknowledged_at=now if privacy_acknowledged else None,
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION if privacy_acknowledged else "",
    )
    token = set_new_link(registration)
    try:
        with locked_event(event) as locked:
            places = _places(locked, email)
            if places["existing"] is not None:
                existing = locked.registrations.get(pk=places["existing"])
                emails.queue(existing, "lost_link")
                return Outcome(existing, None, False, *_public_answer(locked, places))
            if not by_staff and locked.registration_state() != "open":
                raise RegistrationClosed(locked.registration_state())
            status, position = _new_status(locked, places, by_staff=by_staff)
            registration.event = locked
            registration.status = status
            registration.created_at = timezone.now()
            # No savepoint: a violation rolls the whole transaction back (below).
            registration.save(force_insert=True)
            emails.queue(registration, "confirmed" if status == Status.CONFIRMED else "waitlisted")
    except IntegrityError:
        # Only reachable if the lock failed (or was left out): the constraint still
        # keeps one active registration per address. Nothing of this transaction was
        # kept; the registrant of the address gets their link, the visitor the answer.
        existing = _active_registration(event, email)
        if existing is None:
            raise
        emails.queue(existing, "lost_link")
        return Outcome(existing, None, False, status, None)
    return Outcome(registration, token, True, status, position)


def issue_new_link(*, event: Event, email: str) -> bool:
    """E-mail the personal link again (the same link). True if there was one to send;
    callers must answer the same either way."""
    registration = (
        Registration.objects.filter(event=event, email=email.strip().lower())
        .exclude(status=Status.CANCELLED)
        .select_related("event")
        .first()
    )
    if registration is None:
        return False
    emails.queue(registration, "lost_link")
    return True


def issue_new_links(*, email: str) -> int:
    """Lost link without an event: the link of every active registration whose event is
    not over (other people's cancellations do not matter, only this address's status)."""
    registrations = (
        Registration.objects.filter(email=email.strip().lower(), event__ends_at__gte=timezone.now())
        .exclude(status=Status.CANCELLED)
        .select_related("event")
    )
    sent = 0
    for registration in registrations:
        emails.queue(registration, "lost_link")
        sent += 1
    return sent


def request_lost_link(*, email: str, language: str = "it"):
    """The lost-link form: one outbox row whatever the address, looked up by the sender
    (``issue_new_links``), so the request takes the same time for everyone."""
    return emails.queue_lost_link_request(email.strip().lower(), language)


def revoke_link(*, registration: Registration) -> str:
    """The registrant (or staff) asks for a new link: the old one stops working at
    once. The new link is returned and e-mailed."""
    with locked_event(registration.event):
        registration.refresh_from_db()
        token = set_new_link(registration)
        registration.save(update_fields=["token_salt", "token_hash"])
        if registration.anonymised_at is None:
            emails.queue(registration, "new_link")
    return token


def cancel(*, registration: Registration, notify: bool = True) -> list[Registration]:
    """Cancel a registration; a freed place goes to the first person waiting.

    The personal link keeps working (the page then says the registration is
    cancelled) and the e-mail carries it. Returns the registrations promoted.
    """
    with locked_event(registration.event) as locked:
        registration.refresh_from_db()
        if registration.status == Status.CANCELLED:
            return []
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if notify and registration.anonymised_at is None:
            emails.queue(registration, "cancelled")
        return _promote(locked)


def promote_waitlist(*, event: Event) -> list[Registration]:
    """Fill free places from the waiting list, first come first served."""
    with locked_event(event) as locked:
        return _promote(locked)


def promote(*, registration: Registration) -> bool:
    """Staff: confirm one waitlisted person now, even beyond the capacity."""
    with locked_event(registration.event):
        registration.refresh_from_db()
        if registration.status != Status.WAITLISTED:
            return False
        _confirm(registration)
        return True


def _promote(locked_event):
    promoted = []
    free = (
        None
        if locked_event.capacity is None
        else locked_event.capacity - _confirmed_count(locked_event)
    )
    if free is not None and free <= 0:
        return promoted
    waiting = locked_event.registrations.filter(status=Status.WAITLISTED).order_by(
        "created_at", "pk"
    )
    if free is not None:
        waiting = waiting[:free]
    for registration in waiting:
        _confirm(registration)
        promoted.append(registration)
    return promoted


def _confirm(registration):
    # The link stays the same: the promotion e-mail re-sends it.
    registration.status = Status.CONFIRMED
    registration.save(update_fields=["status"])
    emails.queue(registration, "promoted")


def change_capacity(*, event: Event, capacity: int | None) -> tuple[list[Registration], str]:
    """Set the capacity under the lock. Raising it promotes as many people as fit;
    lowering it below the confirmed count keeps everyone and returns a warning."""
    with locked_event(event) as locked:
        locked.capacity = capacity
        locked.save(update_fields=["capacity", "updated_at"])
        promoted = _promote(locked)
        confirmed = _confirmed_count(locked)
        warning = ""
        if capacity is not None and confirmed > capacity:
            warning = (
                f"Le iscrizioni confermate ({confirmed}) superano i nuovi posti ({capacity}): "
                "nessuno è stato escluso, le nuove iscrizioni andranno in lista d'attesa."
            )
    event.capacity = capacity
    return promoted, warning


class EventFull(Exception):
    """No place left, and staff did not say to admit the person over capacity."""


@dataclass
class Entry:
    registration: Registration
    changed: bool  # False: nothing done (already in, already out, not confirmed)


# How far back a check-in queued on a phone without network may be dated.
OFFLINE_ENTRY_WINDOW = timedelta(hours=12)


def _entry_time(at):
    """The tap's own time for a check-in sent late by a phone that was offline; any
    time in the future or too far back (a wrong phone clock) counts as now."""
    now = timezone.now()
    if at is None or at > now or at < now - OFFLINE_ENTRY_WINDOW:
        return now
    return at


def check_in(*, registration: Registration, undo: bool = False, by=None, at=None) -> Registration:
    """Mark (or unmark) arrival at the door. Idempotent."""
    return record_entry(registration=registration, undo=undo, by=by, at=at).registration


def record_entry(*, registration: Registration, undo: bool = False, by=None, at=None) -> Entry:
    """Check in (or undo), under the event's lock: when two phones admit the same
    person, the first check-in that reaches the server stays, with its time and
    staff member; the second changes nothing and is told so."""
    with locked_event(registration.event):
        registration = Registration.objects.select_related("event", "checked_in_by").get(
            pk=registration.pk
        )
        if registration.status != Status.CONFIRMED:
            return Entry(registration, False)
        if undo == (registration.checked_in_at is None):
            return Entry(registration, False)
        registration.checked_in_at = None if undo else _entry_time(at)
        registration.checked_in_by = None if undo else by
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
    return Entry(registration, True)


def admit_walk_in(*, event: Event, name: str, email: str = "", by=None, over_capacity=False):
    """Someone who arrives without a registration: added as confirmed and checked in,
    counted under the event's lock like an online registration. When the event is
    full they get in only if staff say so (``over_capacity``). An address that is
    already registered admits that registration instead of adding a second one."""
    email = (email or "").strip().lower()
    now = timezone.now()
    with locked_event(event) as locked:
        existing = None
        if email:
            existing = (
                locked.registrations.filter(email=email).exclude(status=Status.CANCELLED).first()
            )
        if existing and existing.status == Status.CONFIRMED:
            if existing.checked_in_at:
                return Entry(existing, False)
            existing.checked_in_at, existing.checked_in_by = now, by
            existing.save(update_fields=["checked_in_at", "checked_in_by"])
            return Entry(existing, True)
        if not over_capacity and not _has_room(locked):
            raise EventFull
        if existing:  # waiting list: at the door the place is theirs, no e-mail needed
            existing.status = Status.CONFIRMED
            existing.checked_in_at, existing.checked_in_by = now, by
            existing.save(update_fields=["status", "checked_in_at", "checked_in_by"])
            return Entry(existing, True)
        registration = Registration.objects.create(
            event=locked,
            name=name.strip(),
            email=email,
            status=Status.CONFIRMED,
            token_hash=hash_token(secrets.token_urlsafe(32)),
            walk_in=True,
            checked_in_at=now,
            checked_in_by=by,
        )
    return Entry(registration, True)


def mark_email_verified(registration):
    if registration.email_verified_at is None:
        registration.email_verified_at = timezone.now()
        registration.save(update_fields=["email_verified_at"])


def _scrubbed(text, words):
    """``text`` without any of ``words`` (as typed or escaped inside JSON)."""
    for word in words:
        for form in {word, json.dumps(word)[1:-1]}:
            text = re.sub(re.escape(form), "—", text, flags=re.IGNORECASE)
    return text


def _forget_in_history(registration, *, name_as):
    """Rewrite the admin history of a registration and of its e-mails so that it no
    longer names the person: a history entry keeps the name (and, for an e-mail, the
    address) the object had when the entry was written."""
    words = [w for w in (registration.name, registration.email) if w and len(w) >= 3]
    message_ids = [str(pk) for pk in registration.messages.values_list("pk", flat=True)]
    registration_type = ContentType.objects.get_for_model(Registration)
    message_type = ContentType.objects.get_for_model(OutboxMessage)
    entries = LogEntry.objects.filter(
        Q(content_type=registration_type, object_id=str(registration.pk))
        | Q(content_type=message_type, object_id__in=message_ids)
    )
    for entry in entries:
        if entry.content_type_id == registration_type.pk:
            entry.object_repr = name_as[:200]
        else:
            entry.object_repr = f"e-mail n. {entry.object_id}"
        entry.change_message = _scrubbed(entry.change_message, words)
        entry.save(update_fields=["object_repr", "change_message"])


def anonymise(*, registrations) -> int:
    """Blank personal data (accessibility needs included); the row stays for the counts.

    Each registration is handled under its event's lock, like every other write. Its
    e-mails go, and the admin history stops naming the person.
    """
    count = 0
    now = timezone.now()
    for registration in registrations.filter(anonymised_at__isnull=True).select_related("event"):
        with locked_event(registration.event):
            original = Registration(
                pk=registration.pk, name=registration.name, email=registration.email
            )
            registration.name = "—"
            registration.email = f"anonimo-{registration.pk}@invalid"
            registration.organisation = ""
            registration.category = ""
            registration.accessibility_needs = ""
            set_new_link(registration)  # the old link stops working, the new one is sent to no one
            registration.anonymised_at = now
            registration.save()
            original.event = registration.event
            _forget_in_history(original, name_as=str(registration))
            registration.messages.all().delete()
        count += 1
    return count


def erase(*, registrations) -> int:
    """Delete registrations for good (an erasure request, a registration made by
    mistake): their e-mails go with them, the history stops naming them, and a place
    freed goes to the first person waiting."""
    count = 0
    for registration in registrations.select_related("event"):
        with locked_event(registration.event) as locked:
            _forget_in_history(
                registration, name_as=f"Iscrizione n. {registration.pk} – {registration.event}"
            )
            was_confirmed = registration.status == Status.CONFIRMED
            registration.delete()
            if was_confirmed:
                _promote(locked)
        count += 1
    return count


def forget_accessibility_needs(*, days: int = 1) -> int:
    """Accessibility needs may be health data and serve only the day itself: they are
    erased ``days`` after the event ends, long before the rest is anonymised."""
    cutoff = timezone.now() - timedelta(days=days)
    return (
        Registration.objects.filter(event__ends_at__lt=cutoff)
        .exclude(accessibility_needs="")
        .update(accessibility_needs="")
    )


def forget_orphan_messages(*, days: int) -> int:
    """E-mails left without a registration (deleted before e-mails went with it) keep an
    address: they go after the retention period like the registrations."""
    cutoff = timezone.now() - timedelta(days=days)
    orphans = OutboxMessage.objects.filter(registration__isnull=True, created_at__lt=cutoff)
    message_type = ContentType.objects.get_for_model(OutboxMessage)
    for message in orphans:
        for entry in LogEntry.objects.filter(content_type=message_type, object_id=str(message.pk)):
            entry.object_repr = f"e-mail n. {message.pk}"
            entry.change_message = _scrubbed(entry.change_message, [message.to])
            entry.save(update_fields=["object_repr", "change_message"])
    return orphans.delete()[0]


def anonymise_past(*, days: int) -> int:
    """Anonymise registrations whose event ended more than ``days`` days ago."""
    cutoff = timezone.now() - timedelta(days=days)
    return anonymise(registrations=Registration.objects.filter(event__ends_at__lt=cutoff))
