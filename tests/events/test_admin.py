"""The staff side: changelists that do not grow with the rows, CSV export, check-in."""

import csv
import io

import pytest

from events import services
from events.links import hash_token
from events.models import Registration


@pytest.mark.parametrize(
    "url",
    ["/admin/events/event/", "/admin/events/registration/", "/admin/events/outboxmessage/"],
)
def test_the_changelists_cost_the_same_queries_for_3_or_30_rows(
    superuser_client, count_queries, make_event, register, url
):
    def add(first, last):
        for i in range(first, last):
            event = make_event(slug=f"e{i}", capacity=1)
            register(event, f"p{i}@example.org")

    add(0, 3)
    few = count_queries(superuser_client, url)
    add(3, 30)
    assert count_queries(superuser_client, url) == few


def _export(client, pks):
    response = client.post(
        "/admin/events/registration/", {"action": "export_csv", "_selected_action": pks}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_export_lists_the_selected_registrations(superuser_client, open_event, register):
    a = register(open_event, "a@example.org", name="Anna Verdi", organisation="Coop").registration
    register(open_event, "b@example.org", name="Bruno Neri")
    rows = _export(superuser_client, [a.pk])
    assert rows[0][:3] == ["Nome", "E-mail", "Organizzazione"]
    assert len(rows) == 2
    assert rows[1][:3] == ["Anna Verdi", "a@example.org", "Coop"]
    assert rows[1][4] == "confermata"


@pytest.mark.parametrize("formula", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1"])
def test_the_csv_export_neutralises_spreadsheet_formulas(superuser_client, open_event, formula):
    registration = Registration.objects.create(
        event=open_event, name=formula, email="x@example.org", organisation=formula,
        category=formula, status="confirmed", token_hash=hash_token(formula + "-link"),
    )  # fmt: skip
    row = _export(superuser_client, [registration.pk])[1]
    for cell in row:
        assert cell[:1] not in {"=", "+", "-", "@", "\t", "\r"}, row


def test_check_in_is_idempotent(superuser_client, open_event, register):
    registration = register(open_event, "a@example.org").registration
    for _ in range(2):
        response = superuser_client.post(
            "/admin/events/registration/",
            {"action": "check_in", "_selected_action": [registration.pk]},
        )
        assert response.status_code == 302
        if _ == 0:
            first = Registration.objects.get().checked_in_at
    assert first is not None
    assert Registration.objects.get().checked_in_at == first


def test_a_waitlisted_person_cannot_be_checked_in(open_event, make_event, register):
    event = make_event(slug="pieno", capacity=1)
    register(event, "a@example.org")
    waiting = register(event, "b@example.org").registration
    services.check_in(registration=waiting)
    assert Registration.objects.get(pk=waiting.pk).checked_in_at is None


def test_the_event_changelist_shows_live_counters(superuser_client, make_event, register):
    event = make_event(slug="contato", capacity=2)
    for i in range(3):
        register(event, f"p{i}@example.org")
    html = superuser_client.get("/admin/events/event/").content.decode()
    assert '<td class="field-confirmed">2</td>' in html
    assert '<td class="field-waitlisted">1</td>' in html
