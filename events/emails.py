"""E-mails to registrants, through a database outbox.

``queue`` writes the message as a row inside the caller's transaction and asks for
it to be sent after commit; if the mail server is down the row stays pending and
``manage.py send_outbox`` retries it with exponential backoff.
"""

import base64
import logging
from datetime import timedelta
from io import BytesIO

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from torino_social_factory.common.i18n import text_in_language

from .calendar import ics_bytes
from .models import OutboxMessage

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirmed": gettext_noop("Iscrizione confermata: {title}"),
    "waitlisted": gettext_noop("Sei in lista d'attesa: {title}"),
    "promoted": gettext_noop("Si è liberato un posto: iscrizione confermata a {title}"),
    "cancelled": gettext_noop("Iscrizione annullata: {title}"),
    "lost_link": gettext_noop("Il tuo link personale per {title}"),
}
MAX_ATTEMPTS = 8


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


def queue(registration, kind, token):
    """Write the e-mail for ``kind`` as an outbox row; send it after commit."""
    event = registration.event
    language = registration.language or settings.LANGUAGE_CODE
    title = text_in_language(event, "title", language)
    with translation.override(language):
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "personal_url": personal_url(token) if token else "",
            "event_url": settings.SITE_URL + event.get_absolute_url(),
            "site_url": settings.SITE_URL,
        }
        subject = _(SUBJECTS[kind]).format(title=title)
        body_text = render_to_string(f"emails/{kind}.txt", context)
        body_html = render_to_string("emails/message.html", {**context, "body": body_text})
        calendar = ics_bytes(event, title=title)
    # Every message carries the event's calendar file (same UID as the public .ics),
    # the cancellation too: the event still takes place, only the place was given up.
    attachments = [_attachment("evento.ics", "text/calendar; method=PUBLISH", calendar)]
    if kind in {"confirmed", "promoted"}:
        attachments.append(_attachment("ingresso-qr.png", "image/png", door_qr_png(registration)))
    message = OutboxMessage.objects.create(
        registration=registration,
        kind=kind,
        to=registration.email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=attachments,
    )
    transaction.on_commit(lambda: send(message.pk))
    return message


def _attachment(filename, mimetype, content):
    return {
        "filename": filename,
        "mimetype": mimetype,
        "content": base64.b64encode(content).decode(),
    }


def send(message_pk):
    """Try to send one message now. Failures are recorded, never raised.

    The message is claimed first in a short update (attempts + 1, next try pushed out
    by the backoff), then sent outside any transaction: a slow or dead mail server
    must never hold a database lock that registrations wait for.
    """
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_pk, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + timedelta(minutes=5))
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_pk)
    email = EmailMultiAlternatives(
        message.subject, message.body_text, settings.DEFAULT_FROM_EMAIL, [message.to]
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for item in message.attachments:
        email.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    try:
        email.send()
    except Exception as exc:  # noqa: BLE001 — any mail failure must leave the row pending
        logger.warning("E-mail %s not sent (attempt %s): %s", message.pk, message.attempts, exc)
        failed = message.attempts >= MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message.pk).update(
            last_error=str(exc)[:1000],
            status=OutboxMessage.Status.FAILED if failed else OutboxMessage.Status.PENDING,
            next_attempt_at=timezone.now() + timedelta(minutes=2**message.attempts),
        )
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def send_due(limit=200):
    """Send the pending messages whose retry time has come. Returns (sent, failed)."""
    due = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at", "pk")
    sent = failed = 0
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        if send(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed


def resend(message):
    """Staff: put a message back in the queue and try it now."""
    message.status = OutboxMessage.Status.PENDING
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["status", "next_attempt_at"])
    return send(message.pk)
