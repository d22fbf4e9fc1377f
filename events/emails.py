"""E-mails to registrants, through a database outbox.

Two halves that never meet in one process:

- in the request, ``queue`` writes one row (what to send, to whom, which registration)
  inside the caller's transaction. Nothing is rendered and no mail server is contacted,
  so a slow or dead SMTP server, a broken template or a database hiccup while sending
  can never hold the event's lock or turn a committed registration into an error page;
- the sender (``manage.py send_outbox [--watch]``) claims due rows, renders the text,
  the HTML, the calendar and the QR code, and sends them; failures are retried with
  exponential backoff, then the row is marked failed (visible and resendable in the
  admin).

The personal link is derived again from the registration's salt when the message is
rendered (links.py): it is never stored in the outbox.
"""

import logging
from datetime import timedelta
from io import BytesIO

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Max, Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from torino_social_factory.common.i18n import text_in_language

from .calendar import calendar_sequence, ics_bytes
from .links import link_for_sending
from .models import OutboxMessage

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirmed": gettext_noop("Iscrizione confermata: {title}"),
    "waitlisted": gettext_noop("Sei in lista d'attesa: {title}"),
    "promoted": gettext_noop("Si è liberato un posto: iscrizione confermata a {title}"),
    "cancelled": gettext_noop("Iscrizione annullata: {title}"),
    "lost_link": gettext_noop("Il tuo link personale per {title}"),
    "new_link": gettext_noop("Il tuo nuovo link personale per {title}"),
}
WITH_QR_CODE = {"confirmed", "promoted"}
MAX_ATTEMPTS = 8
# PostgreSQL: the sender LISTENs here, so a message leaves as soon as its row commits.
NOTIFY_CHANNEL = "tsf_outbox"


# --- In the request: rows only ---------------------------------------------------------


def queue(registration, kind):
    """Write the e-mail ``kind`` for ``registration`` as an outbox row (nothing else)."""
    message = OutboxMessage.objects.create(
        registration=registration,
        kind=kind,
        to=registration.email,
        language=registration.language or settings.LANGUAGE_CODE,
    )
    _wake_sender()
    return message


def queue_lost_link_request(email, language):
    """The lost-link form's row: the address as typed; the sender looks it up."""
    message = OutboxMessage.objects.create(
        kind=OutboxMessage.LOST_LINK_REQUEST, to=email, language=language
    )
    _wake_sender()
    return message


def _wake_sender():
    # After the commit, so the sender never looks for a row it cannot see yet (and is
    # not woken for one rolled back), and outside the transaction: a registration's
    # NOTIFY would otherwise be one more round trip while it holds the event's lock.
    if connection.vendor == "postgresql":
        transaction.on_commit(_notify_sender)


def _notify_sender():
    with connection.cursor() as cursor:
        cursor.execute(f"NOTIFY {NOTIFY_CHANNEL}")


def personal_url(token):
    return settings.SITE_URL + reverse("events:registration", kwargs={"token": token})


def staff_record_url(registration):
    """The QR code's target: the person's card on the door page for reception, a page
    that says nothing about anybody for everyone else."""
    return settings.SITE_URL + reverse("admin:staff_door_card", args=[registration.door_code])


def door_qr_png(registration, scale=6):
    """The door QR code as PNG bytes (e-mail attachment, personal page)."""
    buffer = BytesIO()
    segno.make(staff_record_url(registration), error="m").save(
        buffer, kind="png", scale=scale, border=2
    )
    return buffer.getvalue()


# --- In the sender: rendering ----------------------------------------------------------


def one_line(text):
    """Header values cannot hold line breaks: a title typed with one still gets mailed."""
    return " ".join(str(text).split())


def _plain(text):
    # render_to_string returns a SafeString; the HTML part must escape it (a title or a
    # name with markup is text, not HTML), so turn it back into a plain str first.
    return str.__str__(text)


