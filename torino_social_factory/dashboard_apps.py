"""Dashboard sections that read the catalogue and events apps.

Each provider returns a dict merged into the dashboard context, or {} when the user may
not see it or the app has no such model yet. One or two queries each, never per row.
"""

from datetime import timedelta

from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone


def _model(app_label, name):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def next_event(user):
    Event = _model("events", "Event")
    if Event is None or not user.has_perm("events.view_event"):
        return {}
    from .staff_views import with_staff_counts

    # An event stays "next" until the end of its day, so the door sees it while it runs.
    since = timezone.now() - timedelta(hours=12)
    event = (
        with_staff_counts(Event.objects.filter(starts_at__gte=since))
        .order_by("starts_at", "pk")
        .first()
    )
    return {
        "next_event_shown": True,
        "next_event": event,
        "can_check_in": user.has_perm("events.change_registration"),
        "can_view_registrations": user.has_perm("events.view_registration"),
    }


def outbox(user):
    Outbox = _model("events", "OutboxMessage")
    if Outbox is None or not user.has_perm("events.view_outboxmessage"):
        return {}
    from django.db.models import Count, Q

    status = Outbox._meta.get_field("status")
    choices = {value for value, _label in status.choices or []}
    failed = {"failed"} & choices
    waiting = {"pending", "queued", "waiting"} & choices
    counts = Outbox.objects.aggregate(
        waiting=Count("pk", filter=Q(status__in=waiting)),
        failed=Count("pk", filter=Q(status__in=failed)),
    )
    return {"outbox": {**counts, "url": reverse("admin:events_outboxmessage_changelist")}}


def drafts(user):
    rows = []
    for app_label, name, title_field, preview in (
        ("projects", "Project", "title", "admin:staff_preview_project"),
        ("events", "Event", "title", "admin:staff_preview_event"),
    ):
        model = _model(app_label, name)
        if (
            model is None
            or not admin.site.is_registered(model)
            or not user.has_perm(f"{app_label}.change_{name.lower()}")
        ):
            continue
        for pk, title in (
            model.objects.filter(is_published=False)
            .order_by("-pk")
            .values_list("pk", title_field)[:10]
        ):
            rows.append(
                {
                    "title": title,
                    "kind": model._meta.verbose_name,
                    "change_url": reverse(f"admin:{app_label}_{name.lower()}_change", args=[pk]),
                    "preview_url": reverse(preview, args=[pk]),
                }
            )
    if not rows and _model("projects", "Project") is None and _model("events", "Event") is None:
        return {}
    return {"drafts": rows}


SECTIONS = [("next_event", next_event), ("outbox", outbox), ("drafts", drafts)]
