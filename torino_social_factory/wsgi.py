"""WSGI entry point for gunicorn: ``gunicorn torino_social_factory.wsgi``."""

import gc
import os

from django.core.signals import request_finished
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


def freeze_what_the_first_request_loaded(**kwargs):
    """After a worker's first answer, put everything alive then (Django's modules, the
    URL resolver, templates, translations: nearly all of it kept until the worker ends)
    out of the garbage collector's sight. Otherwise each full collection walks all of
    it, 50-80 ms once every few thousand requests: the slowest answers of a busy worker.
    Frozen, a full collection takes a few milliseconds."""
    request_finished.disconnect(freeze_what_the_first_request_loaded)
    gc.collect()  # the first request's own garbage is not kept for ever
    gc.freeze()


request_finished.connect(freeze_what_the_first_request_loaded)
