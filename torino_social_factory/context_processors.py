from functools import cache, lru_cache

from django.conf import settings
from django.core import signing
from django.db.models import Max
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.translation import get_language

from events.models import latest_public_change as latest_event_change
from projects.models import latest_public_change as latest_project_change

from . import page_cache
from .models import Page, SiteSettings

FEEDBACK_SALT = "page-feedback"


@cache
def feedback_token():
    """A signed, cookie-less token for the feedback form.

    The form collects nothing personal, so it must work without a CSRF cookie; the
    signature still proves the POST came from one of our pages. It does not expire, so
    cached pages keep a valid form, and one per process is enough (signing costs more
    than the rest of the context).
    """
    return signing.dumps("feedback", salt=FEEDBACK_SALT)


@lru_cache(maxsize=1024)
def _translated_paths(path, language, urlconf, script_prefix):
    # translate_url resolves the path and reverses it once per language: the answer
    # depends only on the URL configuration and these arguments, never on content, so
    # each process works it out once per path (bounded: junk paths push old ones out).
    return tuple((code, translate_url(path, code)) for code, _name in settings.LANGUAGES)


def language_versions(request):
    """The same page in every language, as absolute URLs (for hreflang and the switch)."""
    paths = _translated_paths(request.path, get_language(), get_urlconf(), get_script_prefix())
    return {code: settings.SITE_URL + path for code, path in paths}


def site_last_updated():
    """When the public content last changed: the "Ultimo aggiornamento" of the footer."""
    candidates = [
        Page.objects.aggregate(latest=Max("updated_at"))["latest"],
        SiteSettings.objects.aggregate(latest=Max("updated_at"))["latest"],
        latest_project_change(),
        latest_event_change(),
    ]
    return max((c for c in candidates if c), default=None)


def site(request):
    version = getattr(request, "content_version", None)
    site_settings = getattr(request, "site_settings", None) or SiteSettings.load(version=version)
    versions = language_versions(request)
    other_language = next(code for code in versions if code != get_language())
    site_prefix = len(settings.SITE_URL)
    return {
        "site_settings": site_settings,
        "accessibility_statement_url": site_settings.accessibility_statement_url
        or settings.ACCESSIBILITY_STATEMENT_URL,
        "demo_dates": site_settings.demo_dates,
        "last_updated": page_cache.derived("last-updated", site_last_updated, version=version),
        "feedback_token": feedback_token(),
        "alternate_language": other_language,
        "alternate_language_url": versions[other_language][site_prefix:],
        "language_versions": versions,
        "canonical_url": settings.SITE_URL + request.path,
        "site_url": settings.SITE_URL,
    }
