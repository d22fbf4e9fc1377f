"""Dates, numbers and amounts in the page's language.

    {% load formatting %}
    {{ project.funding_amount|euro }}         it: 1.500.000 €        en: €1,500,000
    {{ 1500000|euro_millions }}               it: 1,5 milioni di euro en: €1.5 million
    {{ 12500|number }}                        it: 12.500             en: 12,500
    {{ event.starts_at|when:event.ends_at }}  it: giovedì 23 gennaio 2020, 16:00–18:00
                                              en: Thursday 23 January 2020, 16:00–18:00

Both editions use the 24-hour clock and put the day before the month (see
torino_social_factory/formats). USE_THOUSAND_SEPARATOR stays off so that years, ids and
capacities printed with ``{{ }}`` are never grouped ("2.020"); these filters group.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language, ngettext

register = template.Library()

NBSP = "\u00a0"
EN_DASH = "\u2013"


def _language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def _grouped(amount, decimal_pos):
    return number_format(amount, decimal_pos, use_l10n=True, force_grouping=True)


@register.filter
def number(value, decimal_pos=None):
    """A number with the language's grouping and decimal mark; '' for no value."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return _grouped(amount, decimal_pos)


@register.filter
def euro(value):
    """An amount in euro: "1.500.000 €" in Italian, "€1,500,000" in English.

    Cents are shown only when there are any ("1.234,50 €").
    """
    amount = _decimal(value)
    if amount is None:
        return ""
    decimal_pos = 0 if amount == amount.to_integral_value() else 2
    text = _grouped(amount, decimal_pos)
    if _language() == "it":
        return f"{text}{NBSP}€"
    return f"€{text}"


@register.filter
def euro_millions(value):
    """A round figure in millions: "1,5 milioni di euro" / "€1.5 million"."""
    amount = _decimal(value)
    if amount is None:
        return ""
    millions = (amount / Decimal(1_000_000)).normalize()
    decimal_pos = 0 if millions == millions.to_integral_value() else 1
    text = _grouped(millions, decimal_pos)
    count = 1 if millions == 1 else 2
    return ngettext("%(amount)s milione di euro", "%(amount)s milioni di euro", count) % {
        "amount": text
    }


def _local(moment):
    if timezone.is_aware(moment):
        return timezone.localtime(moment)
    return moment


@register.filter
def when(starts_at, ends_at=None):
    """When an event takes place, in local time.

    Same day: "giovedì 23 gennaio 2020, 16:00–18:00"; over several days:
    "giovedì 23 gennaio 2020, 16:00 – venerdì 24 gennaio 2020, 13:00".
    """
    if not starts_at:
        return ""
    start = _local(starts_at)
    datetime_format = get_format("DATETIME_FORMAT")
    text = dateformat.format(start, datetime_format)
    if not ends_at:
        return text
    end = _local(ends_at)
    if end.date() == start.date():
        if end == start:
            return text
        return f"{text}{EN_DASH}{dateformat.format(end, get_format('TIME_FORMAT'))}"
    return f"{text} {EN_DASH} {dateformat.format(end, datetime_format)}"
