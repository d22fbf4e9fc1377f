"""Rich text from the admin is sanitised before it reaches the database.

A model lists its HTML fields in ``RICH_TEXT_FIELDS``; a pre_save hook (connected in
apps.py) cleans them. Only the tags our templates style survive: no scripts, no
inline styles, no event handlers, links only to http(s)/mailto/tel.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i",
    "a", "blockquote", "code", "abbr",
}  # fmt: skip
# data-element: the markers AgID's site validators read (e.g. the legal notes' licence).
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "h2": {"data-element"},
    "h3": {"data-element"},
    "p": {"data-element"},
}


def sanitise(html):
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    ).strip()


def sanitise_rich_text_fields(sender, instance, **kwargs):
    for field in getattr(sender, "RICH_TEXT_FIELDS", ()):
        setattr(instance, field, sanitise(getattr(instance, field)))
