"""The staff's admin site: Django's admin with the city's workspace on top.

Installed as the default ``admin.site`` (apps.StaffAdminConfig), so every app's
``@admin.register`` lands here unchanged. It adds the dashboard on the index and the
staff pages each app offers in its ``staff`` module (the door, exports, previews).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events import staff as events_staff
from projects import staff as projects_staff

from .dashboard import dashboard


class StaffAdminSite(admin.AdminSite):
    site_header = _("Torino Social Factory – area riservata")
    site_title = _("Torino Social Factory")
    index_title = _("Scrivania")
    index_template = "admin/index.html"

    def get_urls(self):
        return events_staff.urls(self) + projects_staff.urls(self) + super().get_urls()

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard": dashboard(request)}
        return super().index(request, extra_context)

    def each_context(self, request):
        context = super().each_context(request)
        context["staff_links"] = staff_links(request.user)
        return context


def staff_links(user):
    """Shortcuts in the header, only those the user may open."""
    links = []
    if user.is_active and user.has_perm("events.change_registration"):
        links.append((_("Accoglienza all'ingresso"), "admin:staff_checkin_events"))
    return links
