"""Public event pages, registration, the registrant's own page and the lost link.

Views stay thin: reads through Event's QuerySet, writes through services.py.
The list and detail pages never touch the CSRF token, so they set no cookie.
"""

import base64
import hmac
import re
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import OperationalError
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, RejectRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from torino_social_factory.common import share_image, versioned
from torino_social_factory.common.i18n import current_language, inline_in_language, text_in_language
from torino_social_factory.common.ratelimit import keep, over_limit

from . import services
from .calendar import calendar_links, ics_bytes
from .emails import door_qr_png
from .forms import LostLinkForm, RegistrationForm
from .models import Event, Registration, events_with_agenda


def _visible_event(request, slug, *, counted=True):
    """A published event; an unlisted one only with its secret key (else 404)."""
    events = Event.objects.published()
    event = get_object_or_404(events.with_confirmed_count() if counted else events, slug=slug)
    if event.visibility == Event.Visibility.UNLISTED:
        key = request.GET.get("chiave", "")
        if not hmac.compare_digest(key.encode(), event.access_key.encode()):
            raise Http404
    return event


def _count_confirmed(event):
    """For an event read without its counts: the one the registration page shows."""
    if not hasattr(event, "confirmed_count"):
        event.confirmed_count = event.registrations.filter(
            status=Registration.Status.CONFIRMED
        ).count()


def _event_context(event):
    _count_confirmed(event)
    confirmed = event.confirmed_count
    places_left = None
    if event.capacity is not None and confirmed is not None:
        places_left = max(event.capacity - confirmed, 0)
    state = event.registration_state()
    if state == "open" and places_left == 0 and not event.waitlist_enabled:
        state = "full"
    return {
        "event": event,
        "places_left": places_left,
        "registration_state": state,
        "waitlist_open": state == "open" and places_left == 0,
        "last_updated": event.updated_at,
        "active_section": "events",
    }


@require_safe
def event_list(request):
    listed = Event.objects.listed().with_counts()
    now = timezone.now()
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming": listed.upcoming(now),
            "past": listed.past(now),
            "active_section": "events",
            "breadcrumbs": [(_("Eventi"), None)],
        },
    )


@require_safe
def event_detail(request, slug):
    event = _visible_event(request, slug)
    context = _event_context(event)
    with_agenda = versioned.kept(
        "events-with-agenda", events_with_agenda, version=getattr(request, "content_version", None)
    )
    context["agenda"] = list(event.agenda.all()) if event.pk in with_agenda else []
    context["breadcrumbs"] = [
        (_("Eventi"), reverse("events:list")),
        (inline_in_language(event, "title"), None),
    ]
    if event.visibility == Event.Visibility.PUBLIC:
        # An unlisted event keeps the site's picture: its own would need its key.
        context["share_image"] = share_image.generated(
            request, reverse("events:share_image", args=[event.slug]), _share_text(event)
        )
    context["json_ld"] = _json_ld(event, request.site_settings, context.get("share_image"))
    context.update(_venue_map(event))
    return render(request, "events/event_detail.html", context)


def _when_and_where(event):
    """«giovedì 23 gennaio 2025, 16:00–20:00 · Triciclo / Glocal Factory»."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    when = f"{date_format(starts, 'l j F Y')}, {time_format(starts)}–{time_format(ends)}"
    venue = text_in_language(event, "venue_name")
    return f"{when} · {venue}" if venue else when


def _share_text(event):
    return f"{text_in_language(event, 'title')}. {_when_and_where(event)}"


@require_safe
def event_share_image(request, slug):
    event = get_object_or_404(Event.objects.listed(), slug=slug)
    return share_image.response(
        request,
        text_in_language(event, "title"),
        eyebrow=_("Evento"),
        details=_when_and_where(event),
    )


def _venue_map(event):
    """The map data, only when staff entered both coordinates (we never guess them)."""
    if event.latitude is None or event.longitude is None:
        return {"map_places": []}
    # Same shape as the catalogue's places, so static/js/map.js draws both.
    return {
        "map_places": [
            {
                "lat": float(event.latitude),
                "lon": float(event.longitude),
                "name": text_in_language(event, "venue_name"),
                "address": event.address,
            }
        ],
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def _postal_address(address):
    """schema.org PostalAddress from the one address line staff write («via Regaldi 7/11,
    Torino»): the street without the city repeated, the postal code when the line has one."""
    street = re.sub(r",?\s*\(?torino\)?\s*$", "", address.strip(), flags=re.IGNORECASE)
    data = {"@type": "PostalAddress", "addressLocality": "Torino", "addressCountry": "IT"}
    postal_code = re.search(r"\b(10\d{3})\b", street)
    if postal_code:
        data["postalCode"] = postal_code.group(1)
        street = street.replace(postal_code.group(1), "").strip(" ,")
    data["streetAddress"] = street
    return data


def _organizer(site_settings):
    organizer = {
        "@type": "GovernmentOrganization",
        "name": text_in_language(site_settings, "city_name") or _("Città di Torino"),
    }
    if site_settings.city_url:
        organizer["url"] = site_settings.city_url
    return organizer


def _json_ld(event, site_settings, image=None):
    """schema.org Event (the template tag escapes it for its <script> block)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": text_in_language(event, "title"),
        "description": text_in_language(event, "summary"),
        "inLanguage": current_language(),
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": True,
        "url": settings.SITE_URL + event.get_absolute_url(),
        "location": {
            "@type": "Place",
            "name": text_in_language(event, "venue_name"),
            "address": _postal_address(event.address),
        },
        "organizer": _organizer(site_settings),
        "funder": {"@type": "Organization", "name": _("Unione europea – Fondo sociale europeo")},
    }
    if image is not None:
        data["image"] = [image.absolute_url]
    return data


