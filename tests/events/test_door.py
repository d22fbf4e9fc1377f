"""The door: reception checks people in with one tap (and can undo), searches, prints the
list by surname and exports it; what each role may do there; the history it leaves."""

import csv
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.template.loader import get_template
from django.urls import reverse

from events.exports import surname_key
from torino_social_factory.common.spreadsheet import safe_cell as _safe_cell


def test_attendees_sort_by_surname_then_first_names():
    names = ["Maria Rossi", "Luca Bianchi", "anna rossi", "Giovanni De Luca", "", "Zoe"]
    ordered = sorted(names, key=surname_key)
    assert ordered == ["", "Luca Bianchi", "Giovanni De Luca", "anna rossi", "Maria Rossi", "Zoe"]


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)"])
def test_exported_cells_never_start_a_spreadsheet_formula(typed):
    assert _safe_cell(typed).startswith("'")


def test_ordinary_cells_are_exported_as_typed():
    assert _safe_cell("Maria Rossi") == "Maria Rossi"
    assert _safe_cell(3) == 3


@pytest.mark.parametrize(
    "name",
    [
        "events/staff/checkin.html",
        "events/staff/checkin_events.html",
        "events/staff/attendee_list.html",
        "admin/lockout.html",
        "admin/index.html",
        "admin/base_site.html",
    ],
)
def test_staff_templates_compile(name):
    assert get_template(name)


# --- The door at work --------------------------------------------------------------------


@pytest.fixture
def door(make_event, register):
    event = make_event(slug="porta", capacity=3)
    people = [
        register(event, f"{i}@example.org", name=name).registration
        for i, name in enumerate(["Maria Rossi", "Luca Bianchi", "Anna Verdi", "Zeno Abate"])
    ]
    return event, people  # the last one is on the waiting list


def test_reception_checks_someone_in_with_one_tap_and_can_undo(reception_client, door):
    event, people = door
    url = reverse("admin:staff_checkin_toggle", args=[event.pk, people[0].pk])
    json = {"HTTP_ACCEPT": "application/json"}
    first = reception_client.post(url, {"action": "in"}, **json).json()
    assert first["checked_in"] and first["counts"]["checked_in"] == 1
    people[0].refresh_from_db()
    entered_at = people[0].checked_in_at
    again = reception_client.post(url, {"action": "in"}, **json).json()  # idempotent
    assert again["counts"]["checked_in"] == 1
    people[0].refresh_from_db()
    assert people[0].checked_in_at == entered_at
    undone = reception_client.post(url, {"action": "out"}, **json).json()
    assert not undone["checked_in"] and undone["counts"]["checked_in"] == 0
    messages = list(
        LogEntry.objects.filter(object_id=str(people[0].pk)).values_list(
            "change_message", flat=True
        )
    )
    assert messages.count("Entrata registrata") == 1 and "Entrata annullata" in messages


