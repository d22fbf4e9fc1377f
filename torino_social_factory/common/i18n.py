"""Bilingual model fields: ``title`` (Italian, the original) and ``title_en``.

In another language an empty twin falls back to the Italian text; callers that show it
to people mark the fallback with ``lang="it"`` (WCAG 3.1.2).
"""

from django.conf import settings
from django.utils.translation import get_language


def current_language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def in_language(obj, field, language=None):
    """(text, is_fallback) of ``obj.field`` in ``language`` (default: the active one)."""
    language = language or current_language()
    original = getattr(obj, field, "") or ""
    if language == settings.LANGUAGE_CODE:
        return original, False
    translation = getattr(obj, f"{field}_{language}", "") or ""
    if translation:
        return translation, False
    return original, bool(original)


def text_in_language(obj, field, language=None):
    """Just the text of ``in_language``: for e-mails, calendars, attributes."""
    return in_language(obj, field, language)[0]
