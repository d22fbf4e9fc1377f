from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from torino_social_factory import backups


class Command(BaseCommand):
    help = (
        "Load a backup folder written by `manage.py backup` into the configured database "
        "(replacing its tables) and MEDIA_ROOT. Checksums are verified first; afterwards "
        "the row counts are compared with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the tsf-YYYYMMDD-HHMMSS folder")
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args, backup, interactive, **options):
        target = connection.settings_dict["NAME"]
        if interactive:
            answer = input(
                f"Il database {target} e MEDIA_ROOT saranno sostituiti dal backup. "
                "Scrivi «sì» per continuare: "
            )
            if answer.strip().lower() not in ("sì", "si", "yes"):
                raise CommandError("Ripristino annullato.")
        try:
            manifest, found = backups.restore(backup)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        different = {
            label: (count, found.get(label))
            for label, count in manifest["rows"].items()
            if found.get(label) != count
        }
        if different:
            raise CommandError(f"Il ripristino non corrisponde al backup: {different}")
        rows = manifest["rows"]
        self.stdout.write(
            f"Ripristinato {backup} in {target}: {rows.get('projects.Project', 0)} progetti, "
            f"{rows.get('events.Registration', 0)} iscrizioni, "
            f"{manifest['media_files'] or 0} file caricati; conteggi verificati."
        )
