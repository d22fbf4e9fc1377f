"""The three staff roles: created by a migration, each sees only what it should."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from torino_social_factory import roles
from torino_social_factory.models import Page, PageFeedback


def existing(perms):
    """The permissions whose model exists."""
    return {perm for perm in perms if _model_exists(perm)}


def _model_exists(perm):
    app_label, codename = perm.split(".", 1)
    model = codename.split("_", 1)[1]
    try:
        apps.get_model(app_label, model)
    except LookupError:
        return False
    return True


def group_perms(name):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.filter(group__name=name).values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.mark.parametrize("name", list(roles.ROLES))
def test_the_migration_created_each_group_as_the_roles_module_says(db, name):
    assert group_perms(name) == set(roles.ROLES[name])


def test_the_migration_froze_the_same_lists_as_the_roles_module():
    """The newest roles migration (a later one may refreeze changed lists)."""
    import importlib
    from pathlib import Path

    import torino_social_factory.migrations as package

    latest = sorted(Path(package.__file__).parent.glob("*_roles.py"))[-1]
    frozen = importlib.import_module(f"{package.__name__}.{latest.stem}")
    assert {name: sorted(perms) for name, perms in frozen.ROLES.items()} == {
        name: sorted(perms) for name, perms in roles.ROLES.items()
    }


def test_every_permission_named_in_the_roles_exists(db):
    assert existing(roles.ADMINISTRATION_PERMISSIONS) == set(roles.ADMINISTRATION_PERMISSIONS)


def test_sync_roles_repairs_the_groups_and_is_idempotent(db):
    from io import StringIO

    from django.core.management import call_command

    group = Group.objects.get(name=roles.EDITOR)
    group.permissions.add(Permission.objects.get(codename="view_registration"))
    group.permissions.remove(Permission.objects.get(codename="change_project"))
    out = StringIO()
    call_command("sync_roles", stdout=out)
    assert "+ projects.change_project" in out.getvalue()
    assert "events.view_registration" in out.getvalue()
    assert group_perms(roles.EDITOR) == set(roles.EDITOR_PERMISSIONS)
    out = StringIO()
    call_command("sync_roles", stdout=out)
    assert out.getvalue().count("già allineato") == 3


def test_the_editor_role_touches_no_personal_data():
    for perm in roles.EDITOR_PERMISSIONS:
        assert "registration" not in perm and "outbox" not in perm and "auth." not in perm
        assert "sitesettings" not in perm


def test_reception_cannot_edit_content():
    assert not any(
        perm.split(".")[1].startswith(("add_", "change_", "delete_"))
        for perm in roles.RECEPTION_PERMISSIONS
        if "registration" not in perm and "outbox" not in perm
    )


def test_administration_can_do_everything_the_other_roles_can():
    assert set(roles.EDITOR_PERMISSIONS) | set(roles.RECEPTION_PERMISSIONS) <= set(
        roles.ADMINISTRATION_PERMISSIONS
    )


# --- What each role can open in the admin ----------------------------------------------


def test_an_editor_can_edit_pages_and_read_feedback(editor_client):
    page = Page.objects.create(slug="faq", title="FAQ", body="<p>x</p>")
    assert (
        editor_client.get(
            reverse("admin:torino_social_factory_page_change", args=[page.pk])
        ).status_code
        == 200
    )
    item = PageFeedback.objects.create(path="/", useful=True)
    assert (
        editor_client.get(
            reverse("admin:torino_social_factory_pagefeedback_change", args=[item.pk])
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/group/",
        "/admin/torino_social_factory/sitesettings/",
        "/admin/accoglienza/",
        "/admin/accoglienza/1/",
        "/admin/accoglienza/1/elenco/",
        "/admin/accoglienza/1/esporta.csv",
        "/admin/accoglienza/1/esporta.xlsx",
        "/admin/accoglienza/1/stato/",
        "/admin/accoglienza/iscrizione/1/",
    ],
)
def test_an_editor_cannot_open_people_settings_registrations_or_exports(editor_client, url):
    assert editor_client.get(url).status_code in (403, 404)


def test_an_editor_cannot_check_anyone_in(editor_client):
    response = editor_client.post("/admin/accoglienza/1/entrata/1/", {"action": "in"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/admin/torino_social_factory/page/add/",
        "/admin/torino_social_factory/sitesettings/",
        "/admin/auth/user/",
    ],
)
def test_reception_cannot_edit_content_settings_or_users(reception_client, url):
    assert reception_client.get(url).status_code == 403


def test_administration_manages_users_and_settings(administration_client):
    assert administration_client.get("/admin/auth/user/").status_code == 200
    assert (
        administration_client.get("/admin/torino_social_factory/sitesettings/").status_code == 200
    )


def test_an_administrator_who_is_not_superuser_cannot_make_anyone_superuser(
    administration_client, make_staff
):
    other = make_staff("Redazione", "altra")
    html = administration_client.get(
        reverse("admin:auth_user_change", args=[other.pk])
    ).content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html
    assert 'name="groups"' in html


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/accoglienza/", "/admin/torino_social_factory/page/"]
)
def test_anonymous_visitors_are_sent_to_the_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
