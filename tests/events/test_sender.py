"""No web request ever opens an SMTP connection: requests write outbox rows, and the
sender process (`manage.py send_outbox --watch`, started by `make run` and `make serve`)
renders and sends them within seconds."""

import os
import re
import signal
import time

import pytest
from django.test import Client

from events import emails
from events.links import personal_token
from events.models import OutboxMessage, Registration
from tests.events.form_data import event_change_data, registration_data, started_token
from tests.events.sender import ROOT, SilentSMTPServer, free_port, start_sender


@pytest.fixture
def silent_smtp(settings):
    """The site's mail settings point at a server that accepts and never answers."""
    server = SilentSMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 20
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.RATELIMIT_ENABLED = False
    yield server
    server.close()


def _timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_no_web_request_opens_an_smtp_connection_even_with_a_mail_server_that_never_answers(
    client, make_event, silent_smtp, superuser_client, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    url = f"/eventi/{event.slug}/iscrizione/"
    with django_capture_on_commit_callbacks(execute=True):
        first, first_took = _timed(lambda: client.post(url, registration_data()))
        second, second_took = _timed(
            lambda: client.post(url, registration_data(email="luca@example.org"))
        )
        again, again_took = _timed(lambda: client.post(url, registration_data()))
        lost, lost_took = _timed(
            lambda: client.post(
                "/iscrizione/link-perso/",
                {"email": "maria@example.org", "website": "", "started": started_token()},
            )
        )
        # Staff raise the capacity: the promotion's e-mail used to be sent in the request.
        change, change_took = _timed(
            lambda: superuser_client.post(
                f"/admin/events/event/{event.pk}/change/", event_change_data(event, capacity="5")
            )
        )
        token = personal_token(Registration.objects.get(email="maria@example.org"))
        page = client.get(f"/iscrizione/{token}/annulla/").content.decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        cancel, cancel_took = _timed(
            lambda: client.post(f"/iscrizione/{token}/annulla/", {"csrfmiddlewaretoken": csrf})
        )
    assert [first.status_code, second.status_code, again.status_code] == [302, 302, 302]
    assert lost.status_code == 200 and change.status_code == 302 and cancel.status_code == 302
    for took in (first_took, second_took, again_took, lost_took, change_took, cancel_took):
        assert took < 1.0
    assert Registration.objects.get(email="luca@example.org").status == "confirmed"  # promoted
    time.sleep(0.2)
    assert silent_smtp.connections == []  # not one connection from a request
    kinds = sorted(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == sorted(
        ["confirmed", "waitlisted", "lost_link", "lost_link_request", "promoted", "cancelled"]
    )
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"pending"}


def test_with_the_silent_server_only_the_sender_waits_and_the_mail_stays_queued(
    make_event, register, silent_smtp, send_outbox, settings
):
    settings.EMAIL_TIMEOUT = 1
    register(make_event(), "maria@example.org")
    send_outbox()
    assert len(silent_smtp.connections) == 1  # the sender, not a request, met it
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.last_error


class _Recorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((tuple(envelope.rcpt_tos), envelope.content.decode()))
        return "250 OK"


@pytest.fixture
def smtp_recorder():
    from aiosmtpd.controller import Controller

    recorder = _Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    recorder.port = controller.port
    yield recorder
    controller.stop()


def _wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.concurrency
def test_the_sender_process_delivers_a_confirmation_within_five_seconds_and_stops_on_sigterm(
    transactional_db, make_event, settings, smtp_recorder
):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.RATELIMIT_ENABLED = False
    event = make_event()
    sender = start_sender(
        "--interval",
        "1",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_recorder.port}",
        SITE_URL="http://tsf.example",
    )
    try:
        # Let it start (imports, first look at the empty outbox) before the clock runs.
        assert _wait_for(lambda: sender.stdout.readline().startswith("Invio"), 20)
        # Below the web workers: during a burst of sign-ups the requests get the CPU.
        assert os.getpriority(os.PRIO_PROCESS, sender.pid) >= 10
        client = Client()
        response = client.post(f"/eventi/{event.slug}/iscrizione/", registration_data())
        assert response.status_code == 302
        posted = time.monotonic()
        assert _wait_for(lambda: smtp_recorder.messages, 5), "no e-mail within 5 s"
        took = time.monotonic() - posted
        rcpts, content = smtp_recorder.messages[0]
        assert rcpts == ("maria@example.org",)
        link = re.search(r"http://tsf\.example/iscrizione/([\w-]+)/", content).group(1)
        assert client.get(f"/iscrizione/{link}/").status_code == 200
        assert OutboxMessage.objects.get().status == "sent"
        assert took < 5
    finally:
        sender.send_signal(signal.SIGTERM)
        try:
            sender.wait(timeout=10)
        finally:
            if sender.poll() is None:
                sender.kill()
    assert sender.returncode == 0, sender.stderr.read()


def test_make_run_and_make_serve_start_the_sender_beside_the_web_server_and_stop_it():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("run", "serve"):
        recipe = re.search(rf"^{target}:.*?(?=^\S|\Z)", makefile, re.S | re.M).group(0)
        assert "send_outbox --watch &" in recipe, target
        assert re.search(r"trap .kill \$\$sender", recipe), target


def _queued_at(register, event, *offsets):
    """Messages queued ``offsets`` seconds before now (one registration each)."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for i, offset in enumerate(offsets):
        outcome = register(event, f"ondata{i}@example.org")
        OutboxMessage.objects.filter(registration=outcome.registration).update(
            created_at=now - timedelta(seconds=offset)
        )
    return now


def test_the_sender_starts_at_once_when_nothing_is_queued_or_the_queue_is_quiet(
    open_event, register
):
    assert emails.seconds_until_settled() == 0
    now = _queued_at(register, open_event, 2.0, emails.QUIET_SECONDS + 0.1)
    assert emails.seconds_until_settled(now) == 0


def test_while_a_burst_of_sign_ups_is_arriving_the_sender_waits_for_a_pause(open_event, register):
    # Rendering costs about the CPU of a sign-up: the people still waiting for their
    # answer go first, and a single confirmation is held only half a second.
    now = _queued_at(register, open_event, 1.0, 0.4, 0.1)
    assert emails.seconds_until_settled(now) == pytest.approx(emails.QUIET_SECONDS - 0.1)


def test_a_burst_that_never_pauses_still_gets_its_mail_after_a_few_seconds(open_event, register):
    now = _queued_at(register, open_event, emails.HOLD_SECONDS - 0.2, 0.0)
    assert emails.seconds_until_settled(now) == pytest.approx(0.2)
    now = _queued_at(register, open_event, emails.HOLD_SECONDS + 0.5, 0.0)
    assert emails.seconds_until_settled(now) == 0
