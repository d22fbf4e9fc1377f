"""Template helpers of the catalogue: responsive images, dates of sources, cards."""

import datetime

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from torino_social_factory.common.i18n import FallbackLog

from ..images import rendition_name, srcset_for, widths_for

register = template.Library()


@register.simple_tag
def picture(field_file, width, height, alt, lazy=True, sizes="(min-width: 992px) 33vw, 100vw"):
    """<picture> with WebP and JPEG renditions, width/height set, lazy unless told."""
    if not field_file or not width or not height:
        return ""
    widths = widths_for(width)
    largest = widths[-1]
    shown_height = round(height * largest / width) if width > largest else height
    src = field_file.storage.url(rendition_name(field_file.name, largest, "jpg"))
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}></picture>',
        srcset_for(field_file, width, "webp"),
        sizes,
        src,
        srcset_for(field_file, width, "jpg"),
        sizes,
        min(width, largest),
        shown_height,
        alt,
        mark_safe(' loading="lazy" decoding="async"') if lazy else "",
    )


@register.filter
def partial_date(parts):
    """(year, month|None, day|None) as a date in words: «2019», «maggio 2019», «4 maggio 2019»."""
    if not parts:
        return ""
    year, month, day = parts
    if month is None:
        return str(year)
    date = datetime.date(year, month, day or 1)
    return formats.date_format(date, "j F Y" if day else "F Y")


@register.simple_tag
def source_item(source):
    """One source of «Fonti»: its title (else its publisher) linked, the publisher, the
    date in words. Built here rather than in the template: a page lists a dozen of them,
    each with five lookups and three conditions."""
    link = format_html(
        '<a href="{}" rel="noopener">{}</a>', source.url, source.title or source.publisher
    )
    if source.title:
        link = format_html("{}, {}", link, source.publisher)
    if source.date:
        link = format_html(
            '{}, <time datetime="{}">{}</time>', link, source.date, partial_date(source.date_parts)
        )
    return link


@register.simple_tag
def facet_checkbox(facet, option, index, projects_word):
    """One checkbox of the list filters. Built here rather than in a template: the list
    shows dozens of them on every request."""
    element_id = f"f-{facet.name}-{index}"
    return format_html(
        '<div class="form-check"><input class="form-check-input" type="checkbox" name="{}" '
        'value="{}" id="{}"{}><label class="form-check-label" for="{}">{} <span class="badge '
        'bg-light text-dark">{}<span class="visually-hidden"> {}</span></span></label></div>',
        facet.name,
        option.value,
        element_id,
        mark_safe(" checked") if option.checked else "",
        element_id,
        option.label,
        option.count,
        projects_word,
    )


@register.simple_tag(takes_context=True)
def fragment(context, fragment):
    """A card or a place rendered beforehand (``Catalogue.fragments``): its HTML, and
    the texts in it that fell back to Italian told to the page, which says so once."""
    log = context.get(FallbackLog.CONTEXT_KEY)
    if log is not None:
        log.fields.extend(fragment.fallbacks)
    return mark_safe(fragment.html)  # noqa: S308 - rendered by the template engine
