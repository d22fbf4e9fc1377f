from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """django.contrib.admin with our AdminSite as the default ``admin.site``.

    Swapping the default site (instead of instantiating a second one) keeps every
    ``@admin.register`` in the apps working unchanged: they register on our site, which
    adds the dashboard, previews, the door check-in, exports and the rich-text widget.
    """

    default_site = "torino_social_factory.admin_site.StaffAdminSite"

    def ready(self):
        super().ready()  # autodiscover: every app's admin.py registers first
        from . import admin_catalogue

        admin_catalogue.register_missing(self.module.site)
