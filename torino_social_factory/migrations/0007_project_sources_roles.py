"""The staff groups again, now with the project sources (listed under «Fonti»).

Same steps as 0003_staff_roles, with the lists of torino_social_factory/roles.py frozen
anew; the roles tests compare the newest *_roles migration with that module.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REDAZIONE = [
    "events.add_agendaitem",
    "events.add_event",
    "events.change_agendaitem",
    "events.change_event",
    "events.delete_agendaitem",
    "events.delete_event",
    "events.view_agendaitem",
    "events.view_event",
    "projects.add_district",
    "projects.add_neighbourhood",
    "projects.add_organisation",
    "projects.add_participation",
    "projects.add_place",
    "projects.add_project",
    "projects.add_projectimage",
    "projects.add_projectsource",
    "projects.add_projectupdate",
    "projects.add_theme",
    "projects.change_district",
    "projects.change_neighbourhood",
    "projects.change_organisation",
    "projects.change_participation",
    "projects.change_place",
    "projects.change_project",
    "projects.change_projectimage",
    "projects.change_projectsource",
    "projects.change_projectupdate",
    "projects.change_theme",
    "projects.delete_district",
    "projects.delete_neighbourhood",
    "projects.delete_organisation",
    "projects.delete_participation",
    "projects.delete_place",
    "projects.delete_project",
    "projects.delete_projectimage",
    "projects.delete_projectsource",
    "projects.delete_projectupdate",
    "projects.delete_theme",
    "projects.view_district",
    "projects.view_neighbourhood",
    "projects.view_organisation",
    "projects.view_participation",
    "projects.view_place",
    "projects.view_project",
    "projects.view_projectimage",
    "projects.view_projectsource",
    "projects.view_projectupdate",
    "projects.view_theme",
    "torino_social_factory.add_page",
    "torino_social_factory.change_page",
    "torino_social_factory.delete_page",
    "torino_social_factory.view_page",
    "torino_social_factory.view_pagefeedback",
]

ACCOGLIENZA = [
    "events.add_registration",
    "events.change_outboxmessage",
    "events.change_registration",
    "events.view_agendaitem",
    "events.view_event",
    "events.view_outboxmessage",
    "events.view_registration",
]

AMMINISTRAZIONE = [
    "admin.view_logentry",
    "auth.add_group",
    "auth.add_user",
    "auth.change_group",
    "auth.change_user",
    "auth.delete_group",
    "auth.delete_user",
    "auth.view_group",
    "auth.view_permission",
    "auth.view_user",
    "axes.delete_accessattempt",
    "axes.delete_accessfailurelog",
    "axes.delete_accesslog",
    "axes.view_accessattempt",
    "axes.view_accessfailurelog",
    "axes.view_accesslog",
    "events.add_agendaitem",
    "events.add_event",
    "events.add_outboxmessage",
    "events.add_registration",
    "events.change_agendaitem",
    "events.change_event",
    "events.change_outboxmessage",
    "events.change_registration",
    "events.delete_agendaitem",
    "events.delete_event",
    "events.delete_outboxmessage",
    "events.delete_registration",
    "events.view_agendaitem",
    "events.view_event",
    "events.view_outboxmessage",
    "events.view_registration",
    "projects.add_district",
    "projects.add_neighbourhood",
    "projects.add_organisation",
    "projects.add_participation",
    "projects.add_place",
    "projects.add_project",
    "projects.add_projectimage",
    "projects.add_projectsource",
    "projects.add_projectupdate",
    "projects.add_theme",
    "projects.change_district",
    "projects.change_neighbourhood",
    "projects.change_organisation",
    "projects.change_participation",
    "projects.change_place",
    "projects.change_project",
    "projects.change_projectimage",
    "projects.change_projectsource",
    "projects.change_projectupdate",
    "projects.change_theme",
    "projects.delete_district",
    "projects.delete_neighbourhood",
    "projects.delete_organisation",
    "projects.delete_participation",
    "projects.delete_place",
    "projects.delete_project",
    "projects.delete_projectimage",
    "projects.delete_projectsource",
    "projects.delete_projectupdate",
    "projects.delete_theme",
    "projects.view_district",
    "projects.view_neighbourhood",
    "projects.view_organisation",
    "projects.view_participation",
    "projects.view_place",
    "projects.view_project",
    "projects.view_projectimage",
    "projects.view_projectsource",
    "projects.view_projectupdate",
    "projects.view_theme",
    "torino_social_factory.add_page",
    "torino_social_factory.add_sitesettings",
    "torino_social_factory.change_page",
    "torino_social_factory.change_sitesettings",
    "torino_social_factory.delete_page",
    "torino_social_factory.delete_pagefeedback",
    "torino_social_factory.delete_sitesettings",
    "torino_social_factory.view_page",
    "torino_social_factory.view_pagefeedback",
    "torino_social_factory.view_sitesettings",
]

ROLES = {
    "Redazione": REDAZIONE,
    "Accoglienza": ACCOGLIENZA,
    "Amministrazione": AMMINISTRAZIONE,
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True  # create_permissions skips apps without it
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is None:
                # The model is not there yet (an app still without migrations): a later
                # migration that depends on it applies the same lists again.
                continue
            wanted.append(found)
        group.permissions.set(wanted)



class Migration(migrations.Migration):
    dependencies = [
        ("torino_social_factory", "0006_english_seed_content"),
        ("projects", "0005_seeded_circoscrizioni_sources_clean_texts"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
