"""The dashboard on the admin index: what needs the staff's attention today.

Each section is shown only to those who may see its data, and each one costs a fixed
number of queries whatever the number of rows (pinned in tests/test_staff_dashboard.py).
"""

from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.db.models import Count, Q
from django.utils import timezone

from .models import PageFeedback

LATEST_CHANGES = 10
LATEST_FEEDBACK = 5
DRAFTS = 10


def dashboard(request):
    user = request.user
    sections = {}
    sections["latest_changes"] = latest_changes(user)
    if user.has_perm("torino_social_factory.view_pagefeedback"):
        sections["feedback"] = feedback_summary()
    for _name, provider in _app_sections():
        sections.update(provider(user))
    return sections


def _app_sections():
    from . import dashboard_apps

    return dashboard_apps.SECTIONS


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
