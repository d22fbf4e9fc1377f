"""WSGI entry point for gunicorn: ``gunicorn torino_social_factory.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torino_social_factory.settings")

application = get_wsgi_application()
