"""Bilingual model fields: ``title`` (Italian, the original) and ``title_en``.

In another language an empty twin falls back to the Italian text; callers that show it
to people mark the fallback with ``lang="it"`` (WCAG 3.1.2), and the page says once,
above its content, that part of it is available in Italian only (``FallbackLog``).
"""

from django.conf import settings
from django.utils.html import format_html
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


def inline_in_language(obj, field, language=None):
    """The text for a place that escapes it (a breadcrumb): marked ``lang="it"`` on fallback."""
    text, is_fallback = in_language(obj, field, language)
    if is_fallback:
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, text)
    return text


class FallbackLog:
    """Which fields of a page fell back to Italian while it was rendered.

    The base template opens one around the page's main content; every
    ``{% translated %}`` that shows Italian in another language writes to it, and the
    note is shown once if anything was written, however many paragraphs fell back.
    """

    CONTEXT_KEY = "_italian_fallbacks"

    def __init__(self):
        self.fields = []

    def __bool__(self):
        return bool(self.fields)

    @classmethod
    def record(cls, context, obj, field):
        log = context.get(cls.CONTEXT_KEY) if context is not None else None
        if log is not None:
            log.fields.append((type(obj).__name__, getattr(obj, "pk", None), field))
