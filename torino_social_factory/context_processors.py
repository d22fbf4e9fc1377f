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


def alternate_language_url(request):
    current = get_language()
    other = next(code for code, _name in settings.LANGUAGES if code != current)
    return other, translate_url(request.path, other)


def site(request):
    site_settings = SiteSettings.load()
    other_language, other_url = alternate_language_url(request)
    return {
        "site_settings": site_settings,
        "accessibility_statement_url": site_settings.accessibility_statement_url
        or settings.ACCESSIBILITY_STATEMENT_URL,
        "demo_dates": site_settings.demo_dates,
        "last_updated": site_last_updated(),
        "feedback_token": feedback_token(),
        "alternate_language": other_language,
        "alternate_language_url": other_url,
        "site_url": settings.SITE_URL,
    }
