from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The project package is also the app that owns site-wide content:
    editable pages, site settings and page feedback."""

    name = "torino_social_factory"
    verbose_name = _("Sito")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from . import cache as page_cache
        from . import freshness
        from .richtext import sanitise_rich_text_fields

        pre_save.connect(sanitise_rich_text_fields, dispatch_uid="sanitise-rich-text")

        def content_changed(sender, **kwargs):
            if sender._meta.app_label in {"torino_social_factory", "projects", "events"}:
                freshness.forget()

        post_save.connect(content_changed, dispatch_uid="freshness-save")
        post_delete.connect(content_changed, dispatch_uid="freshness-delete")
        # Every public-content change bumps the version the page cache is keyed by.
        page_cache.connect()
