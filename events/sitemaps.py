from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Event


class EventListSitemap(Sitemap):
    """The list of events (/eventi/) itself."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["events:list"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return Event.objects.listed().aggregate(latest=Max("updated_at"))["latest"]


class EventSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        # Unlisted events (reachable only with their secret link) never appear here.
        return Event.objects.listed().order_by("starts_at", "pk")

    def lastmod(self, event):
        return event.updated_at


SITEMAPS = {"event_list": EventListSitemap, "events": EventSitemap}
