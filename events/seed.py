"""The two real events of January 2020 (../shared/data/tsf_facts.json, `events`).

Nothing is invented: capacity, agenda and speakers are unknown, so they stay empty
for staff to fill in. ``demo=True`` moves both to the next 23/24 January and opens
registration, so the flow can be tried; the site then shows a demo-dates notice.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from .models import Event

ROME = ZoneInfo("Europe/Rome")

EVENTS = [
    {
        "slug": "presentazione-primi-risultati",
        "day": (1, 23),
        "year": 2020,
        "hours": (time(16, 0), time(20, 0)),
        "title": "Torino Social Factory: i progetti si raccontano alla città",
        "summary": (
            "La presentazione pubblica dei primi risultati dei quindici progetti finanziati "
            "e delle politiche della Città per l'innovazione sociale."
        ),
        "description": (
            "<p>Un pomeriggio per conoscere da vicino i quindici progetti di innovazione sociale "
            "finanziati da Torino Social Factory, raccontati dalle organizzazioni che li "
            "realizzano nei quartieri della città.</p>"
            "<p>L'incontro è aperto alla cittadinanza e ai rappresentanti delle Città "
            "metropolitane del PON Metro.</p>"
        ),
        "venue_name": "Triciclo / Glocal Factory",
        "address": "via Regaldi 7/11, Torino",
        "visibility": Event.Visibility.PUBLIC,
    },
    {
        "slug": "workshop-inclusione-sociale",
        "day": (1, 24),
        "year": 2020,
        "hours": (time(9, 0), time(13, 0)),
        "title": "Workshop del gruppo di lavoro sull'inclusione sociale",
        "summary": (
            "Confronto tra le Città metropolitane del PON Metro sull'inclusione attraverso "
            "l'innovazione sociale, promosso dall'Agenzia per la Coesione Territoriale."
        ),
        "description": (
            "<p>Incontro di lavoro per le Città metropolitane invitate dall'Agenzia per la "
            "Coesione Territoriale, organizzato con la Città di Torino.</p>"
        ),
        "venue_name": "Nuvola Lavazza",
        "address": "via Bologna 32, Torino",
        "visibility": Event.Visibility.UNLISTED,
    },
]


# The English twins, by slug: written from the same facts, filled only where empty.
# The venues are names and stay as they are.
EVENTS_EN = {
    "presentazione-primi-risultati": {
        "title_en": "Torino Social Factory: the projects present themselves to the city",
        "summary_en": (
            "The public presentation of the first results of the fifteen funded projects "
            "and of the City's social innovation policies."
        ),
        "description_en": (
            "<p>An afternoon to get to know the fifteen social innovation projects funded by "
            "Torino Social Factory, presented by the organisations that run them in the "
            "city's neighbourhoods.</p>"
            "<p>The meeting is open to the public and to representatives of the PON Metro "
            "metropolitan cities.</p>"
        ),
        "venue_name_en": "Triciclo / Glocal Factory",
    },
    "workshop-inclusione-sociale": {
        "title_en": "Workshop of the social inclusion working group",
        "summary_en": (
            "The PON Metro metropolitan cities compare notes on inclusion through social "
            "innovation, promoted by the Agenzia per la Coesione Territoriale."
        ),
        "description_en": (
            "<p>A working meeting for the metropolitan cities invited by the Agenzia per la "
            "Coesione Territoriale, organised with the City of Turin.</p>"
        ),
        "venue_name_en": "Nuvola Lavazza",
    },
}


def fill_english(apps=None):
    """Give the seeded events their English twin where a field is still empty.

    Staff's English is never replaced, and a field whose Italian text staff removed
    stays empty. ``apps``: the historical registry when a data migration calls this.
    """
    if apps is None:
        from django.apps import apps
    changed = 0
    for event in apps.get_model("events", "Event").objects.filter(slug__in=EVENTS_EN):
        fields = [
            field
            for field, value in EVENTS_EN[event.slug].items()
            if (getattr(event, field.removesuffix("_en")) or "").strip()
            and not (getattr(event, field) or "").strip()
        ]
        for field in fields:
            setattr(event, field, EVENTS_EN[event.slug][field])
        if fields:
            event.save(update_fields=[*fields, "updated_at"])
            changed += 1
    return changed


def _next_year_for(month, day, today):
    year = today.year
    return year if date(year, month, day) >= today else year + 1


def load(*, demo=False, stdout=None):
    today = timezone.localdate()
    demo_year = _next_year_for(1, 23, today)
    created = 0
    for spec in EVENTS:
        month, day = spec["day"]
        year = demo_year if demo else spec["year"]
        if demo and spec["day"] == (1, 24):
            year = demo_year  # the workshop stays the day after the presentation
        start, end = spec["hours"]
        starts_at = datetime.combine(date(year, month, day), start, tzinfo=ROME)
        ends_at = datetime.combine(date(year, month, day), end, tzinfo=ROME)
        fields = {k: v for k, v in spec.items() if k not in {"slug", "day", "year", "hours"}}
        event, was_created = Event.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                **fields,
                **EVENTS_EN[spec["slug"]],
                "starts_at": starts_at,
                "ends_at": ends_at,
                "is_published": True,
            },
        )
        created += was_created
        if demo:
            event.starts_at, event.ends_at = starts_at, ends_at
            event.registration_opens_at = timezone.now() - timedelta(minutes=1)
            event.registration_closes_at = starts_at - timedelta(hours=2)
            event.save()
    translated = fill_english()
    if stdout:
        stdout.write(
            f"Eventi: {created} creati, {len(EVENTS) - created} già presenti, "
            f"{translated} completati in inglese."
        )
    return created
