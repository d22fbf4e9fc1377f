"""The editor's admin speaks Italian: Django's own strings that stayed English are ours,
the save messages have no wrong article, what publishing needs is marked before saving
and named when it is missing, and a refusal is a page in the admin's frame that says
which role may do it."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.projects.test_admin_images import project_post


def test_the_selector_of_many_to_many_fields_is_in_italian(editor_client):
    response = editor_client.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    catalogue = response.content.decode()
    for english in ("Choose all %s", "Remove all %s", "Remove %s by selecting them"):
        assert f'"{english}' in catalogue  # the msgid, as a key
    for italian in ("Scegli tutto: %s", "Togli tutto: %s", "Per togliere (%s)"):
        assert italian in catalogue
    assert "(clic per svuotare)" in catalogue


def test_the_save_message_has_no_wrong_article(editor_client, make_event):
    event = make_event(slug="salvataggio")
    data = {
        "title": "Presentazione", "slug": "salvataggio", "summary": "", "description": "",
        "starts_at_0": "23/01/2030", "starts_at_1": "16:00", "ends_at_0": "23/01/2030",
        "ends_at_1": "20:00", "venue_name": "Triciclo", "address": "via Regaldi 7/11",
        "visibility": "public", "access_key": event.access_key, "capacity": "10",
        "registration_enabled": "on", "waitlist_enabled": "on",
        "agenda-TOTAL_FORMS": "0", "agenda-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = editor_client.post(
        reverse("admin:events_event_change", args=[event.pk]), data, follow=True
    )
    html = re.sub(r"<[^>]+>", "", unescape(response.content.decode()))
    assert "Modifiche salvate: evento «Presentazione»." in html
    assert "Il evento" not in html


@pytest.mark.django_db
def test_fields_needed_to_publish_are_marked_before_saving(superuser_client):
    html = unescape(superuser_client.get("/admin/projects/project/add/").content.decode())
    for label in ("Obiettivi", "Risultati", "In breve"):
        assert f"{label} (obbligatorio per pubblicare)" in html
    assert "il capofila è obbligatorio per pubblicare" in html


@pytest.mark.django_db
def test_the_error_says_what_is_missing_to_publish(superuser_client):
    response = superuser_client.post(
        "/admin/projects/project/add/", project_post(None, objectives="", results="")
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert (
        "Per pubblicare il progetto manca: Obiettivi, Risultati, l'organizzazione capofila." in html
    )
    assert "Si prega di correggere" not in html
    assert "Il modulo non è stato salvato" in html


def test_a_refusal_in_the_admin_names_the_role_that_may_do_it(editor_client, make_event):
    event = make_event(slug="rifiuto", starts_at=timezone.now())
    response = editor_client.get(reverse("admin:staff_checkin", args=[event.pk]))
    assert response.status_code == 403
    html = unescape(response.content.decode())
    assert "Torino Social Factory – area riservata" in html  # the admin's frame
    assert "riservata ai ruoli Accoglienza o Amministrazione" in html
    assert "Il tuo ruolo: Redazione" in html
    # A model page of the admin: the outbox holds addresses.
    response = editor_client.get(reverse("admin:events_outboxmessage_changelist"))
    html = unescape(response.content.decode())
    assert response.status_code == 403
    assert "riservata ai ruoli Accoglienza o Amministrazione" in html


def test_a_refusal_to_reception_names_amministrazione(reception_client):
    response = reception_client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    assert "riservata al ruolo Amministrazione" in unescape(response.content.decode())
