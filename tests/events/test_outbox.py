"""Every e-mail is an outbox row written in the registration's transaction; the sender
renders and sends it, retries with backoff, and nothing is lost when the mail server is
down."""

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
from tests.events.form_data import registration_data

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
    open_event, register, settings, send_outbox
):
    settings.EMAIL_BACKEND = BACKEND
    outcome = register(open_event, "maria@example.org")
    assert outcome.registration.status == Registration.Status.CONFIRMED
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 0  # the request only wrote the row

    send_outbox()  # the sender tries: refused, the row waits for a retry
    message.refresh_from_db()
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
    settings.EMAIL_BACKEND = BACKEND
    settings.EVENTS_MIN_FILL_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/eventi/{open_event.slug}/iscrizione/", registration_data())
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert Registration.objects.count() == 1
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 0)


def test_a_broken_template_or_database_error_while_sending_never_reaches_the_registrant(
    open_event, register, monkeypatch, send_outbox
):
    # What used to run after commit in the request now runs in the sender: a failure
    # there is recorded on the row and retried, the registration is already done.
    register(open_event, "maria@example.org")

    def broken(message):
        raise emails.OutboxMessage.DoesNotExist("database hiccup")

    monkeypatch.setattr(emails, "build", broken)
    send_outbox()
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert "hiccup" in message.last_error
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_the_retry_delay_grows_and_the_message_fails_after_the_last_attempt(
    open_event, register, settings, send_outbox
):
    settings.EMAIL_BACKEND = BACKEND
    register(open_event, "maria@example.org")
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


