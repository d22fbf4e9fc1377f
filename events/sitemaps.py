from django.contrib.sitemaps import Sitemap

from .models import Event


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


SITEMAPS = {"events": EventSitemap}
