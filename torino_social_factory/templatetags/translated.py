"""Show a bilingual model field in the page's language.

Translatable fields come in pairs (``title`` / ``title_en``). In English, an empty
English field falls back to the Italian text, marked with ``lang="it"`` so screen
readers pronounce it correctly (WCAG 3.1.2).

    {% load translated %}
    <h1>{% translated project "title" %}</h1>          -> text, <span lang="it"> on fallback
    {% translated project "description" html=True %}   -> sanitised HTML, <div lang="it"> on fallback
    <meta content="{{ project|tr:'summary' }}">        -> plain text, no markup (for attributes)
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..common.i18n import in_language

register = template.Library()


@register.filter
def tr(obj, field):
    """Plain text in the current language (for attributes and <title>)."""
    return in_language(obj, field)[0]


@register.simple_tag
def translated(obj, field, html=False):
    text, is_fallback = in_language(obj, field)
    if html:
        # Rich-text fields are sanitised when they are saved (see each app's models).
        body = mark_safe(text)  # noqa: S308
        if is_fallback:
            return format_html('<div lang="{}">{}</div>', settings.LANGUAGE_CODE, body)
        return body
    if is_fallback:
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, text)
    return text
