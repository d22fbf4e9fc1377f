"""The 403 page: inside the admin, a page in the admin's frame that says which role may
do what was refused; elsewhere Django's plain answer (public pages never refuse a
visitor with a 403 of their own).

Which permission was needed: the staff pages name it on the request
(common.admin.permission_needed); for the admin's own model pages it follows from the
URL name ("events_registration_change") and the method.
"""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views import defaults

from .roles import ROLES

ADMIN_ACTIONS = {"add": "add", "delete": "delete", "history": "view", "changelist": "view"}


def _needed_permission(request):
    needed = getattr(request, "needed_permission", None)
    if needed:
        return needed
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.namespace != "admin" or not match.url_name:
        return None
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if match.url_name.startswith(prefix):
            view = match.url_name.removeprefix(prefix)
            action = ADMIN_ACTIONS.get(view)
            if view == "change":
                action = "view" if request.method in ("GET", "HEAD") else "change"
            if view == "changelist" and request.method == "POST":
                action = "change"
            return f"{model._meta.app_label}.{action}_{model._meta.model_name}" if action else None
    return None


def permission_denied(request, exception=None):
    user = getattr(request, "user", None)
    if not (request.path_info.startswith("/admin/") and user and user.is_active and user.is_staff):
        return defaults.permission_denied(request, exception)
    needed = _needed_permission(request)
    roles = [role for role, permissions in ROLES.items() if needed and needed in permissions]
    context = {
        **admin.site.each_context(request),
        "title": _("Non hai il permesso di aprire questa pagina"),
        "roles": roles,
        "your_roles": list(user.groups.values_list("name", flat=True)),
    }
    response = TemplateResponse(request, "admin/403.html", context, status=403)
    response.render()
    return response
