"""Re-apply the three staff roles of torino_social_factory/roles.py to the database.

The data migration 0003_staff_roles created the groups from a frozen copy of the lists.
When a later migration adds a model (and roles.py names its permissions), run this after
``migrate``: it creates any missing permission rows, then sets each group's permissions
to exactly what roles.py says. Running it twice changes nothing the second time.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from torino_social_factory import roles


def sync_roles():
    """Returns {group name: (added, removed)} with the permission strings changed."""
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    changes = {}
    with transaction.atomic():
        for name, wanted_names in roles.ROLES.items():
            wanted = {}
            for perm in wanted_names:
                app_label, codename = perm.split(".", 1)
                found = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if found is None:
                    raise CommandError(f"Permesso inesistente in roles.py: {perm}")
                wanted[perm] = found
            group, _created = Group.objects.get_or_create(name=name)
            current = {
                f"{app_label}.{codename}"
                for app_label, codename in group.permissions.values_list(
                    "content_type__app_label", "codename"
                )
            }
            added = sorted(set(wanted) - current)
            removed = sorted(current - set(wanted))
            if added or removed:
                group.permissions.set(wanted.values())
            changes[name] = (added, removed)
    return changes


class Command(BaseCommand):
    help = "Allinea i gruppi Redazione, Accoglienza e Amministrazione a roles.py."

    def handle(self, *args, **options):
        for name, (added, removed) in sync_roles().items():
            if not added and not removed:
                self.stdout.write(f"{name}: già allineato")
                continue
            self.stdout.write(f"{name}: +{len(added)} −{len(removed)}")
            for perm in added:
                self.stdout.write(f"  + {perm}")
            for perm in removed:
                self.stdout.write(f"  − {perm}")
