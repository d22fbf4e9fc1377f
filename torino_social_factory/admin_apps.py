from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """django.contrib.admin with our AdminSite as the default ``admin.site``.

    Swapping the default site (instead of instantiating a second one) keeps every
    ``@admin.register`` in the apps working unchanged: they register on our site, which
    adds the dashboard, previews, the door check-in, exports and the rich-text widget.
    """

    default_site = "torino_social_factory.admin_site.StaffAdminSite"

    def ready(self):
        super().ready()
        from . import staff_signals

        staff_signals.connect()
