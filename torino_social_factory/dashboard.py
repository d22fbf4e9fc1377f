"""The dashboard on the admin index: what needs the staff's attention today.

Each section is shown only to those who may see its data, and each one costs a fixed
number of queries whatever the number of rows (pinned in the dashboard tests).
"""

from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from events.models import Event, OutboxMessage
from projects.models import Project

from .models import PageFeedback

LATEST_CHANGES = 10
LATEST_FEEDBACK = 5
DRAFTS = 10


def dashboard(request):
    user = request.user
    sections = {"latest_changes": latest_changes(user)}
    if user.has_perm("torino_social_factory.view_pagefeedback"):
        sections["feedback"] = feedback_summary()
    if user.has_perm("events.view_event"):
        sections.update(next_event(user))
    if user.has_perm("events.view_outboxmessage"):
        sections["outbox"] = outbox_summary()
    drafts = draft_rows(user)
    if drafts is not None:
        sections["drafts"] = drafts
    return sections


def visible_content_types(user):
    """A filter on LogEntry for the kinds of objects the user may view: the history
    must not show an editor the names of people who registered (a LogEntry keeps each
    object's name). ``None`` means everything (superusers)."""
    if user.is_superuser:
        return None
    pairs = set()
    for perm in user.get_all_permissions():
        app_label, codename = perm.split(".", 1)
        action, _sep, model = codename.partition("_")
        if action in {"view", "change"}:
            pairs.add((app_label, model))
    condition = Q(pk__in=[])
    for app_label, model in sorted(pairs):
        condition |= Q(content_type__app_label=app_label, content_type__model=model)
    return condition


def latest_changes(user):
    entries = LogEntry.objects.select_related("content_type", "user").order_by("-action_time")
    condition = visible_content_types(user)
    if condition is not None:
        entries = entries.filter(condition)
    return list(entries[:LATEST_CHANGES])


def feedback_summary():
    week_ago = timezone.now() - timedelta(days=7)
    counts = PageFeedback.objects.aggregate(
        total=Count("pk"),
        useful_count=Count("pk", filter=Q(useful=True)),
        not_useful_count=Count("pk", filter=Q(useful=False)),
        last_week=Count("pk", filter=Q(created_at__gte=week_ago)),
    )
    latest = list(
        PageFeedback.objects.exclude(comment="").order_by("-created_at")[:LATEST_FEEDBACK]
    )
    return {**counts, "latest": latest}


def next_event(user):
    # An event stays "next" until the end of its day, so the door sees it while it runs.
    since = timezone.now() - timedelta(hours=12)
    event = (
        Event.objects.filter(starts_at__gte=since).with_counts().order_by("starts_at", "pk").first()
    )
    return {
        "next_event_shown": True,
        "next_event": event,
        "can_check_in": user.has_perm("events.change_registration"),
        "can_view_registrations": user.has_perm("events.view_registration"),
    }


def outbox_summary():
    Status = OutboxMessage.Status
    counts = OutboxMessage.objects.aggregate(
        waiting=Count("pk", filter=Q(status=Status.PENDING)),
        failed=Count("pk", filter=Q(status=Status.FAILED)),
    )
    return {**counts, "url": reverse("admin:events_outboxmessage_changelist")}


def draft_rows(user):
    """Unpublished projects and events the user may edit, or None if they may edit none."""
    kinds = [
        (Project, "admin:projects_project_change", "admin:staff_preview_project"),
        (Event, "admin:events_event_change", "admin:staff_preview_event"),
    ]
    kinds = [
        kind
        for kind in kinds
        if user.has_perm(f"{kind[0]._meta.app_label}.change_{kind[0]._meta.model_name}")
    ]
    if not kinds:
        return None
    rows = []
    for model, change_url, preview_url in kinds:
        for pk, title in (
            model.objects.filter(is_published=False)
            .order_by("-pk")
            .values_list("pk", "title")[:DRAFTS]
        ):
            rows.append(
                {
                    "title": title,
                    "kind": model._meta.verbose_name,
                    "change_url": reverse(change_url, args=[pk]),
                    "preview_url": reverse(preview_url, args=[pk]),
                }
            )
    return rows
