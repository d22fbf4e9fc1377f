"""Every e-mail is an outbox row written in the registration's transaction, sent after
commit, retried with backoff, never lost when the mail server is down."""

import base64
import re
from datetime import UTC, datetime

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from events import emails, services
from events.models import OutboxMessage, Registration
from tests.events.fixtures import make_retries_due

BACKEND = "tests.events.test_outbox.RefusingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_the_email_row_is_written_in_the_same_transaction_as_the_registration(
    open_event, register, django_capture_on_commit_callbacks
):
    class Boom(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Boom):
        with transaction.atomic():
            register(open_event, "maria@example.org")
            assert OutboxMessage.objects.count() == 1
            raise Boom
    assert Registration.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_with_the_mail_server_down_the_registration_succeeds_and_the_mail_waits(
    open_event, register, settings, django_capture_on_commit_callbacks, send_outbox
):
    settings.EMAIL_BACKEND = BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        outcome = register(open_event, "maria@example.org")

    assert outcome.registration.status == Registration.Status.CONFIRMED
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert message.next_attempt_at > timezone.now()
    assert "refused" in message.last_error.lower()

    send_outbox()  # not due yet: nothing happens
    assert OutboxMessage.objects.get().attempts == 1

    settings.EMAIL_BACKEND = LOCMEM
    make_retries_due()
    send_outbox()
    send_outbox()
    make_retries_due()
    send_outbox()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maria@example.org"]


def test_the_web_registration_succeeds_with_the_mail_server_down(
    client, open_event, settings, django_capture_on_commit_callbacks
):
    from django.core import signing

    from events.forms import STARTED_SALT

    settings.EMAIL_BACKEND = BACKEND
    settings.EVENTS_MIN_FILL_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/eventi/{open_event.slug}/iscrizione/",
            {
                "name": "Maria Rossi",
                "email": "maria@example.org",
                "privacy": "on",
                "started": signing.dumps(0, salt=STARTED_SALT),
            },
        )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert Registration.objects.count() == 1
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.PENDING


def test_the_retry_delay_grows_and_the_message_fails_after_the_last_attempt(
    open_event, register, settings, send_outbox
):
    settings.EMAIL_BACKEND = BACKEND
    register(open_event, "maria@example.org")  # on_commit not run: the row is pending
    delays = []
    for attempt in range(1, emails.MAX_ATTEMPTS + 1):
        make_retries_due()
        before = timezone.now()
        send_outbox()
        message = OutboxMessage.objects.get()
        assert message.attempts == attempt
        delays.append(message.next_attempt_at - before)
    assert delays == sorted(delays)
    assert delays[-1] > delays[0] * 4
    assert message.status == OutboxMessage.Status.FAILED
    make_retries_due()
    send_outbox()
    assert OutboxMessage.objects.get().attempts == emails.MAX_ATTEMPTS  # no more tries


def test_the_admin_resend_action_sends_a_failed_message(
    superuser_client, open_event, register, settings
):
    settings.EMAIL_BACKEND = LOCMEM
    register(open_event, "maria@example.org")
    OutboxMessage.objects.update(status=OutboxMessage.Status.FAILED, attempts=8)
    message = OutboxMessage.objects.get()

    response = superuser_client.post(
        "/admin/events/outboxmessage/",
        {"action": "resend", "_selected_action": [message.pk]},
    )

    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


@pytest.fixture
def fixed_event(make_event):
    # 23 January, 16:00–20:00 in Rome = 15:00–19:00 UTC (winter time).
    year = timezone.now().year + 2
    return make_event(
        slug="presentazione",
        starts_at=datetime(year, 1, 23, 15, 0, tzinfo=UTC),
        ends_at=datetime(year, 1, 23, 19, 0, tzinfo=UTC),
    )


def _confirmation(event, register, **fields):
    outcome = register(
        event,
        "maria@example.org",
        organisation="OrganizzazioneSegreta",
        category="stampa",
        accessibility_needs="NecessitaSanitariaRiservata",
        **fields,
    )
    return outcome, OutboxMessage.objects.get(registration=outcome.registration)


def _attachment(message, mimetype_prefix):
    for item in message.attachments:
        if item["mimetype"].startswith(mimetype_prefix):
            return base64.b64decode(item["content"])
    return None


