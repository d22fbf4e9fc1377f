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
COLUMN_WIDTHS = (30, 34, 30, 24, 18, 18, 18, 22, 14, 30, 36, 14)

# Columns only some roles receive: accessibility needs may be health data and serve who
# runs the door; the consent to news serves who manages the mailing (Amministrazione).
SENSITIVE_COLUMNS = {
    "accessibility_needs": "events.change_registration",
    "optional_consent": "events.delete_registration",
}


def surname_key(name):
    """Sort key "surname, then the rest". We store one name field, so the surname is
    taken as its last word (right for most names; the printed list says so)."""
    words = (name or "").split()
    if not words:
        return ("", "")
    return (words[-1].casefold(), " ".join(words[:-1]).casefold())


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _yes_no(value):
    return _("sì") if value else _("no")


def _columns(user):
    """(label, value of a registration) of every column ``user`` may receive."""
    columns = [
        (_("Nome"), lambda r: r.name),
        (_("E-mail"), lambda r: r.email),
        (_("Organizzazione"), lambda r: r.organisation),
        (_("Partecipa come"), lambda r: str(r.get_category_display())),
        (_("Stato"), lambda r: r.get_status_display()),
        (_("Iscritto il"), lambda r: _local(r.created_at)),
        (_("Entrato alle"), lambda r: _local(r.checked_in_at)),
        (
            _("Fatto entrare da"),
            lambda r: (
                (r.checked_in_by.get_full_name() or r.checked_in_by.get_username())
                if r.checked_in_by
                else ""
            ),
        ),
        (_("Aggiunto all'ingresso"), lambda r: _yes_no(r.walk_in)),
        (_("Evento"), lambda r: r.event.title),
    ]
    if user is None or user.has_perm(SENSITIVE_COLUMNS["accessibility_needs"]):
        columns.append((_("Esigenze di accessibilità"), lambda r: r.accessibility_needs))
    if user is None or user.has_perm(SENSITIVE_COLUMNS["optional_consent"]):
        columns.append((_("Consenso a ricevere notizie"), lambda r: _yes_no(r.optional_consent)))
    return columns


def header(user=None):
    return [label for label, _value in _columns(user)]


def rows(registrations, user=None):
    columns = _columns(user)
    for registration in registrations:
        yield [value(registration) for _label, value in columns]


def ordered(registrations):
    """Confirmed, then waiting, then cancelled; by surname within each."""
    order = {"confirmed": 0, "waitlisted": 1, "cancelled": 2}
    return sorted(
        registrations.select_related("event", "checked_in_by"),
        key=lambda r: (order.get(r.status, 9), surname_key(r.name)),
    )


def export_response(registrations, fmt, *, user, name):
    """The file of ``registrations`` in ``fmt``, recorded in the history for ``user``."""
    registrations = ordered(registrations)
    filename = f"iscrizioni-{slugify(name)}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = attachment(
            csv_text(header(user), rows(registrations, user)), "text/csv; charset=utf-8", filename
        )
    else:
        content = xlsx_bytes(
            header(user), rows(registrations, user), title=_("Iscrizioni"), widths=COLUMN_WIDTHS
        )
        response = attachment(content, XLSX_CONTENT_TYPE, filename)
    log_change(user, registrations, _("Esportata in %(format)s") % {"format": fmt.upper()})
    return response
