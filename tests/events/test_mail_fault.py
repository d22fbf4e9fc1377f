"""A real SMTP server that is down: no registration is lost, each confirmation arrives once.

The mail server is aiosmtpd on a free loopback port: first nothing listens there
(connection refused), then it starts and the outbox sender delivers the backlog.
"""

import socket
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.events.fixtures import make_retries_due
from tests.public_pages import first_event

REGISTRATIONS = 50


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((tuple(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def seeded_open_event(transactional_db):
    """The first event of the demo seed, with room for everyone, committed for real."""
    call_command("seed", demo=True, stdout=StringIO())
    event = first_event()
    event.capacity = REGISTRATIONS * 2
    now = timezone.now()
    event.registration_opens_at = now - timedelta(days=1)
    event.registration_closes_at = now + timedelta(days=10)
    if event.starts_at < now + timedelta(days=11):
        event.starts_at = now + timedelta(days=20)
        event.ends_at = event.starts_at + timedelta(hours=4)
    event.save()
    return event


def test_registrations_survive_a_dead_mail_server_and_are_confirmed_once_it_returns(
    seeded_open_event, settings, send_outbox
):
    from aiosmtpd.controller import Controller

    from events import services
    from events.models import Registration

    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 3
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    emails = [f"persona{i:02d}@example.org" for i in range(REGISTRATIONS)]
    for i, email in enumerate(emails):
        services.register(event=seeded_open_event, name=f"Persona {i}", email=email)
    assert Registration.objects.filter(event=seeded_open_event, status="confirmed").count() == 50

    send_outbox()  # the server refuses: nothing is lost, nothing is marked as sent

    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        for _ in range(5):  # the sender may work in batches
            make_retries_due()
            send_outbox()
        make_retries_due()
        send_outbox()  # a further run must not send anything twice
    finally:
        controller.stop()

    received = Counter(rcpt for rcpts, _content in recorder.messages for rcpt in rcpts)
    confirmations = {email: received[email] for email in emails}
    assert confirmations == {email: 1 for email in emails}
