from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The project package is also the app that owns site-wide content:
    editable pages, site settings and page feedback."""

    name = "torino_social_factory"
    verbose_name = _("Sito")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save

        from . import checks, page_cache  # noqa: F401 - checks registers the system checks
        from .common.richtext import sanitise_rich_text_fields

        pre_save.connect(sanitise_rich_text_fields, dispatch_uid="sanitise-rich-text")
        page_cache.connect()


class StaffAdminConfig(AdminConfig):
    """django.contrib.admin with our AdminSite as the default ``admin.site``.

    Swapping the default site (instead of instantiating a second one) keeps every
    ``@admin.register`` in the apps working unchanged: they register on our site, which
    adds the dashboard and the apps' staff pages (the door, exports, previews).
    """

    default_site = "torino_social_factory.admin_site.StaffAdminSite"
