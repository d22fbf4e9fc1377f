from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Organisation, Project, latest_public_change


class CatalogueSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["projects:list", "projects:organisation_list", "projects:map"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return latest_public_change()


class ProjectSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Project.objects.published().order_by("pk")

    def lastmod(self, project):
        return project.updated_at


class OrganisationSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Organisation.objects.public().order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at


SITEMAPS = {
    "catalogue": CatalogueSitemap,
    "projects": ProjectSitemap,
    "organisations": OrganisationSitemap,
}
