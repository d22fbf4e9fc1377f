"""Calendar files (RFC 5545) for an event and the "add to calendar" links.

One stable UID per event, so every file a person receives updates the same entry.
Times are written in Europe/Rome with a VTIMEZONE (RFC 5545 3.2.19): every client
shows 16:00 in Rome whatever the zone of the device. The file an attendee gets with
the cancellation is METHOD:CANCEL (RFC 5546) with a higher SEQUENCE, which removes
the entry instead of adding it again.
"""

from datetime import UTC
from email.utils import parseaddr
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress
from icalendar import Event as CalendarEvent

from torino_social_factory.common.i18n import text_in_language

ROME = ZoneInfo("Europe/Rome")


def event_uid(event):
    return f"tsf-event-{event.pk}@{settings.SITE_URL.split('://')[-1].split('/')[0]}"


def _organizer_address():
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@localhost"


def calendar_sequence(registration, *, cancelled=False):
    """SEQUENCE for one attendee's copy: each cancellation of this address for this
    event counts up, so a later re-registration's PUBLISH again outranks the CANCEL."""
    previous = registration.event.registrations.filter(
        email=registration.email, status="cancelled"
    ).count()
    # The cancelled registration itself counts once it is cancelled.
    return 2 * previous - 1 if cancelled else 2 * previous


def _text(event, field, language):
    # One line: a title typed with a line break stays a title.
    return " ".join(text_in_language(event, field, language).split())


def ics_bytes(event, *, language=None, method="PUBLISH", sequence=0, attendee=None):
    language = language or settings.LANGUAGE_CODE
    calendar = Calendar()
    calendar.add("prodid", "-//Città di Torino//Torino Social Factory//IT")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    entry = CalendarEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", timezone.now() if method == "CANCEL" else event.updated_at)
    entry.add("sequence", max(sequence, 0))
    entry.add("dtstart", event.starts_at.astimezone(ROME))
    entry.add("dtend", event.ends_at.astimezone(ROME))
    entry.add("summary", _text(event, "title", language))
    entry.add("location", f"{_text(event, 'venue_name', language)}, {event.address}")
    description = _text(event, "summary", language)
    if description:
        entry.add("description", description)
    entry.add("url", settings.SITE_URL + event.get_absolute_url())
    organizer = vCalAddress(f"mailto:{_organizer_address()}")
    organizer.params["cn"] = "Torino Social Factory"
    entry.add("organizer", organizer)
    if method == "CANCEL":
        entry.add("status", "CANCELLED")
        if attendee:
            entry.add("attendee", vCalAddress(f"mailto:{attendee}"))
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_links(event, language=None):
    """Google and Outlook "add" links (opened by the visitor, never fetched by us)."""
    language = language or settings.LANGUAGE_CODE
    title = _text(event, "title", language)
    location = f"{_text(event, 'venue_name', language)}, {event.address}"
    details = _text(event, "summary", language)
    url = settings.SITE_URL + event.get_absolute_url()
    utc = "%Y%m%dT%H%M%SZ"
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{event.starts_at.astimezone(UTC):{utc}}/{event.ends_at.astimezone(UTC):{utc}}",
            "details": f"{details}\n{url}".strip(),
            "location": location,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": title,
            "startdt": event.starts_at.astimezone(ROME).isoformat(),
            "enddt": event.ends_at.astimezone(ROME).isoformat(),
            "body": f"{details}\n{url}".strip(),
            "location": location,
        }
    )
    return {"google": google, "outlook": outlook}