def test_without_javascript_the_tap_redirects_back_to_the_door(reception_client, door):
    event, people = door
    url = reverse("admin:staff_checkin_toggle", args=[event.pk, people[1].pk])
    response = reception_client.post(url, {"action": "in", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:staff_checkin", args=[event.pk]))


def test_a_waitlisted_person_cannot_be_checked_in(reception_client, door):
    event, people = door
    url = reverse("admin:staff_checkin_toggle", args=[event.pk, people[3].pk])
    assert reception_client.post(url, {"action": "in"}).status_code == 409


def test_the_door_page_searches_by_name_and_counts(reception_client, door):
    event, _people = door
    html = reception_client.get(
        reverse("admin:staff_checkin", args=[event.pk]), {"q": "bianc"}
    ).content
    html = html.decode()
    assert "Luca Bianchi" in html and "Maria Rossi" not in html
    state = reception_client.get(reverse("admin:staff_checkin_state", args=[event.pk])).json()
    assert state["counts"] == {
        "confirmed": 3, "waitlisted": 1, "checked_in": 0, "capacity": 3, "over_capacity": 0
    }  # fmt: skip


def test_the_printable_list_is_sorted_by_surname(reception_client, door):
    event, _people = door
    html = reception_client.get(reverse("admin:staff_attendees", args=[event.pk])).content.decode()
    positions = [html.index(name) for name in ("Luca Bianchi", "Maria Rossi", "Anna Verdi")]
    assert positions == sorted(positions)
    assert "Zeno Abate" not in html  # waiting list: not expected at the door


def test_exports_csv_and_xlsx_are_complete_and_logged(reception_client, door):
    from openpyxl import load_workbook

    event, people = door
    response = reception_client.get(reverse("admin:staff_export", args=[event.pk, "csv"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Nome", "E-mail"] and len(rows) == 5
    response = reception_client.get(reverse("admin:staff_export", args=[event.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 5 and sheet["A1"].value == "Nome"
    # Each export names every registration it carried: 4 rows, twice.
    logged = LogEntry.objects.filter(change_message__startswith="Esportata")
    assert logged.count() == 2 * 4
    assert set(logged.values_list("object_id", flat=True)) == {str(p.pk) for p in people}


def test_an_editor_cannot_open_a_registration_nor_export_one(editor_client, door):
    event, people = door
    for url in (
        reverse("admin:events_registration_changelist"),
        reverse("admin:events_registration_change", args=[people[0].pk]),
        reverse("admin:staff_export", args=[event.pk, "csv"]),
        reverse("admin:staff_export", args=[event.pk, "xlsx"]),
        reverse("admin:staff_attendees", args=[event.pk]),
        reverse("admin:staff_checkin", args=[event.pk]),
        reverse("admin:events_outboxmessage_changelist"),
    ):
        assert editor_client.get(url).status_code == 403, url
    response = editor_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "export_csv", "_selected_action": [people[0].pk]},
    )
    assert response.status_code == 403
    # The event itself is content: the editor edits it, without the door shortcuts.
    html = editor_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert "Anteprima" in html and "Iscrizioni CSV" not in html


def test_reception_cannot_edit_events_or_projects(reception_client, door):
    from projects.models import Project

    event, _people = door
    project = Project.objects.create(slug="p", title="P", summary="s")
    assert (
        reception_client.get(reverse("admin:events_event_change", args=[event.pk])).status_code
        == 200
    )
    response = reception_client.post(
        reverse("admin:events_event_change", args=[event.pk]), {"title": "x"}
    )
    assert response.status_code == 403
    assert (
        reception_client.get(
            reverse("admin:projects_project_change", args=[project.pk])
        ).status_code
        == 403
    )
    assert reception_client.get(reverse("admin:projects_project_add")).status_code == 403


def test_the_purge_of_personal_data_is_an_admin_action_for_administration(
    administration_client, door
):
    _event, people = door
    response = administration_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "anonymise_now", "_selected_action": [people[0].pk]},
    )
    assert response.status_code == 302
    people[0].refresh_from_db()
    assert people[0].anonymised_at is not None and "Maria" not in people[0].name


def test_admin_actions_are_recorded_in_the_history(reception_client, door):
    event, people = door
    response = reception_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "check_in", "_selected_action": [people[0].pk, people[1].pk]},
    )
    assert response.status_code == 302
    entries = LogEntry.objects.filter(change_message__startswith="Azione: Segna come entrati")
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(
        [str(people[0].pk), str(people[1].pk)]
    )


def test_after_the_purge_the_history_no_longer_names_the_person(client, make_staff, door):
    event, people = door
    client.force_login(make_staff("Accoglienza"))
    client.post(
        reverse("admin:staff_checkin_toggle", args=[event.pk, people[0].pk]), {"action": "in"}
    )
    assert LogEntry.objects.filter(object_repr__contains="Maria Rossi").exists()
    client.force_login(make_staff("Amministrazione"))
    client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "anonymise_now", "_selected_action": [people[0].pk]},
    )
    assert not LogEntry.objects.filter(object_repr__contains="Maria Rossi").exists()
    assert LogEntry.objects.filter(change_message__startswith="Azione: Rendi anonime").exists()
