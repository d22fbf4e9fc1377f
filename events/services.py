"""Every write about registrations happens here, one function per action.

Each action runs in one transaction, takes a lock on the event row and counts the
confirmed registrations under that lock (pretix's rule: never trust a counter). On
PostgreSQL the lock is ``SELECT … FOR UPDATE``; on SQLite the IMMEDIATE transaction
mode (settings) already gives the writer the whole database. E-mails are outbox rows
written in the same transaction (emails.py) and sent after commit.
"""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import emails
from .models import Event, Registration

Status = Registration.Status


class RegistrationClosed(Exception):
    """The event does not take registrations now (not open, closed, over, or full)."""


def new_token():
    """(token for the link, hash to store). 256 random bits; only the hash is kept."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def find_registration(token):
    """The registration a personal link points to, or None (a wrong token is a 404)."""
    if not token or len(token) > 100:
        return None
    digest = hash_token(token)
    registration = Registration.objects.select_related("event").filter(token_hash=digest).first()
    if registration and hmac.compare_digest(registration.token_hash, digest):
        return registration
    return None


def _lock_disabled():
    return bool(getattr(settings, "EVENTS_TEST_DISABLE_LOCK", False))


def _lock_event(event):
    """Lock the event row for the rest of the transaction and return it fresh."""
    if _lock_disabled():
        # Test-only negative control: no lock, and a pause that widens the race.
        return Event.objects.get(pk=event.pk)
    return Event.objects.select_for_update().get(pk=event.pk)


def _race_pause():
    delay = getattr(settings, "EVENTS_TEST_RACE_DELAY", 0)
    if delay:
        time.sleep(delay)


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
    # never reveals whether (or how) an address is registered (DESIGN §5.2).
    public_status: str = ""
    position: int | None = None


def _public_answer(locked_event, registration=None):
    """(status, queue position) counted under the lock."""
    waiting = locked_event.registrations.filter(status=Status.WAITLISTED)
    if registration is not None:
        if registration.status == Status.WAITLISTED:
            return Status.WAITLISTED, waiting.filter(
                created_at__lte=registration.created_at
            ).count()
        return registration.status, None
    if _has_room(locked_event):
        return Status.CONFIRMED, None
    return Status.WAITLISTED, waiting.count() + 1


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
    existing registrant gets a fresh personal link by e-mail, and the caller gives the
    same public answer as for a new registration (no enumeration).
    """
    email = email.strip().lower()
    unlocked_room = None
    if _lock_disabled():
        # Test-only negative control: code without the lock, i.e. the count is read
        # before (outside) the writing transaction, then a pause, then the insert. This
        # overbooks on PostgreSQL and on SQLite alike, proving the burst test can fail.
        unlocked_room = _has_room(Event.objects.get(pk=event.pk))
        _race_pause()
    with transaction.atomic():
        locked = _lock_event(event)
        existing = locked.registrations.filter(email=email).exclude(status=Status.CANCELLED).first()
        if existing:
            answer = _public_answer(locked)
            _send_new_link(existing)
            return Outcome(existing, None, False, *answer)
        if not by_staff and locked.registration_state() != "open":
            raise RegistrationClosed(locked.registration_state())
        if unlocked_room is None:
            has_room = _has_room(locked)
            _race_pause()
        else:
            has_room = unlocked_room
        if has_room:
            status = Status.CONFIRMED
        elif locked.waitlist_enabled or by_staff:
            status = Status.WAITLISTED
        else:
            raise RegistrationClosed("full")
        token, digest = new_token()
        now = timezone.now()
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=locked,
                    name=name.strip(),
                    email=email,
                    organisation=organisation.strip(),
                    category=category.strip(),
                    accessibility_needs=accessibility_needs.strip(),
                    optional_consent=optional_consent,
                    language=language,
                    status=status,
                    token_hash=digest,
                    privacy_acknowledged_at=now if privacy_acknowledged else None,
                    privacy_notice_version=settings.PRIVACY_NOTICE_VERSION
                    if privacy_acknowledged
                    else "",
                )
        except IntegrityError:
            # Only reachable without the lock (negative control) or by a race on another
            # database: the constraint still keeps one active registration per address.
            existing = (
                locked.registrations.filter(email=email).exclude(status=Status.CANCELLED).first()
            )
            if existing is None:
                raise
            _send_new_link(existing)
            return Outcome(existing, None, False, status, None)
        emails.queue(
            registration, "confirmed" if status == Status.CONFIRMED else "waitlisted", token
        )
        answer = _public_answer(locked, registration)
    return Outcome(registration, token, True, *answer)


def _send_new_link(registration):
    token, registration.token_hash = new_token()
    registration.save(update_fields=["token_hash"])
    emails.queue(registration, "lost_link", token)
    return token