def build(message):
    """The e-mail for an outbox row, rendered now in the registrant's language."""
    registration = message.registration
    event = registration.event
    language = registration.language or settings.LANGUAGE_CODE
    token = link_for_sending(registration)
    with translation.override(language):
        title = one_line(text_in_language(event, "title", language))
        context = {
            "registration": registration,
            "event": event,
            "kind": message.kind,
            "language": language,
            "personal_url": personal_url(token),
            "event_url": settings.SITE_URL + event.get_absolute_url(),
            "lost_link_url": settings.SITE_URL + reverse("events:lost_link"),
            "site_url": settings.SITE_URL,
        }
        subject = one_line(_(SUBJECTS[message.kind]).format(title=title))
        body_text = _plain(render_to_string(f"emails/{message.kind}.txt", context))
        body_html = render_to_string(
            "emails/message.html", {**context, "title": title, "body": body_text}
        )
    email = EmailMultiAlternatives(subject, body_text, settings.DEFAULT_FROM_EMAIL, [message.to])
    email.attach_alternative(body_html, "text/html")
    # Every message carries the event's calendar (same UID as the public .ics); the
    # cancellation's removes the event from the attendee's calendar (METHOD:CANCEL).
    cancelled = message.kind == "cancelled"
    calendar = ics_bytes(
        event,
        language=language,
        method="CANCEL" if cancelled else "PUBLISH",
        sequence=calendar_sequence(registration, cancelled=cancelled),
        attendee=registration.email if cancelled else None,
    )
    method = "CANCEL" if cancelled else "PUBLISH"
    email.attach("evento.ics", calendar, f"text/calendar; method={method}; charset=utf-8")
    if message.kind in WITH_QR_CODE:
        email.attach("ingresso-qr.png", door_qr_png(registration), "image/png")
    return email


# --- In the sender: claiming and sending -----------------------------------------------


def _expand_lost_link_request(message):
    """Turn the form's row into one lost-link e-mail per active registration of the
    address (possibly none); the row itself, an address typed by anyone, goes."""
    from .services import issue_new_links  # services queues through this module

    issue_new_links(email=message.to)
    OutboxMessage.objects.filter(pk=message.pk).delete()


def send(message_pk):
    """Try to send one message now: True if sent, False if it failed (recorded, never
    raised), None if there was nothing to send (not due, or a lost-link request).

    The message is claimed first in a short update (attempts + 1, next try pushed out
    by the backoff), so two senders never send it twice; rendering and sending happen
    outside any transaction, so a slow mail server holds no lock.
    """
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_pk, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + timedelta(minutes=5))
    if not claimed:
        return None
    message = OutboxMessage.objects.select_related("registration__event").get(pk=message_pk)
    if message.kind == OutboxMessage.LOST_LINK_REQUEST:
        _expand_lost_link_request(message)
        return None
    if message.registration is None:  # deleted or anonymised meanwhile: nobody to write to
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.FAILED, last_error="Iscrizione non più presente."
        )
        return False
    try:
        email = build(message)
        OutboxMessage.objects.filter(pk=message.pk).update(subject=email.subject[:255])
        email.send()
    except Exception as exc:  # noqa: BLE001 — any failure must leave the row for a retry
        logger.warning("E-mail %s not sent (attempt %s): %s", message.pk, message.attempts, exc)
        failed = message.attempts >= MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message.pk).update(
            last_error=str(exc)[:1000] or exc.__class__.__name__,
            status=OutboxMessage.Status.FAILED if failed else OutboxMessage.Status.PENDING,
            next_attempt_at=timezone.now() + timedelta(minutes=2**message.attempts),
        )
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def due_messages():
    return OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at", "pk")


# A burst of sign-ups queues one message per request, and rendering one costs about the
# CPU of a sign-up: sent meanwhile, they would take the CPU from the people still waiting
# for their answer. So the sender lets the queue settle first: it starts once no message
# has arrived for QUIET_SECONDS, or once the oldest has waited HOLD_SECONDS. A single
# confirmation leaves after half a second; a burst's, when the burst is over.
QUIET_SECONDS = 0.5
HOLD_SECONDS = 3.0


def seconds_until_settled(now=None):
    """How long the sender should still wait before sending what is due (0: send now)."""
    span = due_messages().aggregate(oldest=Min("created_at"), newest=Max("created_at"))
    if span["newest"] is None:
        return 0.0
    now = now or timezone.now()
    quiet_for = (now - span["newest"]).total_seconds()
    waited = (now - span["oldest"]).total_seconds()
    return max(0.0, min(QUIET_SECONDS - quiet_for, HOLD_SECONDS - waited))


def send_due(limit=200):
    """Send the pending messages whose time has come. Returns (sent, failed).

    Lost-link requests become messages of their own, sent in the same run.
    """
    sent = failed = 0
    for _round in range(2):
        pks = list(due_messages().values_list("pk", flat=True)[:limit])
        if not pks:
            break
        for pk in pks:
            result = send(pk)
            sent += result is True
            failed += result is False
    return sent, failed


def resend(message):
    """Staff: put a message back in the queue; the sender sends it within seconds."""
    updated = OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.PENDING, next_attempt_at=timezone.now()
    )
    _wake_sender()
    return bool(updated)