@require_safe
def event_ics(request, slug):
    event = _visible_event(request, slug)
    response = HttpResponse(
        ics_bytes(event, language=current_language()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _rate_limited(request, form, scope):
    """Over the limit: the form keeps what was typed and says why it was refused."""
    if not over_limit(request, f"events-{scope}", settings.EVENTS_RATE_LIMIT):
        return False
    form.is_valid()
    form.add_error(None, _("Troppi tentativi dal tuo collegamento. Riprova tra un'ora."))
    return True


BUSY_RETRY_SECONDS = 10


def _busy(form):
    """The database is busy (SQLite's write lock held elsewhere, PostgreSQL restarting):
    the form comes back with what was typed and says to try again in a moment."""
    if form._errors is None:
        form._errors = ErrorDict()
    if not hasattr(form, "cleaned_data"):
        form.cleaned_data = {}
    form.add_error(
        None,
        _(
            "Il sito è molto occupato in questo momento e non abbiamo potuto registrare "
            "la richiesta: riprova tra poco. I dati che hai scritto sono ancora qui."
        ),
    )


def _with_retry_after(response):
    response["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    posted = request.method == "POST"
    # The service counts the places under the event's lock and a sign-up that succeeds
    # redirects: a POST reads the counts the page shows only if it shows the page.
    event = _visible_event(request, slug, counted=not posted)
    form, status = None, 200
    if posted and _open_for_registration(event):
        form = RegistrationForm(request.POST, captcha=event.captcha_enabled)
        try:
            status, redirect_to = _submit_registration(request, event, form)
        except OperationalError:
            _busy(form)
            status, redirect_to = 503, None
            _count_if_the_database_answers(event)
        if redirect_to:
            return redirect(redirect_to)
    context = _event_context(event)
    context["breadcrumbs"] = [
        (_("Eventi"), reverse("events:list")),
        (inline_in_language(event, "title"), event.get_absolute_url()),
        (_("Iscrizione"), None),
    ]
    if form is None:
        if context["registration_state"] != "open":
            return render(request, "events/register.html", context, status=409 if posted else 200)
        form = RegistrationForm(captcha=event.captcha_enabled)
    context["form"] = form
    response = render(request, "events/register.html", context, status=status)
    return _with_retry_after(response) if status == 503 else response


def _count_if_the_database_answers(event):
    """After a database error the form still comes back (503, what was typed kept); if
    the places cannot be counted either, it says only that registrations are open."""
    try:
        _count_confirmed(event)
    except OperationalError:
        event.confirmed_count = None


def _open_for_registration(event):
    """Open as the registration page says it: taking registrations and, without a
    waiting list, not full (only then are the places counted here)."""
    if event.registration_state() != "open":
        return False
    if event.capacity is None or event.waitlist_enabled:
        return True
    _count_confirmed(event)
    return event.confirmed_count < event.capacity


def _submit_registration(request, event, form):
    """(status, URL to go to) for a POST of the registration form."""
    if _rate_limited(request, form, "register"):
        return 429, None
    if not form.is_valid():
        return 400, None
    if form.is_bot:
        return 302, reverse("events:registration_sent", kwargs={"slug": event.slug})
    data = form.cleaned_data
    try:
        outcome = services.register(
            event=event,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            category=data["category"],
            accessibility_needs=data["accessibility_needs"],
            optional_consent=data["optional_consent"],
            language=current_language(),
        )
    except services.RegistrationClosed:
        form.add_error(
            None,
            _("Le iscrizioni si sono chiuse o i posti sono finiti mentre compilavi il modulo."),
        )
        return 409, None
    # The answer as decided under the lock; for a repeated address it is what a new
    # registration would have got (no enumeration). It is kept server-side for an hour
    # under a random key, so the address never travels in a URL (or a server log).
    key = secrets.token_urlsafe(16)
    keep(
        f"registration-result:{key}",
        [event.pk, str(outcome.public_status), outcome.position, data["email"].strip().lower()],
        period=RESULT_SECONDS,
    )
    return 302, reverse("events:registration_result", kwargs={"slug": event.slug, "result": key})


RESULT_SECONDS = 3600


@never_cache
@require_safe
def registration_result(request, slug, result):
    """After the POST: confirmed or waitlisted, the place in the queue, and the address
    the e-mail goes to (so a typo shows). The same page answers a repeated address, so
    nobody learns whether it was registered."""
    stored = caches["limits"].get(f"registration-result:{result[:64]}")
    if not stored:
        raise Http404
    event_pk, status, position, email = stored
    event = get_object_or_404(Event, pk=event_pk, slug=slug)
    response = render(
        request,
        "events/registration_result.html",
        {
            "event": event,
            "status": status,
            "position": position,
            "email": email,
            "active_section": "events",
        },
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
def registration_sent(request, slug):
    """What a bot caught by the honeypot sees: a plausible, empty answer."""
    event = _visible_event(request, slug)
    return render(request, "events/registration_result.html", {"event": event, "status": None})


def _link_not_found(request):
    """A revoked, replaced or mistyped personal link: a 404 that says how to get the
    right one again."""
    return render(
        request,
        "events/link_not_found.html",
        {"active_section": "events", "breadcrumbs": [(_("Link non valido"), None)]},
        status=404,
    )


def _personal(response):
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
def registration_page(request, token):
    registration = services.find_registration(token)
    if registration is None:
        return _link_not_found(request)
    try:
        services.mark_email_verified(registration)
    except OperationalError:
        pass  # busy: the page still shows; the next visit records the verification
    event = registration.event
    language = current_language()
    context = {
        "registration": registration,
        "event": event,
        "token": token,
        "position": registration.queue_position(),
        "active_section": "events",
        "new_link": request.GET.get("nuovo") == "1",
    }
    if registration.status == Registration.Status.CONFIRMED:
        context["qr_code"] = base64.b64encode(door_qr_png(registration)).decode()
    if registration.is_active:
        context["calendar_links"] = calendar_links(event, language)
    return _personal(render(request, "events/registration_page.html", context))


class _TokenOnlyCsrfCheck(CsrfViewMiddleware):
    """The personal page is sent with ``Referrer-Policy: no-referrer`` so its token
    never leaks to other sites; browsers then send ``Origin: null`` with its forms,
    which Django's Origin check rejects. Here the CSRF token (cookie + form field) is
    still required; only the Origin comparison is skipped, and the URL itself carries
    a 256-bit secret that a forging site cannot know."""

    def verify(self, request):
        try:
            self._check_token(request)
        except RejectRequest:
            return False
        return True


_csrf_token_check = _TokenOnlyCsrfCheck(lambda request: None)


def _csrf_failure(request):
    return import_string(settings.CSRF_FAILURE_VIEW)(
        request, reason="CSRF token missing or incorrect."
    )


def _busy_page(request, registration, token):
    response = render(
        request,
        "events/busy.html",
        {"back_url": reverse("events:registration", kwargs={"token": token})},
        status=503,
    )
    return _with_retry_after(_personal(response))


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_registration(request, token):
    """Two steps: the link shows what cancelling does and asks to confirm (GET); only
    the confirmation (POST with CSRF) cancels."""
    registration = services.find_registration(token)
    if registration is None:
        return _link_not_found(request)
    if request.method == "POST":
        if not _csrf_token_check.verify(request):
            return _csrf_failure(request)
        try:
            services.cancel(registration=registration)
        except OperationalError:
            return _busy_page(request, registration, token)
        return redirect("events:registration", token=token)
    if not registration.is_active or registration.event.is_over:
        return redirect("events:registration", token=token)
    context = {
        "registration": registration,
        "event": registration.event,
        "token": token,
        "active_section": "events",
    }
    return _personal(render(request, "events/cancel_confirm.html", context))


@never_cache
@csrf_exempt
@require_POST
def revoke_link(request, token):
    """A new personal link (the old one stops working at once), e-mailed and opened."""
    registration = services.find_registration(token)
    if registration is None:
        return _link_not_found(request)
    if not _csrf_token_check.verify(request):
        return _csrf_failure(request)
    try:
        new_token = services.revoke_link(registration=registration)
    except OperationalError:
        return _busy_page(request, registration, token)
    response = redirect(reverse("events:registration", kwargs={"token": new_token}) + "?nuovo=1")
    return _personal(response)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def lost_link(request):
    form = LostLinkForm(request.POST or None)
    status = 200
    context = {
        "form": form,
        "active_section": "events",
        "breadcrumbs": [(_("Hai perso il link?"), None)],
    }
    if request.method == "POST":
        try:
            if _rate_limited(request, form, "lost-link"):
                status = 429
            elif form.is_valid():
                if not form.is_bot:
                    # One row whatever the address (the sender looks it up): the same
                    # answer, in the same time, for known and unknown addresses.
                    services.request_lost_link(
                        email=form.cleaned_data["email"], language=current_language()
                    )
                return render(request, "events/lost_link_sent.html", {"active_section": "events"})
            else:
                status = 400
        except OperationalError:
            _busy(form)
            status = 503
    response = render(request, "events/lost_link.html", context, status=status)
    return _with_retry_after(response) if status == 503 else response
