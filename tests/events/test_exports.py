"""One export of registrations, from the door and from the admin: `;`-separated UTF-8
with a BOM for Italian Excel, Rome's times, labels instead of codes, accessibility needs
and the consent only for the roles allowed to see them; XLSX with real date cells."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from events import services
from events.models import Registration


@pytest.fixture
def registered(make_event, register):
    event = make_event(slug="export", capacity=5)
    outcome = register(
        event,
        "nicolo@example.org",
        name="Nicolò D'Amico",
        organisation="Cooperativa Sociale",
        category="cittadino",
        accessibility_needs="Interprete LIS",
        optional_consent=True,
    )
    registration = outcome.registration
    # A winter evening in Rome: 18:42 there is 17:42 UTC.
    Registration.objects.filter(pk=registration.pk).update(
        created_at=datetime(2027, 1, 10, 9, 5, tzinfo=UTC),
        checked_in_at=datetime(2027, 1, 23, 17, 42, tzinfo=UTC),
    )
    return event, registration


def csv_rows(response):
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # the BOM Italian Excel needs for UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def as_dict(rows):
    return dict(zip(rows[0], rows[1], strict=True))


def test_the_csv_speaks_italian_excel(administration_client, registered):
    event, _registration = registered
    response = administration_client.get(reverse("admin:staff_export", args=[event.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    row = as_dict(csv_rows(response))
    assert row["Nome"] == "Nicolò D'Amico"
    assert row["Partecipa come"] == "Cittadina o cittadino"  # the label, not "cittadino"
    assert row["Stato"] == "confermata"
    assert row["Iscritto il"] == "10/01/2027 10:05"  # Rome's time
    assert row["Entrato alle"] == "23/01/2027 18:42"
    assert row["Esigenze di accessibilità"] == "Interprete LIS"
    assert row["Consenso a ricevere notizie"] == "sì"
    assert row["Aggiunto all'ingresso"] == "no"


def test_the_xlsx_has_real_date_cells(administration_client, registered):
    from openpyxl import load_workbook

    event, _registration = registered
    response = administration_client.get(reverse("admin:staff_export", args=[event.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    entered = sheet.cell(row=2, column=header.index("Entrato alle") + 1)
    assert entered.value == datetime(2027, 1, 23, 18, 42)
    assert entered.is_date and entered.number_format == "DD/MM/YYYY HH:MM"


def test_reception_gets_the_accessibility_needs_but_not_the_consent(reception_client, registered):
    event, _registration = registered
    rows = csv_rows(reception_client.get(reverse("admin:staff_export", args=[event.pk, "csv"])))
    assert "Esigenze di accessibilità" in rows[0]
    assert "Consenso a ricevere notizie" not in rows[0]


def test_a_read_only_role_gets_neither_sensitive_column(django_user_model, registered):
    event, _registration = registered
    reader = django_user_model.objects.create_user("lettore", password="x", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client = Client()
    client.force_login(reader)
    rows = csv_rows(client.get(reverse("admin:staff_export", args=[event.pk, "csv"])))
    assert "Esigenze di accessibilità" not in rows[0]
    assert "Consenso a ricevere notizie" not in rows[0]
    assert "Interprete LIS" not in rows[1]


def test_the_admin_action_exports_the_same_format(administration_client, registered):
    event, registration = registered
    door = csv_rows(
        administration_client.get(reverse("admin:staff_export", args=[event.pk, "csv"]))
    )
    action = csv_rows(
        administration_client.post(
            reverse("admin:events_registration_changelist"),
            {"action": "export_csv", "_selected_action": [registration.pk]},
        )
    )
    assert action == door


def test_walk_ins_and_who_let_them_in_are_in_the_export(reception_client, make_staff, registered):
    event, _registration = registered
    door = make_staff("Accoglienza", "porta")
    services.admit_walk_in(event=event, name="Anna Neri", by=door)
    rows = csv_rows(reception_client.get(reverse("admin:staff_export", args=[event.pk, "csv"])))
    walk_in = dict(zip(rows[0], next(r for r in rows if r[0] == "Anna Neri"), strict=True))
    assert walk_in["Aggiunto all'ingresso"] == "sì" and walk_in["Fatto entrare da"] == "porta"
    assert walk_in["E-mail"] == ""
