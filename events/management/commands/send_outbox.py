import logging
import os
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection

from events.emails import NOTIFY_CHANNEL, seconds_until_settled, send_due

logger = logging.getLogger("events.outbox")

# Rendering one e-mail (its calendar file, its QR code) costs the CPU of about one
# registration request, and a burst of sign-ups queues one e-mail per request. At a
# lower priority the sender never takes the CPU from the web workers while people wait
# for their answer; the rows wait in the outbox and leave as soon as the CPU is free.
NICENESS = 10


class Command(BaseCommand):
    help = (
        "Send the e-mails waiting in the outbox whose time has come. Once (from cron every "
        "minute) or, with --watch, as a sender process that runs beside the web server "
        "and sends each message within seconds. Failures are retried with exponential "
        "backoff, then marked failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="messages per round")
        parser.add_argument(
            "--watch",
            action="store_true",
            help="keep running: poll the outbox (on PostgreSQL also woken by NOTIFY) "
            "until SIGTERM or Ctrl+C",
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=NICENESS,
            help="with --watch, run at least at this niceness, below the web workers "
            f"(default {NICENESS}; 0 keeps the priority it was started with)",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="seconds between two looks at the outbox with --watch "
            "(default OUTBOX_POLL_SECONDS, 2)",
        )

    def handle(self, *args, limit, watch, interval, nice, **options):
        if not watch:
            sent, failed = send_due(limit=limit)
            self.stdout.write(f"E-mail inviate: {sent}, non riuscite: {failed}.")
            return
        interval = settings.OUTBOX_POLL_SECONDS if interval is None else interval
        _lower_priority(nice)
        self._stopping = False
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._stop)
        self.stdout.write(f"Invio delle e-mail in coda: controllo ogni {interval:g} s.")
        self.stdout.flush()
        while not self._stopping:
            try:
                self._let_the_queue_settle()
                sent, failed = send_due(limit=limit)
                if sent or failed:
                    self.stdout.write(f"E-mail inviate: {sent}, non riuscite: {failed}.")
                    self.stdout.flush()
                if sent + failed < limit:
                    self._wait(interval)
            except DatabaseError as exc:
                # The database restarted, or SQLite is busy: keep the process, try again.
                logger.warning("Outbox sender: database error, retrying: %s", exc)
                connection.close()
                self._sleep(interval)
            close_old_connections()
        self.stdout.write("Invio delle e-mail fermato.")

    def _stop(self, signum, frame):
        self._stopping = True

    def _sleep(self, seconds):
        end = time.monotonic() + seconds
        while not self._stopping and time.monotonic() < end:
            time.sleep(min(0.2, seconds))

    def _let_the_queue_settle(self):
        """Wait while messages keep arriving (a burst of sign-ups), up to a few seconds."""
        delay = seconds_until_settled()
        while delay and not self._stopping:
            self._sleep(delay)
            delay = seconds_until_settled()

    def _wait(self, seconds):
        """Until a NOTIFY arrives (PostgreSQL) or ``seconds`` pass."""
        if connection.vendor != "postgresql":
            self._sleep(seconds)
            return
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute(f"LISTEN {NOTIFY_CHANNEL}")
        end = time.monotonic() + seconds
        while not self._stopping and time.monotonic() < end:
            # Short slices, so a stop signal is honoured quickly.
            timeout = min(0.5, max(end - time.monotonic(), 0))
            if any(True for _ in connection.connection.notifies(timeout=timeout, stop_after=1)):
                return


def _lower_priority(niceness):
    """At least ``niceness`` (a niceness set by systemd's Nice= is kept, never raised
    back: an unprivileged process cannot)."""
    current = os.nice(0)
    if niceness > current:
        os.nice(niceness - current)
