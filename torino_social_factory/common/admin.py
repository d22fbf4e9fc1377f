"""Base classes for every ModelAdmin and inline of the site, and logged actions.

What staff get on every form, declared once and inherited explicitly:

- the rich-text editor on the fields a model lists in ``RICH_TEXT_FIELDS``;
- a help text in plain words on every field (the ModelAdmin's ``help_texts``, with
  one shared sentence for the English twins);
- URL fields that accept an address pasted without ``https://``.

Checks that belong to the data (an image needs its alternative text) live in the
models' ``clean()``, so they hold wherever the model is saved from a form.
"""

import functools

from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from . import admin_help
from .widgets import RichTextarea


class StaffFormFieldsMixin:
    help_texts = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in getattr(self.model, "RICH_TEXT_FIELDS", ()):
            kwargs["widget"] = RichTextarea
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # what staff paste without a scheme
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and not formfield.help_text:
            formfield.help_text = admin_help.help_text_for(self.help_texts, db_field.name)
        return formfield


class StaffModelAdmin(StaffFormFieldsMixin, admin.ModelAdmin):
    pass


class StaffTabularInline(StaffFormFieldsMixin, admin.TabularInline):
    pass


class StaffStackedInline(StaffFormFieldsMixin, admin.StackedInline):
    pass


def permission_needed(permission):
    """Like ``permission_required(..., raise_exception=True)``, and the refusal says
    which permission was missing, so the admin's 403 page can name the roles that have
    it."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                request.needed_permission = permission
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def log_change(user, objects, message):
    """One history entry per object, named as the object is now."""
    objects = list(objects)
    if objects:
        LogEntry.objects.log_actions(
            user_id=user.pk, queryset=objects, action_flag=CHANGE, change_message=str(message)
        )


def logged_action(*, description, permissions=None):
    """``@admin.action`` that also writes one history entry per selected object.

    Django records changes made through forms, not those made by actions (cancel,
    confirm, check in, anonymise…). The objects are read again after the action, so an
    anonymised person is not named again in the history.
    """

    def decorator(func):
        @functools.wraps(func)
        def action(modeladmin, request, queryset):
            pks = list(queryset.values_list("pk", flat=True))
            response = func(modeladmin, request, queryset)
            log_change(
                request.user,
                modeladmin.model._default_manager.filter(pk__in=pks),
                _("Azione: %(action)s") % {"action": description},
            )
            return response

        return admin.action(description=description, permissions=permissions)(action)

    return decorator


def render_as_published(request, obj, view, **kwargs):
    """The public page of a draft, rendered by its public ``view`` as if published.

    Inside a transaction the row is marked published with a plain UPDATE (no signals,
    so no cache invalidation and no history entry), the view renders its real template,
    and the transaction is rolled back: nothing is ever published by looking. The
    answer is marked so that no one indexes or caches it.
    """
    with transaction.atomic():
        type(obj)._default_manager.filter(pk=obj.pk).update(is_published=True)
        response = view(request, **kwargs)
        transaction.set_rollback(True)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "private, no-cache, no-store, must-revalidate, max-age=0"
    return response
