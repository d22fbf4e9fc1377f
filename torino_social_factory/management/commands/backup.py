from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from torino_social_factory import backups


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database (pg_dump, or SQLite's online backup) and of "
        "MEDIA_ROOT into a new folder tsf-YYYYMMDD-HHMMSS under --output, with a manifest of "
        "checksums and row counts. The site keeps running meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.BASE_DIR / "backups"))
        parser.add_argument(
            "--keep", type=int, default=0, help="keep only the newest N backups (0: all)"
        )

    def handle(self, *args, output, keep, **options):
        try:
            folder = backups.create(output, keep=keep)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = backups.read_manifest(folder)
        rows = manifest["rows"]
        self.stdout.write(
            f"Backup scritto in {folder}: {rows.get('projects.Project', 0)} progetti, "
            f"{rows.get('events.Registration', 0)} iscrizioni, "
            f"{manifest['media_files'] or 0} file caricati."
        )
