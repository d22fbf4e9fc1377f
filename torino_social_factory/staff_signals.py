"""Personal data must not survive their purge in the admin history.

A LogEntry keeps the name of the object it is about (``object_repr``), and a
registration is named after the person. When the events app anonymises a registration
(the retention purge or the "Rendi anonime adesso" action), the history entries about
it are renamed too. Connected in StaffAdminConfig.ready().
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def scrub_history_of_anonymised(sender, instance, **kwargs):
    if not getattr(instance, "anonymised_at", None):
        return
    name = str(instance)[:200]
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=str(instance.pk)
    ).exclude(object_repr=name).update(object_repr=name)


def connect():
    from django.apps import apps
    from django.db.models.signals import post_save

    try:
        registration = apps.get_model("events", "Registration")
    except LookupError:
        return
    post_save.connect(
        scrub_history_of_anonymised, sender=registration, dispatch_uid="staff-scrub-history"
    )
