"""Staff pages served by the admin site: previews, the door check-in, exports.

Every view here is wrapped by ``site.admin_view`` (login as staff, never cached, CSRF)
and then checks the model permission it needs, so a role that may not see personal data
(Redazione) gets a 403 on the door, the attendee list and the exports.
"""

import csv
import io

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST


def urlpatterns(site):
    def staff(view):
        return site.admin_view(view)

    return [
        path("accoglienza/", staff(checkin_events), name="staff_checkin_events"),
        path("accoglienza/<int:event_id>/", staff(checkin), name="staff_checkin"),
        path("accoglienza/<int:event_id>/stato/", staff(checkin_state), name="staff_checkin_state"),
        path(
            "accoglienza/<int:event_id>/entrata/<int:registration_id>/",
            staff(checkin_toggle),
            name="staff_checkin_toggle",
        ),
        path(
            "accoglienza/iscrizione/<int:registration_id>/",
            staff(registration_qr_target),
            name="staff_registration_qr",
        ),
        path("accoglienza/<int:event_id>/elenco/", staff(attendee_list), name="staff_attendees"),
        path(
            "accoglienza/<int:event_id>/esporta.<str:fmt>",
            staff(export_registrations),
            name="staff_export",
        ),
        path("anteprima/progetto/<int:pk>/", staff(preview_project), name="staff_preview_project"),
        path("anteprima/evento/<int:pk>/", staff(preview_event), name="staff_preview_event"),
    ]


def _require(request, *perms):
    if not all(request.user.has_perm(perm) for perm in perms):
        raise PermissionDenied


def _models():
    from events.models import Event, Registration

    if not hasattr(Registration, "_meta"):
        raise Http404(_("Gli eventi non sono ancora disponibili."))
    return Event, Registration


def with_staff_counts(events):
    """Events annotated with the door's counters, in the same single query."""
    _Event, Registration = _models()
    related = Registration._meta.get_field("event").related_query_name()
    status = f"{related}__status"
    return events.annotate(
        confirmed_count=Count(related, filter=Q(**{status: Registration.Status.CONFIRMED})),
        waitlisted_count=Count(related, filter=Q(**{status: Registration.Status.WAITLISTED})),
        checked_in_count=Count(
            related,
            filter=Q(
                **{
                    status: Registration.Status.CONFIRMED,
                    f"{related}__checked_in_at__isnull": False,
                }
            ),
        ),
    )


def surname_key(name):
    """Sort key "surname, then the rest". We store one name field, so the surname is
    taken as its last word (right for most names; the list says so)."""
    words = (name or "").split()
    if not words:
        return ("", "")
    return (words[-1].casefold(), " ".join(words[:-1]).casefold())


def log_change(request, obj, message):
    LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


# --- Door check-in -------------------------------------------------------------------


def checkin_events(request):
    _require(request, "events.change_registration")
    Event, _Registration = _models()
    events = with_staff_counts(Event.objects.all()).order_by("-starts_at", "-pk")[:20]
    context = {
        **admin.site.each_context(request),
        "title": _("Accoglienza all'ingresso"),
        "events": events,
    }
    return TemplateResponse(request, "staff/checkin_events.html", context)


def _event_and_people(event_id):
    Event, Registration = _models()
    event = get_object_or_404(with_staff_counts(Event.objects.all()), pk=event_id)
    people = sorted(
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).only(
            "pk", "name", "organisation", "checked_in_at", "status", "event_id"
        ),
        key=lambda registration: surname_key(registration.name),
    )
    return event, people


def _counts(event):
    return {
        "confirmed": event.confirmed_count,
        "waitlisted": event.waitlisted_count,
        "checked_in": event.checked_in_count,
        "capacity": event.capacity,
    }


def checkin(request, event_id):
    _require(request, "events.change_registration")
    event, people = _event_and_people(event_id)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        needle = query.casefold()
        people = [person for person in people if needle in person.name.casefold()]
    highlight = request.GET.get("r", "")
    context = {
        **admin.site.each_context(request),
        "title": _("Accoglienza: %(event)s") % {"event": event.title},
        "event": event,
        "people": people,
        "query": query,
        "highlight": highlight,
        "counts": _counts(event),
        "refresh_seconds": settings.STAFF_CHECKIN_REFRESH_SECONDS,
        "can_view": request.user.has_perm("events.view_registration"),
    }
    return TemplateResponse(request, "staff/checkin.html", context)


def checkin_state(request, event_id):
    """Live counters and who is in, for checkin.js to refresh the page without reload."""
    _require(request, "events.change_registration")
    event, people = _event_and_people(event_id)
    return JsonResponse(
        {
            "counts": _counts(event),
            "checked_in": [person.pk for person in people if person.checked_in_at],
        }
    )


