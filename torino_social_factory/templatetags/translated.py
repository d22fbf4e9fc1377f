"""Show a bilingual model field in the page's language.

Translatable fields come in pairs (``title`` / ``title_en``). In English, an empty
English field falls back to the Italian text, marked with ``lang="it"`` so screen
readers pronounce it correctly (WCAG 3.1.2); the page then shows, once, a note that
part of its text is available in Italian only (``{% italian_only_note %}``, in
base.html around the main content).

    {% load translated %}
    <h1>{% translated project "title" %}</h1>          -> text, <span lang="it"> on fallback
    {% translated project "description" html=True %}   -> sanitised HTML, <div lang="it"> on fallback
    <meta content="{{ project|tr:'summary' }}">        -> plain text, no markup (for attributes)
    {% if facts_fallback %}{% italian_only %}{% endif %} -> a fallback rendered by hand
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..common.i18n import FallbackLog, in_language

register = template.Library()


@register.filter
def tr(obj, field):
    """Plain text in the current language (for attributes and <title>)."""
    return in_language(obj, field)[0]


@register.simple_tag(takes_context=True)
def translated(context, obj, field, html=False):
    text, is_fallback = in_language(obj, field)
    if is_fallback:
        FallbackLog.record(context, obj, field)
    if html:
        # Rich-text fields are sanitised when they are saved (see each app's models).
        body = mark_safe(text)  # noqa: S308
        if is_fallback:
            return format_html('<div lang="{}">{}</div>', settings.LANGUAGE_CODE, body)
        return body
    if is_fallback:
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, text)
    return text


@register.simple_tag(takes_context=True)
def italian_only(context):
    """Record a fallback that a template marked with lang="it" itself."""
    FallbackLog.record(context, None, "")
    return ""


class ItalianOnlyNoteNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        log = FallbackLog()
        with context.push(**{FallbackLog.CONTEXT_KEY: log}):
            body = self.nodelist.render(context)
        if not log:
            return body
        # Only {% translate %} inside: no request, so the context processors (the
        # page's language versions, settings, last update) do not run a second time.
        note = render_to_string("includes/italian_only_note.html")
        return mark_safe(note + body)  # noqa: S308 - both rendered by the template engine


@register.tag
def italian_only_note(parser, token):
    """{% italian_only_note %}…{% enditalian_only_note %}: the note above, once, if needed."""
    nodelist = parser.parse(("enditalian_only_note",))
    parser.delete_first_token()
    return ItalianOnlyNoteNode(nodelist)
