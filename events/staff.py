"""The events' staff pages, served inside the admin: the door, the printable list, the
QR code's target, the exports and the preview of a draft event.

``urls(site)`` wraps each view in ``site.admin_view`` (staff login, never cached,
CSRF); each view then asks for the model permission it needs, so a role that may not
see personal data (Redazione) gets a 403 on the door, the list and the exports.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torino_social_factory.common.admin import render_as_published

from . import exports, services
from .models import Event, Registration
from .views import event_detail

Status = Registration.Status
can_check_in = permission_required("events.change_registration", raise_exception=True)
can_view_registrations = permission_required("events.view_registration", raise_exception=True)


def urls(site):
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
        path("anteprima/evento/<int:pk>/", staff(preview_event), name="staff_preview_event"),
    ]


def _event_and_people(event_id):
    """The event with its counters, and its confirmed people sorted by surname."""
    event = get_object_or_404(Event.objects.with_counts(), pk=event_id)
    people = sorted(
        Registration.objects.filter(event=event, status=Status.CONFIRMED).only(
            "pk", "name", "organisation", "checked_in_at", "status", "event_id"
        ),
        key=lambda registration: exports.surname_key(registration.name),
    )
    return event, people


def _counts(event):
    return {
        "confirmed": event.confirmed_count,
        "waitlisted": event.waitlisted_count,
        "checked_in": event.checked_in_count,
        "capacity": event.capacity,
    }


# --- Door check-in -------------------------------------------------------------------


@can_check_in
def checkin_events(request):
    events = Event.objects.with_counts().order_by("-starts_at", "-pk")[:20]
    context = {
        **admin.site.each_context(request),
        "title": _("Accoglienza all'ingresso"),
        "events": events,
    }
    return TemplateResponse(request, "events/staff/checkin_events.html", context)


@can_check_in
def checkin(request, event_id):
    event, people = _event_and_people(event_id)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        needle = query.casefold()
        people = [person for person in people if needle in person.name.casefold()]
    context = {
        **admin.site.each_context(request),
        "title": _("Accoglienza: %(event)s") % {"event": event.title},
        "event": event,
        "people": people,
        "query": query,
        "highlight": request.GET.get("r", ""),
        "counts": _counts(event),
        "refresh_seconds": settings.STAFF_CHECKIN_REFRESH_SECONDS,
        "can_view": request.user.has_perm("events.view_registration"),
    }
    return TemplateResponse(request, "events/staff/checkin.html", context)


@can_check_in
def checkin_state(request, event_id):
    """Live counters and who is in, for checkin.js to refresh the page without reload."""
    event, people = _event_and_people(event_id)
    return JsonResponse(
        {
            "counts": _counts(event),
            "checked_in": [person.pk for person in people if person.checked_in_at],
        }
    )


@require_POST
@can_check_in
def checkin_toggle(request, event_id, registration_id):
    """Check someone in (``action=in``) or undo it (``action=out``).

    Idempotent: checking in twice keeps the first time; undoing twice is harmless. Only
    confirmed registrations can enter. Answers JSON to checkin.js, a redirect otherwise.
    """
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_id, event_id=event_id
    )
    action = request.POST.get("action")
    if action not in ("in", "out"):
        return HttpResponse(_("Azione non valida."), status=400)
    if registration.status != Status.CONFIRMED:
        return HttpResponse(_("Questa iscrizione non è confermata."), status=409)
    before = registration.checked_in_at
    # Through the service (event lock), so two phones tapping the same person at once
    # record one entry time.
    registration = services.check_in(registration=registration, undo=action == "out")
    if (before is None) != (registration.checked_in_at is None):
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[registration],
            action_flag=CHANGE,
            change_message=_("Entrata registrata") if action == "in" else _("Entrata annullata"),
        )
    if request.headers.get("Accept", "").startswith("application/json"):
        event, _people = _event_and_people(event_id)
        checked_in_at = registration.checked_in_at
        return JsonResponse(
            {
                "id": registration.pk,
                "checked_in": checked_in_at is not None,
                "checked_in_at": timezone.localtime(checked_in_at).strftime("%H:%M")
                if checked_in_at
                else "",
                "counts": _counts(event),
            }
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("admin:staff_checkin", args=[event_id])
    return redirect(f"{back}#r-{registration.pk}")


@can_view_registrations
def registration_qr_target(request, registration_id):
    """Where the QR code in the confirmation e-mail leads: the person's row on the door
    page for reception, or their record for whoever else may view it."""
    registration = get_object_or_404(Registration, pk=registration_id)
    if request.user.has_perm("events.change_registration"):
        url = reverse("admin:staff_checkin", args=[registration.event_id])
        return redirect(f"{url}?r={registration.pk}#r-{registration.pk}")
    return redirect("admin:events_registration_change", registration.pk)


@can_view_registrations
def attendee_list(request, event_id):
    """A printable list of confirmed attendees sorted by surname, with a tick box."""
    event, people = _event_and_people(event_id)
    context = {
        **admin.site.each_context(request),
        "title": _("Elenco dei partecipanti"),
        "event": event,
        "people": people,
        "counts": _counts(event),
        "printed_at": timezone.localtime(),
    }
    return TemplateResponse(request, "events/staff/attendee_list.html", context)


@can_view_registrations
def export_registrations(request, event_id, fmt):
    """The event's registrations (cancelled ones left out) as CSV or XLSX."""
    if fmt not in exports.FORMATS:
        raise Http404
    event = get_object_or_404(Event, pk=event_id)
    registrations = event.registrations.exclude(status=Status.CANCELLED)
    return exports.export_response(registrations, fmt, user=request.user, name=event.slug)


# --- Preview -------------------------------------------------------------------------


@permission_required("events.view_event", raise_exception=True)
def preview_event(request, pk):
    """The public event page of a draft (an unlisted one as its key holders see it)."""
    event = get_object_or_404(Event, pk=pk)
    if event.visibility == Event.Visibility.UNLISTED:
        request.GET = request.GET.copy()
        request.GET["chiave"] = event.access_key
    return render_as_published(request, event, event_detail, slug=event.slug)