@require_POST
def checkin_toggle(request, event_id, registration_id):
    """Check someone in (``action=in``) or undo it (``action=out``).

    Idempotent: checking in twice keeps the first time; undoing twice is harmless. Only
    confirmed registrations can enter. Answers JSON to checkin.js, a redirect otherwise.
    """
    _require(request, "events.change_registration")
    _Event, Registration = _models()
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_id, event_id=event_id
    )
    action = request.POST.get("action")
    if action not in ("in", "out"):
        return HttpResponse(_("Azione non valida."), status=400)
    if registration.status != Registration.Status.CONFIRMED:
        return HttpResponse(_("Questa iscrizione non è confermata."), status=409)
    changed = _set_checked_in(registration, action == "in")
    if changed:
        log_change(
            request,
            registration,
            _("Entrata registrata") if action == "in" else _("Entrata annullata"),
        )
    if request.headers.get("Accept", "").startswith("application/json"):
        event, _people = _event_and_people(event_id)
        return JsonResponse(
            {
                "id": registration.pk,
                "checked_in": registration.checked_in_at is not None,
                "checked_in_at": timezone.localtime(registration.checked_in_at).strftime("%H:%M")
                if registration.checked_in_at
                else "",
                "counts": _counts(event),
            }
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("admin:staff_checkin", args=[event_id])
    return redirect(f"{back}#r-{registration.pk}")


def _set_checked_in(registration, checked_in):
    """Returns whether anything changed. Through the events service (row lock), so two
    phones tapping the same person at once record one entry time."""
    from events import services

    before = registration.checked_in_at
    updated = services.check_in(registration=registration, undo=not checked_in)
    registration.checked_in_at = updated.checked_in_at
    return (before is None) != (updated.checked_in_at is None)


def registration_qr_target(request, registration_id):
    """Where the QR code in the confirmation e-mail leads: the person's row on the door
    page for reception, or their record for whoever else may view it."""
    if not request.user.has_perm("events.view_registration"):
        raise PermissionDenied
    _Event, Registration = _models()
    registration = get_object_or_404(Registration, pk=registration_id)
    if request.user.has_perm("events.change_registration"):
        url = reverse("admin:staff_checkin", args=[registration.event_id])
        return redirect(f"{url}?r={registration.pk}#r-{registration.pk}")
    if request.user.has_perm("events.view_registration"):
        return redirect("admin:events_registration_change", registration.pk)
    raise PermissionDenied


def attendee_list(request, event_id):
    """A printable list of confirmed attendees sorted by surname, with a tick box."""
    _require(request, "events.view_registration")
    event, people = _event_and_people(event_id)
    context = {
        **admin.site.each_context(request),
        "title": _("Elenco dei partecipanti"),
        "event": event,
        "people": people,
        "counts": _counts(event),
        "printed_at": timezone.localtime(),
    }
    return TemplateResponse(request, "staff/attendee_list.html", context)


# --- Exports -------------------------------------------------------------------------

EXPORT_COLUMNS = [
    ("name", "Nome"),
    ("email", "E-mail"),
    ("organisation", "Organizzazione"),
    ("category", "Ente/categoria"),
    ("status", "Stato"),
    ("created_at", "Iscritto il"),
    ("checked_in_at", "Entrato alle"),
]


def _export_rows(event):
    _Event, Registration = _models()
    registrations = sorted(
        Registration.objects.filter(event=event).exclude(status=Registration.Status.CANCELLED),
        key=lambda registration: (registration.status, surname_key(registration.name)),
    )
    fields = [name for name, _label in EXPORT_COLUMNS if _has_field(Registration, name)]
    for registration in registrations:
        row = []
        for name in fields:
            value = getattr(registration, name)
            if name == "status":
                value = registration.get_status_display()
            elif hasattr(value, "tzinfo") and value is not None:
                value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            row.append("" if value is None else value)
        yield row


def _has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def _export_header():
    _Event, Registration = _models()
    return [label for name, label in EXPORT_COLUMNS if _has_field(Registration, name)]


def _safe_cell(value):
    """Neutralise spreadsheet formulas typed as names (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@never_cache
def export_registrations(request, event_id, fmt):
    """Registrations of one event as CSV or XLSX. Staff with permission only; each
    export is recorded in the event's admin history (who, when, how many rows)."""
    _require(request, "events.view_registration")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    Event, _Registration = _models()
    event = get_object_or_404(Event, pk=event_id)
    header = _export_header()
    rows = [[_safe_cell(value) for value in row] for row in _export_rows(event)]
    filename = f"iscrizioni-{slugify(event.slug)}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 correctly only with a BOM
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _xlsx(event, header, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=[event],
        action_flag=CHANGE,
        change_message=_("Esportate %(count)d iscrizioni in %(format)s")
        % {"count": len(rows), "format": fmt.upper()},
        single_object=True,
    )
    return response


def _xlsx(event, header, rows):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Iscrizioni"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFG", (30, 34, 30, 24, 14, 18, 14), strict=False):
        sheet.column_dimensions[column].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- Previews ------------------------------------------------------------------------


def preview_project(request, pk):
    """The public project page of a draft, rendered by the public view itself."""
    _require(request, "projects.view_project")
    from projects.models import Project
    from projects.views import project_detail

    project = get_object_or_404(Project, pk=pk)
    return _preview(request, Project, project, project_detail, slug=project.slug)


def preview_event(request, pk):
    """The public event page of a draft (an unlisted one as its key holders see it)."""
    _require(request, "events.view_event")
    from events.models import Event
    from events.views import event_detail

    event = get_object_or_404(Event, pk=pk)
    if event.visibility == Event.Visibility.UNLISTED:
        request.GET = request.GET.copy()
        request.GET["chiave"] = event.access_key
    return _preview(request, Event, event, event_detail, slug=event.slug)


def _preview(request, model, obj, view, **kwargs):
    """Render the public view as if ``obj`` were published, then undo that.

    Inside a transaction the row is marked published with a plain UPDATE (no signals, so
    no cache invalidation and no history entry), the public view renders its real
    template, and the transaction is rolled back: nothing is ever published by looking.
    The answer is marked so that no one indexes or caches it.
    """
    with transaction.atomic():
        model.objects.filter(pk=obj.pk).update(is_published=True)
        response = view(request, **kwargs)
        if hasattr(response, "render"):
            response.render()
        transaction.set_rollback(True)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "private, no-cache, no-store, must-revalidate, max-age=0"
    return response
