from django.core.management.base import BaseCommand
from django.db import transaction

from events import seed as events_seed
from projects import seed as projects_seed
from torino_social_factory.models import Page, SiteSettings
from torino_social_factory.seed_content import PAGES, SITE_CITY, SITE_FIGURES, fill_english


class Command(BaseCommand):
    help = (
        "Load the real content (programme, content pages, catalogue, events) from the "
        "project's seed data. Idempotent: running it again changes nothing that exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Move the events to the next 23/24 January so registration can be tried; "
            "the site then says it shows demo dates.",
        )

    @transaction.atomic
    def handle(self, *args, demo=False, **options):
        created = 0
        for page in PAGES:
            _row, was_created = Page.objects.get_or_create(slug=page["slug"], defaults=page)
            created += was_created

        site_settings, _created = SiteSettings.objects.get_or_create(pk=1)
        for field, value in {**SITE_CITY, **SITE_FIGURES}.items():
            if not getattr(site_settings, field):
                setattr(site_settings, field, value)
        site_settings.demo_dates = demo or site_settings.demo_dates
        site_settings.save()
        # Rows seeded before the English edition get their translation; staff's text stays.
        translated = fill_english()
        self.stdout.write(
            f"Pagine: {created} create, {len(PAGES) - created} già presenti, "
            f"{translated} completate in inglese."
        )

        projects_seed.load(stdout=self.stdout)
        events_seed.load(demo=demo, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Contenuti caricati."))
