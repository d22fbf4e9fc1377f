"""Structured data for search engines: ``{% json_ld data %}`` and ``{% page_json_ld %}``.

Writes ``<script type="application/ld+json">`` with the data as JSON, escaped so that
no text in it (a title with "</script>", say) can end the element early.

Every HTML page describes itself as a schema.org ``WebPage`` in its own language
(base.html): its name and description are the page's <title> and meta description,
captured as they are rendered (``{% capture %}``), so the English edition's structured
data is the English text with the same Italian fallback as the page.
"""

import html
import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..common.i18n import current_language

register = template.Library()

SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def page_json_ld(context, name, description):
    """The page as a schema.org WebPage in the language it is written in."""
    site_settings = context.get("site_settings")
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": html.unescape(str(name)).strip(),
        "description": html.unescape(str(description)).strip(),
        "inLanguage": current_language(),
        "url": context.get("canonical_url") or "",
    }
    if site_settings is not None and getattr(site_settings, "site_name", ""):
        data["isPartOf"] = {"@type": "WebSite", "name": site_settings.site_name}
    return json_ld(data)


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        output = self.nodelist.render(context)
        context[self.name] = output
        return output


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %}: output the content and keep it as ``name``."""
    try:
        _tag, name = token.split_contents()
    except ValueError as error:
        raise template.TemplateSyntaxError("{% capture name %} takes one name") from error
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)
