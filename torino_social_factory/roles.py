"""The three staff roles and exactly which permissions each one has.

This module is the one source the tests read. The data migration that creates the
groups copies these lists (a migration must keep working after this file changes),
and the roles tests assert that the database and this module agree, so a change here
without a new migration fails the suite.

Permissions are written as ``"app_label.codename"``.

- *Redazione* edits and publishes content. It never sees personal data: no
  registrations, no outbox (it holds addresses), no users.
- *Accoglienza* runs the door: it reads events, reads and changes registrations
  (check-in, adding a walk-in, exports of attendees) and can resend e-mails.
- *Amministrazione* manages users, groups and the site settings, and can do
  everything the other two roles can.
"""

# The group names staff see in the admin.
EDITOR = "Redazione"
RECEPTION = "Accoglienza"
ADMINISTRATION = "Amministrazione"

CRUD = ("add", "change", "delete", "view")


def _perms(app_label, models, actions=CRUD):
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


CONTENT_MODELS = {
    "torino_social_factory": ["page"],
    "projects": [
        "theme",
        "district",
        "neighbourhood",
        "organisation",
        "project",
        "participation",
        "place",
        "projectimage",
        "projectupdate",
        "projectsource",
    ],
    "events": ["event", "agendaitem"],
}

EDITOR_PERMISSIONS = sorted(
    [perm for app, models in CONTENT_MODELS.items() for perm in _perms(app, models)]
    + ["torino_social_factory.view_pagefeedback"]
)

RECEPTION_PERMISSIONS = sorted(
    _perms("events", ["event", "agendaitem"], ["view"])
    + _perms("events", ["registration"], ["view", "change", "add"])
    + _perms("events", ["outboxmessage"], ["view", "change"])
)

ADMINISTRATION_PERMISSIONS = sorted(
    set(EDITOR_PERMISSIONS)
    | set(RECEPTION_PERMISSIONS)
    | set(_perms("auth", ["user", "group"]))
    | {"auth.view_permission"}
    | set(_perms("torino_social_factory", ["sitesettings"]))
    | set(_perms("torino_social_factory", ["pagefeedback"], ["view", "delete"]))
    | set(_perms("events", ["registration", "outboxmessage"]))
    | {"admin.view_logentry"}
    | set(_perms("axes", ["accessattempt", "accessfailurelog", "accesslog"], ["view", "delete"]))
)

ROLES = {
    EDITOR: EDITOR_PERMISSIONS,
    RECEPTION: RECEPTION_PERMISSIONS,
    ADMINISTRATION: ADMINISTRATION_PERMISSIONS,
}
