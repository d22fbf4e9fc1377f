from django.conf import settings
from django.core import signing
from django.urls import translate_url
from django.utils.translation import get_language

from .freshness import site_last_updated
from .models import SiteSettings

FEEDBACK_SALT = "page-feedback"


def feedback_token():
    """A signed, cookie-less token for the feedback form.

    The form collects nothing personal, so it must work without a CSRF cookie
    (DESIGN §5.6); the signature still proves the POST came from one of our pages.
    It does not expire, so cached pages keep a valid form.
    """
    return signing.dumps("feedback", salt=FEEDBACK_SALT)


def language_versions(request):
    """The same page in every language, as absolute URLs (for hreflang and the switch)."""
    return {
        code: settings.SITE_URL + translate_url(request.path, code)
        for code, _name in settings.LANGUAGES
    }


def site(request):
    site_settings = SiteSettings.load()
    versions = language_versions(request)
    other_language = next(code for code in versions if code != get_language())
    return {
        "site_settings": site_settings,
        "accessibility_statement_url": site_settings.accessibility_statement_url
        or settings.ACCESSIBILITY_STATEMENT_URL,
        "demo_dates": site_settings.demo_dates,
        "last_updated": site_last_updated(),
        "feedback_token": feedback_token(),
        "alternate_language": other_language,
        "alternate_language_url": translate_url(request.path, other_language),
        "language_versions": versions,
        "canonical_url": settings.SITE_URL + request.path,
        "site_url": settings.SITE_URL,
    }
