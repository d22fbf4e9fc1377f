"""The events' staff pages, served inside the admin: the door, the printable list, the
QR code's target, the exports and the preview of a draft event.

``urls(site)`` wraps each view in ``site.admin_view`` (staff login, never cached,
CSRF); each view then asks for the model permission it needs, so a role that may not
see personal data (Redazione) gets a 403 on the door, the list and the exports.
"""

from datetime import UTC, datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from torino_social_factory.common.admin import render_as_published

from . import exports, services
from .models import Event, Registration
from .views import event_detail

Status = Registration.Status
can_check_in = permission_required("events.change_registration", raise_exception=True)
can_add_at_the_door = permission_required("events.add_registration", raise_exception=True)
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
        path("accoglienza/<int:event_id>/aggiungi/", staff(walk_in), name="staff_checkin_walk_in"),
        # The QR code's target: not behind the admin login, because whoever scans a code
        # (the attendee, a passer-by) gets a page that says nothing about anybody.
        path("accoglienza/ingresso/<str:code>/", door_card, name="staff_door_card"),
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


def _door_people(event):
    """Everyone of the event the door may meet: the confirmed first, then those waiting
    and those who cancelled (shown only when searched for), by surname."""
    order = {Status.CONFIRMED: 0, Status.WAITLISTED: 1, Status.CANCELLED: 2}
    people = (
        Registration.objects.filter(event=event, anonymised_at__isnull=True)
        .select_related("checked_in_by")
        .only(
            "pk", "name", "search_name", "organisation", "checked_in_at", "status",
            "event_id", "walk_in", "checked_in_by__username", "checked_in_by__first_name",
            "checked_in_by__last_name",
        )
    )  # fmt: skip
    return sorted(people, key=lambda r: (order.get(r.status, 9), exports.surname_key(r.name), r.pk))


def _counts(event):
    over = 0
    if event.capacity is not None:
        over = max(0, event.confirmed_count - event.capacity)
    return {
        "confirmed": event.confirmed_count,
        "waitlisted": event.waitlisted_count,
        "checked_in": event.checked_in_count,
        "capacity": event.capacity,
        "over_capacity": over,
    }


def _staff_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _hour(moment):
    return timezone.localtime(moment).strftime("%H:%M") if moment else ""


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


class WalkInForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nome e cognome"),
        max_length=120,
        error_messages={"required": gettext_lazy("Scrivi il nome e il cognome.")},
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail (facoltativa)"),
        required=False,
        max_length=254,
        error_messages={"invalid": gettext_lazy("Questo indirizzo e-mail non è valido.")},
    )
    over_capacity = forms.BooleanField(
        label=gettext_lazy("Fai entrare anche oltre i posti disponibili"), required=False
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Scrivi il nome e il cognome."))
        return name


def _door_page(request, event_id, *, walk_in_form=None, status=200):
    event = get_object_or_404(Event.objects.with_counts(), pk=event_id)
    query = request.GET.get("q", "").strip()[:100]
    people = _door_people(event)
    if query:
        found = set(
            Registration.objects.filter(event=event).search(query).values_list("pk", flat=True)
        )
        people = [person for person in people if person.pk in found]
    counts = _counts(event)
    full = event.capacity is not None and counts["confirmed"] >= event.capacity
    context = {
        **admin.site.each_context(request),
        "title": _("Accoglienza: %(event)s") % {"event": event.title},
        "event": event,
        "people": people,
        "query": query,
        "highlight": request.GET.get("r", ""),
        "counts": counts,
        "full": full,
        "walk_in_form": walk_in_form or WalkInForm(),
        "walk_in_open": walk_in_form is not None,
        "refresh_seconds": settings.STAFF_CHECKIN_REFRESH_SECONDS,
        "can_view": request.user.has_perm("events.view_registration"),
        "can_add": request.user.has_perm("events.add_registration"),
    }
    response = TemplateResponse(request, "events/staff/checkin.html", context, status=status)
    # "Scansiona" needs this page's own camera; every other page keeps it off.
    response["Permissions-Policy"] = settings.PERMISSIONS_POLICY.replace(
        "camera=()", "camera=(self)"
    )
    return response


@can_check_in
def checkin(request, event_id):
    return _door_page(request, event_id)


@can_check_in
def checkin_state(request, event_id):
    """Live counters and who is in, for checkin.js to refresh the page without reload."""
    event, people = _event_and_people(event_id)
    return JsonResponse(
        {
            "counts": _counts(event),
            "checked_in": {
                str(person.pk): _hour(person.checked_in_at)
                for person in people
                if person.checked_in_at
            },
        }
    )


def _tap_time(value):
    """The time of a tap a phone queued while offline (milliseconds since the epoch)."""
    try:
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


@require_POST
@can_check_in
def checkin_toggle(request, event_id, registration_id):
    """Check someone in (``action=in``) or undo it (``action=out``).

    Idempotent: checking in twice keeps the first time; undoing twice is harmless. Only
    confirmed registrations can enter. A phone that was offline sends ``at``, the time
    of the tap. Answers JSON to checkin.js, a redirect otherwise.
    """
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_id, event_id=event_id
    )
    action = request.POST.get("action")
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if action not in ("in", "out"):
        return HttpResponse(_("Azione non valida."), status=400)
    if registration.status != Status.CONFIRMED:
        message = _("Questa iscrizione non è confermata.")
        if wants_json:
            return JsonResponse(
                {"id": registration.pk, "error": message, "status": registration.status},
                status=409,
            )
        return HttpResponse(message, status=409)
    # Through the service (event lock), so two phones tapping the same person at once
    # record one entry: the first that reaches the server.
    entry = services.record_entry(
        registration=registration,
        undo=action == "out",
        by=request.user,
        at=_tap_time(request.POST.get("at")),
    )
    registration = entry.registration
    if entry.changed:
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[registration],
            action_flag=CHANGE,
            change_message=_("Entrata registrata") if action == "in" else _("Entrata annullata"),
        )
    if wants_json:
        event, _people = _event_and_people(event_id)
        return JsonResponse(
            {
                "id": registration.pk,
                "checked_in": registration.checked_in_at is not None,
                "checked_in_at": _hour(registration.checked_in_at),
                "by": _staff_name(registration.checked_in_by),
                "changed": entry.changed,
                "counts": _counts(event),
            }
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("admin:staff_checkin", args=[event_id])
    if not entry.changed and action == "in":
        messages.warning(
            request,
            _("%(name)s era già entrato/a alle %(time)s.")
            % {"name": registration.name, "time": _hour(registration.checked_in_at)},
        )
    return redirect(f"{back}#r-{registration.pk}" if "#" not in back else back)


@require_POST
@can_check_in
@can_add_at_the_door
def walk_in(request, event_id):
    """Someone who arrives without a registration: name (and e-mail if they want),
    then in. Counted under the event's lock; a full event needs the explicit tick."""
    event = get_object_or_404(Event, pk=event_id)
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return _door_page(request, event_id, walk_in_form=form, status=400)
    try:
        entry = services.admit_walk_in(
            event=event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            by=request.user,
            over_capacity=form.cleaned_data["over_capacity"],
        )
    except services.EventFull:
        form.add_error(
            None,
            _(
                "I posti sono finiti. Per farla entrare lo stesso spunta «Fai entrare anche "
                "oltre i posti disponibili» e conferma."
            ),
        )
        return _door_page(request, event_id, walk_in_form=form, status=409)
    registration = entry.registration
    if entry.changed:
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[registration],
            action_flag=ADDITION if registration.walk_in else CHANGE,
            change_message=_("Aggiunta all'ingresso ed entrata registrata")
            if registration.walk_in
            else _("Entrata registrata"),
        )
        messages.success(request, _("%(name)s è entrato/a.") % {"name": registration.name})
    else:
        messages.warning(
            request,
            _("%(name)s era già entrato/a alle %(time)s.")
            % {"name": registration.name, "time": _hour(registration.checked_in_at)},
        )
    url = reverse("admin:staff_checkin", args=[event_id])
    return redirect(f"{url}?r={registration.pk}#r-{registration.pk}")


@never_cache
def door_card(request, code):
    """The QR code's page. Reception sees the person's card with one big "Fai entrare";
    anyone else (not logged in, or a role without the door) a page that names nobody,
    the same whether or not the code is valid."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("events.change_registration")):
        response = TemplateResponse(
            request,
            "events/staff/door_code.html",
            {
                **admin.site.each_context(request),
                "title": _("Codice d'ingresso"),
                "is_staff": user.is_active and user.is_staff,
            },
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    registration = Registration.objects.select_related("event", "checked_in_by").by_door_code(code)
    if registration is None:
        raise Http404
    door = request.GET.get("porta", "")
    other_event = door.isdigit() and int(door) != registration.event_id
    event = Event.objects.with_counts().get(pk=registration.event_id)
    context = {
        **admin.site.each_context(request),
        "title": _("Ingresso: %(name)s") % {"name": registration.name},
        "registration": registration,
        "event": event,
        "counts": _counts(event),
        "other_event": other_event,
        "checked_in_by": _staff_name(registration.checked_in_by),
        "is_anonymised": registration.anonymised_at is not None,
    }
    return TemplateResponse(request, "events/staff/door_card.html", context)


@can_view_registrations
def registration_qr_target(request, registration_id):
    """Where the QR codes of e-mails sent before the door card existed lead: the
    person's row on the door page for reception, or their record for whoever else may
    view it."""
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