def test_the_admin_resend_action_queues_a_failed_message_for_the_sender(
    superuser_client, open_event, register, settings, send_outbox
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
    assert message.status == OutboxMessage.Status.PENDING
    assert mail.outbox == []  # the staff request did not send it
    send_outbox()
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
    message = OutboxMessage.objects.get(registration=outcome.registration)
    return outcome, emails.build(message)


def _html(email):
    return next(content for content, mimetype in email.alternatives if mimetype == "text/html")


def _attachment(email, mimetype_prefix):
    for _name, content, mimetype in email.attachments:
        if mimetype.startswith(mimetype_prefix):
            return content if isinstance(content, bytes) else content.encode()
    return None


def test_the_request_writes_only_the_row_nothing_rendered_and_no_link_stored(open_event, register):
    outcome = register(open_event, "maria@example.org")
    row = OutboxMessage.objects.filter(registration=outcome.registration).values().get()
    assert row["kind"] == "confirmed" and row["to"] == "maria@example.org"
    assert outcome.token not in {str(value) for value in row.values()}
    assert row["subject"] == ""  # rendered by the sender


def test_the_confirmation_carries_everything_in_italian_and_rome_time(fixed_event, register):
    outcome, email = _confirmation(fixed_event, register)
    body = email.body
    year = fixed_event.starts_at.year
    assert email.subject.startswith("Iscrizione confermata")
    assert f"23 gennaio {year}" in body
    assert "16:00–20:00" in body
    assert "via Regaldi 7/11" in body
    assert f"{django_settings.SITE_URL}/eventi/presentazione/" in body
    assert f"{django_settings.SITE_URL}/iscrizione/{outcome.token}/" in body
    assert "Fondo sociale europeo" in body
    assert "Maria Rossi" in body
    for html_part in ("23 gennaio", "via Regaldi", outcome.token, "Fondo sociale europeo"):
        assert html_part in _html(email)


def test_no_text_typed_by_the_registrant_but_the_name_reaches_the_email(fixed_event, register):
    _, email = _confirmation(fixed_event, register)
    for secret in ("OrganizzazioneSegreta", "NecessitaSanitariaRiservata"):
        assert secret not in email.subject
        assert secret not in email.body
        assert secret not in _html(email)


def test_markup_in_the_title_and_the_name_is_escaped_in_the_html_part(make_event, register):
    event = make_event(title='Incontro <b>forte</b> & "aperto" <img src=x onerror=alert(1)>')
    outcome = register(event, "maria@example.org", name="Ada <script>alert(1)</script>")
    email = emails.build(OutboxMessage.objects.get(registration=outcome.registration))
    html = _html(email)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "Ada &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Incontro &lt;b&gt;forte&lt;/b&gt; &amp;" in html
    # The text part is text: written as typed.
    assert "Ada <script>alert(1)</script>" in email.body


def test_a_line_break_in_the_title_still_gives_a_one_line_subject_and_the_mail_leaves(
    make_event, register, settings, send_outbox
):
    settings.EMAIL_BACKEND = LOCMEM
    event = make_event(title="Presentazione\r\ndei risultati\nBcc: altri@example.org")
    register(event, "maria@example.org")
    sent = send_outbox()
    assert len(sent) == 1
    assert sent[0].subject == (
        "Iscrizione confermata: Presentazione dei risultati Bcc: altri@example.org"
    )
    assert sent[0].bcc == []
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


def test_the_calendar_attachment_publishes_a_stable_uid(fixed_event, register):
    outcome, confirmed = _confirmation(fixed_event, register)
    services.issue_new_link(event=fixed_event, email="maria@example.org")
    lost_link = emails.build(OutboxMessage.objects.get(kind="lost_link"))
    first = _attachment(confirmed, "text/calendar").decode()
    second = _attachment(lost_link, "text/calendar").decode()
    assert "METHOD:PUBLISH" in first
    uids = [re.search(r"^UID:(.+)$", ics, re.M).group(1).strip() for ics in (first, second)]
    assert uids[0] == uids[1]
    assert str(fixed_event.pk) in uids[0]
    assert "DTSTART;TZID=Europe/Rome:" in first and "BEGIN:VTIMEZONE" in first


def test_the_confirmation_has_a_qr_code_and_the_waitlist_email_does_not(make_event, register):
    event = make_event(capacity=1)
    register(event, "primo@example.org")
    register(event, "secondo@example.org")
    confirmed = emails.build(OutboxMessage.objects.get(kind="confirmed"))
    waitlisted = emails.build(OutboxMessage.objects.get(kind="waitlisted"))
    assert _attachment(confirmed, "image/png").startswith(b"\x89PNG")
    assert _attachment(waitlisted, "image/png") is None
    assert waitlisted.subject.startswith("Sei in lista d'attesa")


def test_a_registrant_who_chose_english_gets_english_mail_and_calendar(fixed_event, register):
    fixed_event.title_en = "Presentation of the results"
    fixed_event.summary_en = "An afternoon with the projects."
    fixed_event.venue_name_en = "Triciclo Glocal Factory (EN)"
    fixed_event.save()
    outcome, email = _confirmation(fixed_event, register, language="en")
    assert email.subject == "Registration confirmed: Presentation of the results"
    assert "Presentation of the results" in email.body
    assert "European Social Fund" in email.body
    assert 'lang="en"' in _html(email)
    ics = _attachment(email, "text/calendar").decode()
    assert "SUMMARY:Presentation of the results" in ics
    assert "DESCRIPTION:An afternoon with the projects." in ics
    assert "Triciclo Glocal Factory (EN)" in ics


def test_the_delivered_email_has_both_parts_and_the_attachments(
    fixed_event, register, settings, send_outbox
):
    settings.EMAIL_BACKEND = LOCMEM
    register(fixed_event, "maria@example.org")
    sent = send_outbox()[0]
    assert sent.alternatives and sent.alternatives[0][1] == "text/html"
    names = [a[0] for a in sent.attachments]
    assert "evento.ics" in names and "ingresso-qr.png" in names
    assert OutboxMessage.objects.get().subject.startswith("Iscrizione confermata")


def test_the_cancellation_email_carries_the_same_link_and_a_calendar_that_removes_the_event(
    client, fixed_event, register
):
    import icalendar

    outcome = register(fixed_event, "maria@example.org")
    publish = _attachment(emails.build(OutboxMessage.objects.get(kind="confirmed")), "text/")
    services.cancel(registration=outcome.registration)
    email = emails.build(OutboxMessage.objects.get(kind="cancelled"))
    assert f"/iscrizione/{outcome.token}/" in email.body
    cancel = _attachment(email, "text/calendar")
    parsed, published = icalendar.Calendar.from_ical(cancel), icalendar.Calendar.from_ical(publish)
    assert parsed["METHOD"] == "CANCEL"
    entry, original = parsed.walk("VEVENT")[0], published.walk("VEVENT")[0]
    assert entry["UID"] == original["UID"]
    assert entry["STATUS"] == "CANCELLED"
    assert int(entry["SEQUENCE"]) > int(original.get("SEQUENCE", 0))
    assert "maria@example.org" in str(entry["ATTENDEE"])
    assert "ORGANIZER" in entry
    page = client.get(f"/iscrizione/{outcome.token}/")
    assert page.status_code == 200
    assert "annullata" in page.content.decode()


def test_after_cancelling_and_registering_again_the_new_calendar_outranks_the_cancel(
    fixed_event, register
):
    import icalendar

    first = register(fixed_event, "maria@example.org")
    services.cancel(registration=first.registration)
    cancel = emails.build(OutboxMessage.objects.get(kind="cancelled"))
    register(fixed_event, "maria@example.org")
    again = emails.build(OutboxMessage.objects.filter(kind="confirmed").latest("pk"))
    sequence = [
        int(
            icalendar.Calendar.from_ical(_attachment(m, "text/calendar")).walk("VEVENT")[0][
                "SEQUENCE"
            ]
        )
        for m in (cancel, again)
    ]
    assert sequence[1] > sequence[0]


def test_a_cancellation_by_staff_mails_the_same_link_that_keeps_working(
    client, fixed_event, register
):
    outcome = register(fixed_event, "maria@example.org")
    services.cancel(registration=outcome.registration)
    body = emails.build(OutboxMessage.objects.get(kind="cancelled")).body
    token = body.split("/iscrizione/")[1].split("/")[0]
    assert token == outcome.token
    assert client.get(f"/iscrizione/{token}/").status_code == 200
