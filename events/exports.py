"""The registrations export: one format, used by the door page and the admin action.

Made for the people who open it, in Italian Excel: ``;``-separated UTF-8 with a BOM
(or XLSX with real date cells), times in Rome's time, labels instead of codes. Every
export of personal data is written to the admin history, one entry per registration.
"""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from torino_social_factory.common.admin import log_change
from torino_social_factory.common.spreadsheet import (
    XLSX_CONTENT_TYPE,
    attachment,
    csv_text,
    xlsx_bytes,
)

FORMATS = ("csv", "xlsx")
COLUMN_WIDTHS = (30, 34, 30, 24, 18, 18, 18, 30)


def surname_key(name):
    """Sort key "surname, then the rest". We store one name field, so the surname is
    taken as its last word (right for most names; the printed list says so)."""
    words = (name or "").split()
    if not words:
        return ("", "")
    return (words[-1].casefold(), " ".join(words[:-1]).casefold())


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def header():
    return [
        _("Nome"),
        _("E-mail"),
        _("Organizzazione"),
        _("Partecipa come"),
        _("Stato"),
        _("Iscritto il"),
        _("Entrato alle"),
        _("Evento"),
    ]


def rows(registrations):
    for registration in registrations:
        yield [
            registration.name,
            registration.email,
            registration.organisation,
            registration.get_category_display(),
            registration.get_status_display(),
            _local(registration.created_at),
            _local(registration.checked_in_at),
            registration.event.title,
        ]


def ordered(registrations):
    """Confirmed, then waiting, then cancelled; by surname within each."""
    order = {"confirmed": 0, "waitlisted": 1, "cancelled": 2}
    return sorted(
        registrations.select_related("event"),
        key=lambda r: (order.get(r.status, 9), surname_key(r.name)),
    )


def export_response(registrations, fmt, *, user, name):
    """The file of ``registrations`` in ``fmt``, recorded in the history for ``user``."""
    registrations = ordered(registrations)
    filename = f"iscrizioni-{slugify(name)}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = attachment(
            csv_text(header(), rows(registrations)), "text/csv; charset=utf-8", filename
        )
    else:
        content = xlsx_bytes(
            header(), rows(registrations), title=_("Iscrizioni"), widths=COLUMN_WIDTHS
        )
        response = attachment(content, XLSX_CONTENT_TYPE, filename)
    log_change(user, registrations, _("Esportata in %(format)s") % {"format": fmt.upper()})
    return response
