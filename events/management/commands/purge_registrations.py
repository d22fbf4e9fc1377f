from django.conf import settings
from django.core.management.base import BaseCommand

from events import services
from torino_social_factory.common.ratelimit import forget_expired


class Command(BaseCommand):
    help = (
        "Anonymise registrations whose event ended more than --days days ago "
        "(default REGISTRATION_RETENTION_DAYS), erase accessibility needs the day after "
        "the event, delete e-mails left without a registration and the expired single-use "
        "form tokens. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        needs = services.forget_accessibility_needs(days=1)
        count = services.anonymise_past(days=days)
        orphans = services.forget_orphan_messages(days=days)
        forget_expired()
        self.stdout.write(
            f"Iscrizioni rese anonime: {count}. Esigenze di accessibilità cancellate: {needs}. "
            f"E-mail senza iscrizione cancellate: {orphans}."
        )
