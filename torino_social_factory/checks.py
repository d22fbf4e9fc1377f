"""The translation catalogues must be compiled before the site serves a page.

The .mo files are build outputs (not in git): a deployment that skips `make messages`
would serve an English edition in Italian words and Italian month names capitalised,
while /healthz still answered. So every way the site starts looks for them: this
system check (every manage.py command that runs checks: migrate, runserver, check),
the WSGI entry point (gunicorn refuses to boot) and /healthz (503).
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register

HINT = "Compile the translations: `make messages` (manage.py compile_translations)."


def catalogue_problems():
    """(check id, message) for each catalogue of locale/ that is missing or older than its .po."""
    problems = []
    for locale_dir in settings.LOCALE_PATHS:
        for code, _name in settings.LANGUAGES:
            po = Path(locale_dir) / code / "LC_MESSAGES" / "django.po"
            mo = po.with_suffix(".mo")
            if not po.exists():
                if code != settings.LANGUAGE_CODE and not mo.exists():
                    problems.append(("tsf.E001", f"The '{code}' translation catalogue is missing."))
                continue
            if not mo.exists():
                problems.append(
                    ("tsf.E001", f"The '{code}' translation catalogue {mo} is missing.")
                )
            elif mo.stat().st_mtime < po.stat().st_mtime:
                problems.append(
                    ("tsf.E002", f"The '{code}' translation catalogue {mo} is older than its .po.")
                )
    return problems


@register(Tags.translation)
def check_translation_catalogues(app_configs=None, **kwargs):
    return [Error(message, hint=HINT, id=check_id) for check_id, message in catalogue_problems()]
