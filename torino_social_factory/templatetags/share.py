"""``{% share_meta %}``: the Open Graph and Twitter card tags of a page.

The title and description are the page's own <title> and meta description (captured in
base.html), so a share preview says what the search result says. The picture is the
view's ``share_image`` when it sets one (a project's cover, an event's drawn card), else
the site's drawn picture.
"""

from django import template
from django.urls import reverse
from django.utils.safestring import SafeData, mark_safe

from ..common import share_image
from ..common.i18n import text_in_language

register = template.Library()


def _trimmed(text):
    """Captured text without the template's line breaks, still escaped exactly once."""
    return mark_safe(text.strip()) if isinstance(text, SafeData) else text.strip()  # noqa: S308


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, title, description):
    image = context.get("share_image")
    site_settings = context.get("site_settings")
    site_name = getattr(site_settings, "site_name", "")
    if image is None:
        # The picture's own words, for whoever cannot see it.
        tagline = text_in_language(site_settings, "site_tagline") if site_settings else ""
        alt = f"{site_name}: {tagline}" if site_name and tagline else site_name or tagline
        image = share_image.generated(context["request"], reverse("share_image"), alt)
    return {
        "title": _trimmed(title),
        "description": _trimmed(description),
        "url": context.get("canonical_url") or "",
        "site_name": site_name,
        "image": image,
    }