def issue_new_link(*, event: Event, email: str) -> bool:
    """Send a fresh personal link (the old one stops working). True if one was sent;
    callers must answer the same either way."""
    email = email.strip().lower()
    with transaction.atomic():
        _lock_event(event)
        registration = (
            Registration.objects.filter(event=event, email=email)
            .exclude(status=Status.CANCELLED)
            .first()
        )
        if registration is None:
            return False
        _send_new_link(registration)
    return True


def issue_new_links(*, email: str) -> int:
    """Lost link without an event: a fresh link for every active registration."""
    sent = 0
    events = (
        Event.objects.filter(
            registrations__email=email.strip().lower(), ends_at__gte=timezone.now()
        )
        .exclude(registrations__status=Status.CANCELLED)
        .distinct()
    )
    for event in events:
        sent += issue_new_link(event=event, email=email)
    return sent


def cancel(
    *, registration: Registration, notify: bool = True, token: str | None = None
) -> list[Registration]:
    """Cancel a registration; a freed place goes to the first person waiting.

    ``token`` is the personal link the registrant used (kept working, so the e-mail
    can point back to the page); when staff cancel, a fresh link is made for the
    e-mail because only the hash of the old one is known. Returns the registrations
    promoted as a consequence.
    """
    with transaction.atomic():
        locked = _lock_event(registration.event)
        registration.refresh_from_db()
        if registration.status == Status.CANCELLED:
            return []
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if notify and registration.anonymised_at is None:
            if token is None or hash_token(token) != registration.token_hash:
                token, registration.token_hash = new_token()
                registration.save(update_fields=["token_hash"])
            emails.queue(registration, "cancelled", token)
        return _promote(locked)


def promote_waitlist(*, event: Event) -> list[Registration]:
    """Fill free places from the waiting list, first come first served."""
    with transaction.atomic():
        return _promote(_lock_event(event))


def promote(*, registration: Registration) -> bool:
    """Staff: confirm one waitlisted person now, even beyond the capacity."""
    with transaction.atomic():
        _lock_event(registration.event)
        registration.refresh_from_db()
        if registration.status != Status.WAITLISTED:
            return False
        _confirm(registration)
        return True


def _promote(locked_event):
    promoted = []
    waiting = locked_event.registrations.filter(status=Status.WAITLISTED).order_by(
        "created_at", "pk"
    )
    for registration in waiting:
        if not _has_room(locked_event):
            break
        _confirm(registration)
        promoted.append(registration)
    return promoted


def _confirm(registration):
    # A fresh link: the promotion e-mail must carry one and only the hash is stored.
    token, registration.token_hash = new_token()
    registration.status = Status.CONFIRMED
    registration.save(update_fields=["status", "token_hash"])
    emails.queue(registration, "promoted", token)


def change_capacity(*, event: Event, capacity: int | None) -> tuple[list[Registration], str]:
    """Set the capacity under the lock. Raising it promotes as many people as fit;
    lowering it below the confirmed count keeps everyone and returns a warning."""
    with transaction.atomic():
        locked = _lock_event(event)
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


def check_in(*, registration: Registration, undo: bool = False) -> Registration:
    """Mark (or unmark) arrival at the door. Idempotent."""
    with transaction.atomic():
        _lock_event(registration.event)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != Status.CONFIRMED:
            return registration
        if undo and registration.checked_in_at:
            registration.checked_in_at = None
            registration.save(update_fields=["checked_in_at"])
        elif not undo and not registration.checked_in_at:
            registration.checked_in_at = timezone.now()
            registration.save(update_fields=["checked_in_at"])
    return registration


def mark_email_verified(registration):
    if registration.email_verified_at is None:
        registration.email_verified_at = timezone.now()
        registration.save(update_fields=["email_verified_at"])


def anonymise(*, registrations) -> int:
    """Blank personal data (accessibility needs included); the row stays for the counts.

    Each registration is handled under its event's lock, like every other write."""
    count = 0
    now = timezone.now()
    for registration in registrations.filter(anonymised_at__isnull=True).select_related("event"):
        with transaction.atomic():
            _lock_event(registration.event)
            count += _anonymise_one(registration, now)
    return count


def _anonymise_one(registration, now):
    registration.name = "—"
    registration.email = f"anonimo-{registration.pk}@invalid"
    registration.organisation = ""
    registration.category = ""
    registration.accessibility_needs = ""
    registration.token_hash = hash_token(secrets.token_urlsafe(32))
    registration.anonymised_at = now
    registration.save()
    registration.messages.all().delete()
    return 1


def anonymise_past(*, days: int) -> int:
    """Anonymise registrations whose event ended more than ``days`` days ago."""
    cutoff = timezone.now() - timedelta(days=days)
    return anonymise(registrations=Registration.objects.filter(event__ends_at__lt=cutoff))
