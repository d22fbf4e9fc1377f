"""When did the public content last change? Shown as "Ultimo aggiornamento"."""

from django.core.cache import cache
from django.db.models import Max

CACHE_KEY = "site-last-updated"


def site_last_updated():
    value = cache.get(CACHE_KEY)
    if value is None:
        from .models import Page, SiteSettings

        candidates = [
            Page.objects.aggregate(latest=Max("updated_at"))["latest"],
            SiteSettings.objects.aggregate(latest=Max("updated_at"))["latest"],
        ]
        candidates += _app_candidates()
        value = max((c for c in candidates if c), default=None)
        cache.set(CACHE_KEY, value, 60)
    return value


def _app_candidates():
    """The latest change of each app's public content."""
    from events.models import latest_public_change as latest_event_change
    from projects.models import latest_public_change as latest_project_change

    return [latest_project_change(), latest_event_change()]


def forget():
    cache.delete(CACHE_KEY)
