from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.sitemaps import SITEMAPS as EVENT_SITEMAPS
from projects.models import latest_public_change
from projects.sitemaps import SITEMAPS as PROJECT_SITEMAPS

from .models import Page


class HomeSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 1.0

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class OpenDataSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["open_data"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return latest_public_change()


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return Page.objects.all()

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "home": HomeSitemap,
    "pages": PageSitemap,
    "open_data": OpenDataSitemap,
    **PROJECT_SITEMAPS,
    **EVENT_SITEMAPS,
}
