"""Calendar files (RFC 5545) for an event: one stable UID per event, METHOD:PUBLISH."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent


def event_uid(event):
    return f"tsf-event-{event.pk}@{settings.SITE_URL.split('://')[-1].split('/')[0]}"


def ics_bytes(event, title=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Città di Torino//Torino Social Factory//IT")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", event.updated_at or timezone.now())
    entry.add("dtstart", timezone.localtime(event.starts_at))
    entry.add("dtend", timezone.localtime(event.ends_at))
    entry.add("summary", title or event.title)
    entry.add("location", f"{event.venue_name}, {event.address}")
    if event.summary:
        entry.add("description", event.summary)
    entry.add("url", settings.SITE_URL + event.get_absolute_url())
    calendar.add_component(entry)
    return calendar.to_ical()
