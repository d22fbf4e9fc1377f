from django.core.management.base import BaseCommand

from events.emails import send_due


class Command(BaseCommand):
    help = (
        "Send the e-mails waiting in the outbox whose retry time has come. Run it from cron "
        "every minute: failures are retried with exponential backoff, then marked failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200)

    def handle(self, *args, limit, **options):
        sent, failed = send_due(limit=limit)
        self.stdout.write(f"E-mail inviate: {sent}, non riuscite: {failed}.")
