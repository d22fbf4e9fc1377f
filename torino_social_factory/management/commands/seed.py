from django.core.management.base import BaseCommand
from django.db import transaction

from events import seed as events_seed
from projects import seed as projects_seed
from torino_social_factory.models import Page, SiteSettings
from torino_social_factory.seed_content import PAGES, SITE_CITY, SITE_FIGURES


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
        translated = 0
        for page in PAGES:
            row, was_created = Page.objects.get_or_create(slug=page["slug"], defaults=page)
            created += was_created
            translated += not was_created and _fill_empty_english(row, page)
        self.stdout.write(
            f"Pagine: {created} create, {len(PAGES) - created} già presenti, "
            f"{translated} completate in inglese."
        )

        site_settings, _created = SiteSettings.objects.get_or_create(pk=1)
        for field, value in {**SITE_CITY, **SITE_FIGURES}.items():
            if not getattr(site_settings, field):
                setattr(site_settings, field, value)
        site_settings.demo_dates = demo or site_settings.demo_dates
        site_settings.save()

        projects_seed.load(stdout=self.stdout)
        events_seed.load(demo=demo, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Contenuti caricati."))


def _fill_empty_english(row, page):
    """Give an existing page the seed's English text, field by field, where it has none.

    Pages seeded before the English edition existed get their translation; an English
    field that staff have written (or anything Italian) is never touched.
    """
    empty = [
        field
        for field in ("title_en", "summary_en", "body_en")
        if page.get(field) and not (getattr(row, field) or "").strip()
    ]
    for field in empty:
        setattr(row, field, page[field])
    if empty:
        row.save(update_fields=[*empty, "updated_at"])
    return bool(empty)
