"""The POST bodies of the events forms, as a browser would send them."""

import secrets

from django.core import signing
from django.utils import timezone

from events.forms import STARTED_SALT


def started_token(started_at=0):
    """A form start as the page hands it out: the time it was opened and a one-time
    nonce (each token is good for one submission)."""
    return signing.dumps({"t": started_at, "n": secrets.token_urlsafe(12)}, salt=STARTED_SALT)


def registration_data(**fields):
    """A valid registration form; a field given as None is left out."""
    data = {
        "name": "Maria Rossi",
        "email": "maria@example.org",
        "privacy": "on",
        "website": "",  # the honeypot, left empty as a person leaves it
        # Opened long ago: tests that mean it switch the too-fast check off themselves.
        "started": started_token(),
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def event_change_data(event, **overrides):
    """The POST body of the event change form, unchanged except for ``overrides``."""

    def split(value):
        if value is None:
            return "", ""
        local = timezone.localtime(value)
        return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")

    data = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "description": event.description,
        "visibility": event.visibility,
        "access_key": event.access_key,
        "venue_name": event.venue_name,
        "address": event.address,
        "latitude": "",
        "longitude": "",
        "capacity": "" if event.capacity is None else str(event.capacity),
        "title_en": "",
        "summary_en": "",
        "description_en": "",
        "venue_name_en": "",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
    }
    for flag in ("is_published", "registration_enabled", "waitlist_enabled", "captcha_enabled"):
        if getattr(event, flag):
            data[flag] = "on"
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        data[f"{name}_0"], data[f"{name}_1"] = split(getattr(event, name))
    data.update(overrides)
    return data