def test_the_confirmation_carries_everything_in_italian_and_rome_time(fixed_event, register):
    outcome, message = _confirmation(fixed_event, register)
    body = message.body_text
    year = fixed_event.starts_at.year
    assert message.subject.startswith("Iscrizione confermata")
    assert f"23 gennaio {year}" in body
    assert "16:00–20:00" in body
    assert "via Regaldi 7/11" in body
    assert f"{django_settings.SITE_URL}/eventi/presentazione/" in body
    assert f"{django_settings.SITE_URL}/iscrizione/{outcome.token}/" in body
    assert "Fondo sociale europeo" in body
    assert "Maria Rossi" in body
    for html_part in ("23 gennaio", "via Regaldi", outcome.token, "Fondo sociale europeo"):
        assert html_part in message.body_html


def test_no_text_typed_by_the_registrant_but_the_name_reaches_the_email(fixed_event, register):
    _, message = _confirmation(fixed_event, register)
    for secret in ("OrganizzazioneSegreta", "NecessitaSanitariaRiservata"):
        assert secret not in message.subject
        assert secret not in message.body_text
        assert secret not in message.body_html


def test_the_calendar_attachment_publishes_a_stable_uid(fixed_event, register):
    outcome, confirmed = _confirmation(fixed_event, register)
    services.issue_new_link(event=fixed_event, email="maria@example.org")
    lost_link = OutboxMessage.objects.get(kind="lost_link")
    first = _attachment(confirmed, "text/calendar").decode()
    second = _attachment(lost_link, "text/calendar").decode()
    assert "METHOD:PUBLISH" in first
    uids = [re.search(r"^UID:(.+)$", ics, re.M).group(1).strip() for ics in (first, second)]
    assert uids[0] == uids[1]
    assert str(fixed_event.pk) in uids[0]
    assert "DTSTART;TZID=Europe/Rome" in first or "DTSTART:" in first and "T150000Z" in first


def test_the_confirmation_has_a_qr_code_and_the_waitlist_email_does_not(make_event, register):
    event = make_event(capacity=1)
    register(event, "primo@example.org")
    register(event, "secondo@example.org")
    confirmed = OutboxMessage.objects.get(kind="confirmed")
    waitlisted = OutboxMessage.objects.get(kind="waitlisted")
    assert _attachment(confirmed, "image/png").startswith(b"\x89PNG")
    assert _attachment(waitlisted, "image/png") is None
    assert waitlisted.subject.startswith("Sei in lista d'attesa")


def test_a_registrant_who_chose_english_gets_a_rendered_email(fixed_event, register):
    outcome, message = _confirmation(fixed_event, register, language="en")
    assert message.body_text.strip() and message.subject
    assert message.subject.startswith("Registration confirmed")


def test_the_delivered_email_has_both_parts_and_the_attachments(
    fixed_event, register, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        register(fixed_event, "maria@example.org")
    sent = mail.outbox[0]
    assert sent.alternatives and sent.alternatives[0][1] == "text/html"
    names = [a[0] for a in sent.attachments]
    assert "evento.ics" in names and "ingresso-qr.png" in names


def test_the_cancellation_email_carries_a_working_personal_link_and_the_calendar(
    client, fixed_event, register
):
    outcome = register(fixed_event, "maria@example.org")
    services.cancel(registration=outcome.registration, token=outcome.token)
    message = OutboxMessage.objects.get(kind="cancelled")
    assert f"/iscrizione/{outcome.token}/" in message.body_text
    assert b"METHOD:PUBLISH" in _attachment(message, "text/calendar")
    page = client.get(f"/iscrizione/{outcome.token}/")
    assert page.status_code == 200
    assert "annullata" in page.content.decode()


def test_a_cancellation_by_staff_mails_a_fresh_link_that_works(client, fixed_event, register):
    outcome = register(fixed_event, "maria@example.org")
    services.cancel(registration=outcome.registration)
    body = OutboxMessage.objects.get(kind="cancelled").body_text
    token = body.split("/iscrizione/")[1].split("/")[0]
    assert token != outcome.token
    assert client.get(f"/iscrizione/{token}/").status_code == 200
    assert client.get(f"/iscrizione/{outcome.token}/").status_code == 404
