"""The content version: one number that changes whenever public content changes.

Cached pages are keyed by it, so a change made by staff (or a registration that changes
the places left) makes every cached page stale at once, in every gunicorn process and on
every machine, without Redis: the number lives in one database row that each request
reads once. The bump runs inside the same transaction as the change, so a request that
sees the new number also sees the new content (and a rolled-back change bumps nothing).
"""

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils import timezone

# Apps whose rows are shown on public pages.
CONTENT_APPS = {"torino_social_factory", "projects", "events"}
# Rows that never change what a public page shows: feedback, the version itself and
# e-mail outbox rows. Models can also opt out with a class attribute
# ``PUBLIC_CONTENT = False``; settings.PAGE_CACHE_IGNORED_MODELS adds more. We err on
# the side of bumping: a needless bump costs one re-render, a missed one shows old content.
IGNORED_MODELS = {"torino_social_factory.pagefeedback", "torino_social_factory.contentversion"}


def affects_public_pages(model):
    meta = model._meta
    if meta.app_label not in CONTENT_APPS or model.__module__ == "__fake__":
        # "__fake__" is a migration's historical model: the version table may not exist yet.
        return False
    if meta.label_lower in IGNORED_MODELS or meta.label_lower in _extra_ignored():
        return False
    if not getattr(model, "PUBLIC_CONTENT", True):
        return False
    return "outbox" not in meta.model_name


def _extra_ignored():
    return {label.lower() for label in getattr(settings, "PAGE_CACHE_IGNORED_MODELS", ())}


def bump():
    """Make every cached page stale. Cheap: one UPDATE (an INSERT the very first time)."""
    from .models import ContentVersion

    changed = ContentVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not changed:
        ContentVersion.objects.bulk_create(
            [ContentVersion(pk=1, version=1, changed_at=timezone.now())], ignore_conflicts=True
        )


def current():
    """The current version number (0 before the first change). One query, in plain SQL:
    every anonymous request runs it, and the ORM would cost more than the cache hit."""
    from .models import ContentVersion

    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table} WHERE id = 1")  # noqa: S608 - no input
        row = cursor.fetchone()
    return row[0] if row else 0


def content_saved_or_deleted(sender, **kwargs):
    if affects_public_pages(sender):
        bump()


def relation_changed(sender, instance, action, model, **kwargs):
    if action.startswith("post_") and (
        affects_public_pages(type(instance)) or affects_public_pages(model)
    ):
        bump()


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(content_saved_or_deleted, dispatch_uid="content-version-save")
    post_delete.connect(content_saved_or_deleted, dispatch_uid="content-version-delete")
    m2m_changed.connect(relation_changed, dispatch_uid="content-version-m2m")
