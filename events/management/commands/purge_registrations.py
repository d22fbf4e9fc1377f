from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import anonymise_past


class Command(BaseCommand):
    help = (
        "Anonymise registrations whose event ended more than --days days ago "
        "(default REGISTRATION_RETENTION_DAYS). Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        count = anonymise_past(days=days)
        self.stdout.write(f"Iscrizioni rese anonime: {count}.")
