"""The staff's admin site: Django's admin with the city's workspace on top.

``StaffAdminSite`` is installed as the default ``admin.site`` (see admin_apps.py), so
every app registers its models here unchanged. On top of Django's admin it adds:

- a dashboard on the index (next event, e-mails, latest changes, drafts, feedback);
- ``raise_admin``: each registered ModelAdmin (and its inlines) gets the rich-text
  editor on the model's ``RICH_TEXT_FIELDS`` and plain-words help texts where the
  model has none (admin_help.py);
- the staff pages of staff_views.py: previews, the door check-in and exports.
"""

from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import admin_help
from .widgets import RichTextarea


def alt_text_pairs(model):
    """(image field, its alt-text field) for each image of the model: ``logo`` ->
    ``logo_alt``, ``cover_image`` -> ``cover_image_alt``, ``image`` -> ``alt_text``."""
    names = {field.name for field in model._meta.get_fields()}
    pairs = []
    for field in model._meta.get_fields():
        if isinstance(field, models.ImageField):
            for alt in (f"{field.name}_alt", "alt_text" if field.name == "image" else None):
                if alt in names:
                    pairs.append((field.name, alt))
                    break
    return pairs


class AltTextRequiredForm:
    """Mixed into admin forms: an uploaded image needs its alternative text, so that
    whoever cannot see it knows what it shows (the models may not all check it)."""

    alt_text_pairs = ()

    def clean(self):
        cleaned = super().clean()
        for image, alt in self.alt_text_pairs:
            if image not in self.fields or alt not in self.fields:
                continue
            if (
                cleaned.get(image)
                and not (cleaned.get(alt) or "").strip()
                and alt not in self.errors
            ):
                self.add_error(
                    alt,
                    _(
                        "Scrivi il testo alternativo: descrive l'immagine a chi non la vede "
                        "(per esempio «Persone che seminano in un orto tra i palazzi»)."
                    ),
                )
        return cleaned


def _logged_action(func, description):
    """An admin action that also writes one history entry per selected object.

    Django records the changes made through forms, not those made by actions (cancel,
    confirm, check in, anonymise…). The objects are read again after the action, so the
    entry names them as they are now: an anonymised person is not re-named in history.
    """

    def action(modeladmin, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        response = func(modeladmin, request, queryset)
        changed = modeladmin.model._default_manager.filter(pk__in=pks)
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=list(changed),
            action_flag=CHANGE,
            change_message=str(_("Azione: %(action)s") % {"action": description}),
        )
        return response

    for attribute in ("allowed_permissions", "short_description"):
        if hasattr(func, attribute):
            setattr(action, attribute, getattr(func, attribute))
    action.__name__ = getattr(func, "__name__", "action")
    return action


class StaffAdminMixin:
    """Raises any ModelAdmin or inline: rich text widget, help texts, alt text required,
    every action recorded in the history."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name, (func, action_name, description) in list(actions.items()):
            if name == "delete_selected":  # Django logs deletions itself
                continue
            actions[name] = (_logged_action(func, description), action_name, description)
        return actions

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _with_alt_text_check(form, self.model)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _with_alt_text_check(formset.form, self.model)
        return formset

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in getattr(self.model, "RICH_TEXT_FIELDS", ()):
            kwargs["widget"] = RichTextarea
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # what staff paste without a scheme
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and not formfield.help_text:
            formfield.help_text = admin_help.help_text_for(self.model, db_field.name)
        return formfield


def _with_alt_text_check(form, model):
    pairs = alt_text_pairs(model)
    if not pairs or issubclass(form, AltTextRequiredForm):
        return form
    return type(form.__name__, (AltTextRequiredForm, form), {"alt_text_pairs": pairs})


def raise_admin(admin_class):
    """A subclass of ``admin_class`` (and of its inlines) with StaffAdminMixin first."""
    if issubclass(admin_class, StaffAdminMixin):
        return admin_class
    attrs = {"__module__": admin_class.__module__}
    inlines = getattr(admin_class, "inlines", None)
    if inlines:
        attrs["inlines"] = [raise_admin(inline) for inline in inlines]
    return type(admin_class.__name__, (StaffAdminMixin, admin_class), attrs)


class StaffAdminSite(admin.AdminSite):
    site_header = _("Torino Social Factory – area riservata")
    site_title = _("Torino Social Factory")
    index_title = _("Scrivania")
    index_template = "admin/index.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, raise_admin(admin_class or admin.ModelAdmin), **options)

    def get_urls(self):
        from . import staff_views

        staff = staff_views.urlpatterns(self)
        return staff + super().get_urls()

    def index(self, request, extra_context=None):
        from .dashboard import dashboard

        extra_context = {**(extra_context or {}), "dashboard": dashboard(request)}
        return super().index(request, extra_context)

    def each_context(self, request):
        context = super().each_context(request)
        context["staff_links"] = staff_links(request)
        return context


def staff_links(request):
    """Shortcuts in the header, only those the user may open."""
    links = []
    user = request.user
    if user.is_active and user.has_perm("events.change_registration"):
        links.append((_("Accoglienza all'ingresso"), "admin:staff_checkin_events"))
    return links


def staff_path(route, view, name):
    return path(route, view, name=name)
