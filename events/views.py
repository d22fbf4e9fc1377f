"""Public event pages, registration, the registrant's own page and the lost link.

Views stay thin: reads through Event's QuerySet, writes through services.py.
The list and detail pages never touch the CSRF token, so they set no cookie.
"""

import hmac
import re

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, RejectRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from torino_social_factory.common.i18n import current_language, inline_in_language, text_in_language
from torino_social_factory.common.ratelimit import over_limit

from . import services
from .calendar import ics_bytes
from .forms import LostLinkForm, RegistrationForm
from .models import Event

RESULT_SALT = "events.registration-result"


def _visible_event(request, slug):
    """A published event; an unlisted one only with its secret key (else 404)."""
    event = get_object_or_404(Event.objects.published().with_counts(), slug=slug)
    if event.visibility == Event.Visibility.UNLISTED:
        key = request.GET.get("chiave", "")
        if not hmac.compare_digest(key.encode(), event.access_key.encode()):
            raise Http404
    return event


def _event_context(event):
    confirmed = event.confirmed_count
    places_left = None if event.capacity is None else max(event.capacity - confirmed, 0)
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


@require_GET
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


@require_GET
def event_detail(request, slug):
    event = _visible_event(request, slug)
    context = _event_context(event)
    context["agenda"] = event.agenda.all()
    context["breadcrumbs"] = [
        (_("Eventi"), reverse("events:list")),
        (inline_in_language(event, "title"), None),
    ]
    context["json_ld"] = _json_ld(event)
    context.update(_venue_map(event))
    return render(request, "events/event_detail.html", context)


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


def _json_ld(event):
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
        "organizer": {"@type": "GovernmentOrganization", "name": _("Città di Torino")},
        "funder": {"@type": "Organization", "name": _("Unione europea – Fondo sociale europeo")},
    }
    return data


@require_GET
def event_ics(request, slug):
    event = _visible_event(request, slug)
    response = HttpResponse(ics_bytes(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _rate_limited(request, form, scope):
    """Over the limit: the form keeps what was typed and says why it was refused."""
    if not over_limit(request, f"events-{scope}", settings.EVENTS_RATE_LIMIT):
        return False
    form.is_valid()
    form.add_error(None, _("Troppi tentativi dal tuo collegamento. Riprova tra un'ora."))
    return True


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, slug):
    event = _visible_event(request, slug)
    context = _event_context(event)
    context["breadcrumbs"] = [
        (_("Eventi"), reverse("events:list")),
        (inline_in_language(event, "title"), event.get_absolute_url()),
        (_("Iscrizione"), None),
    ]
    if context["registration_state"] not in {"open"}:
        return render(
            request, "events/register.html", context, status=200 if request.method == "GET" else 409
        )

    form = RegistrationForm(request.POST or None, captcha=event.captcha_enabled)
    status = 200
    if request.method == "POST":
        if _rate_limited(request, form, "register"):
            status = 429
        elif form.is_valid():
            if form.is_bot:
                return redirect("events:registration_sent", slug=event.slug)
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
                    language=get_language(),
                )
            except services.RegistrationClosed:
                form.add_error(
                    None,
                    _(
                        "Le iscrizioni si sono chiuse o i posti sono finiti mentre compilavi il modulo."
                    ),
                )
                status = 409
            else:
                # The answer as decided under the lock; for a repeated address it is
                # what a new registration would have got (no enumeration).
                result = signing.dumps(
                    [event.pk, outcome.public_status, outcome.position], salt=RESULT_SALT
                )
                url = reverse(
                    "events:registration_result", kwargs={"slug": event.slug, "result": result}
                )
                return redirect(url)
        else:
            status = 400
    context["form"] = form
    return render(request, "events/register.html", context, status=status)


@never_cache
@require_GET
def registration_result(request, slug, result):
    """After the POST: confirmed or waitlisted, and the place in the queue. The same
    page answers a repeated address, so nobody learns whether it was registered."""
    try:
        event_pk, status, position = signing.loads(result, salt=RESULT_SALT, max_age=3600)
    except (signing.BadSignature, TypeError, ValueError):
        raise Http404 from None
    event = get_object_or_404(Event, pk=event_pk, slug=slug)
    response = render(
        request,
        "events/registration_result.html",
        {"event": event, "status": status, "position": position, "active_section": "events"},
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_GET
def registration_sent(request, slug):
    """What a bot caught by the honeypot sees: a plausible, empty answer."""
    event = _visible_event(request, slug)
    return render(request, "events/registration_result.html", {"event": event, "status": None})


def _registration_or_404(token):
    registration = services.find_registration(token)
    if registration is None:
        raise Http404
    return registration


@never_cache
@require_GET
def registration_page(request, token):
    registration = _registration_or_404(token)
    services.mark_email_verified(registration)
    response = render(
        request,
        "events/registration_page.html",
        {
            "registration": registration,
            "event": registration.event,
            "token": token,
            "position": registration.queue_position(),
            "active_section": "events",
        },
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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


@csrf_exempt
@require_POST
def cancel_registration(request, token):
    registration = _registration_or_404(token)
    if not _csrf_token_check.verify(request):
        return import_string(settings.CSRF_FAILURE_VIEW)(
            request, reason="CSRF token missing or incorrect."
        )
    services.cancel(registration=registration, token=token)
    return redirect("events:registration", token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def lost_link(request):
    form = LostLinkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _rate_limited(request, form, "lost-link"):
            status = 429
        elif form.is_valid():
            if not form.is_bot:
                services.issue_new_links(email=form.cleaned_data["email"])
            # The same answer whether or not the address is registered.
            return render(request, "events/lost_link_sent.html", {"active_section": "events"})
        else:
            status = 400
    return render(
        request,
        "events/lost_link.html",
        {
            "form": form,
            "active_section": "events",
            "breadcrumbs": [(_("Hai perso il link?"), None)],
        },
        status=status,
    )
