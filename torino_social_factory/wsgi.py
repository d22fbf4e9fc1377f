"""WSGI entry point for gunicorn: ``gunicorn torino_social_factory.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torino_social_factory.settings")

application = get_wsgi_application()

# Refuse to boot without the compiled translations, rather than serve an English edition
# in Italian words (gunicorn runs no system checks).
from torino_social_factory.checks import catalogue_problems  # noqa: E402

if problems := catalogue_problems():
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "; ".join(message for _id, message in problems) + " Run `make messages`."
    )
