import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the local staff account 'admin' with a random password, printed once. "
        "Refuses to run with DEBUG off: production accounts are made with createsuperuser."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("local_admin is for local runs only (DJANGO_DEBUG is off).")
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write(
                "Area riservata: http://127.0.0.1:8000/admin/ – utente «admin» "
                "(password già stampata alla prima esecuzione; per cambiarla: "
                "python manage.py changepassword admin)."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        Path(settings.BASE_DIR, ".admin-password").write_text(password + "\n")
        self.stdout.write(
            self.style.SUCCESS(
                "Area riservata: http://127.0.0.1:8000/admin/ – utente «admin», "
                f"password «{password}» (salvata anche in .admin-password, fuori da git)."
            )
        )
