"""The door's own pages: the QR code leads to the person's card with "Fai entrare" for
reception and to a page that names nobody for anyone else; the search finds people
whatever the accents, apostrophes and word order; walk-ins are counted; a tap sent late
by an offline phone keeps its time and never records a second entry."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from events import emails, services
from events.models import Registration, search_key, search_words

Status = Registration.Status
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def door(make_event, register):
    event = make_event(slug="porta", capacity=3, title="Presentazione dei risultati")
    names = ["Nicolò D'Amico", "Laura Verdi", "Luca Bianchi", "Zeno Abate"]
    people = [
        register(event, f"p{i}@example.org", name=name).registration for i, name in enumerate(names)
    ]
    return event, people  # Zeno Abate is on the waiting list


def card_path(registration, settings):
    return emails.staff_record_url(registration).removeprefix(settings.SITE_URL)


# --- The QR code ---------------------------------------------------------------------


def test_the_qr_code_carries_no_personal_data_nor_the_personal_link(door, settings):
    _event, people = door
    url = emails.staff_record_url(people[0])
    assert url.startswith(settings.SITE_URL + "/admin/accoglienza/ingresso/")
    for secret in ("Nicol", "Amico", "p0@example.org", people[0].token_hash):
        assert secret not in url
    # The personal link's token is not in it either (only the hash is stored, so look in
    # the e-mail that carried the token).
    email = emails.build(people[0].messages.get(kind="confirmed"))  # as the sender renders it
    token = email.body.split("/iscrizione/")[1].split("/")[0]
    assert token not in url
    # The e-mail's attachment is the QR code of exactly that address (the browser test
    # reads it back with the door's own decoder).
    [qr] = [content for name, content, _type in email.attachments if name == "ingresso-qr.png"]
    assert qr == emails.door_qr_png(people[0])


def test_anonymous_visitors_get_a_page_that_names_nobody(client, door, settings):
    event, people = door
    path = card_path(people[0], settings)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    for secret in ("Nicol", "Amico", "p0@example.org", event.title, "Fai entrare"):
        assert secret not in html
    assert "Codice d'ingresso" in html
    assert not response.cookies  # no session, no CSRF cookie for a visitor
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    # A forged or broken code answers exactly the same: nothing to learn by trying.
    forged = path.replace(f"/{people[0].pk}:", f"/{people[1].pk}:")
    other = client.get(forged).content.decode()
    assert other.replace(quote(forged), quote(path)) == html


def test_an_editor_gets_the_same_harmless_page(client, make_staff, door, settings):
    _event, people = door
    client.force_login(make_staff("Redazione"))
    response = client.get(card_path(people[0], settings))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nicol" not in html and "Fai entrare" not in html
    assert "Accoglienza o Amministrazione" in html


def test_reception_sees_the_card_and_lets_the_person_in(reception_client, door, settings):
    event, people = door
    path = card_path(people[0], settings)
    html = reception_client.get(path).content.decode()
    assert "Nicolò D&#x27;Amico" in html or "Nicolò D'Amico" in html
    assert "Fai entrare" in html and 'data-state="expected"' in html
    toggle = reverse("admin:staff_checkin_toggle", args=[event.pk, people[0].pk])
    response = reception_client.post(toggle, {"action": "in", "next": path})
    assert response.status_code == 302 and response["Location"].startswith(path)
    html = reception_client.get(path).content.decode()
    people[0].refresh_from_db()
    entered = timezone.localtime(people[0].checked_in_at).strftime("%H:%M")
    assert f"Già entrato/a alle {entered} (da accoglienza)" in html
    assert 'data-state="in"' in html and "Fai entrare" not in html


def test_a_tampered_code_is_not_found_for_reception(reception_client, door, settings):
    _event, people = door
    path = card_path(people[0], settings)
    forged = path.replace(f"/{people[0].pk}:", f"/{people[1].pk}:")
    assert reception_client.get(forged).status_code == 404
    assert reception_client.get("/admin/accoglienza/ingresso/nonsense/").status_code == 404


def test_the_card_tells_waiting_cancelled_and_another_event(
    reception_client, door, settings, make_event, register
):
    event, people = door
    waiting = reception_client.get(card_path(people[3], settings)).content.decode()
    assert "In lista d&#x27;attesa" in waiting or "In lista d'attesa" in waiting
    assert 'data-state="waitlisted"' in waiting
    services.cancel(registration=people[2], notify=False)
    cancelled = reception_client.get(card_path(people[2], settings)).content.decode()
    assert "Iscrizione annullata il" in cancelled and 'data-state="cancelled"' in cancelled
    other = make_event(slug="altro", title="Laboratorio del 24")
    other_card = card_path(people[0], settings) + f"?porta={other.pk}"
    html = reception_client.get(other_card).content.decode()
    assert "per un altro evento" in html


def test_a_waitlisted_person_can_be_admitted_over_capacity_from_the_card(reception_client, door):
    event, people = door
    url = reverse("admin:staff_checkin_walk_in", args=[event.pk])
    data = {"name": people[3].name, "email": people[3].email}
    assert reception_client.post(url, data).status_code == 409  # full: needs the tick
    response = reception_client.post(url, {**data, "over_capacity": "on"})
    assert response.status_code == 302
    people[3].refresh_from_db()
    assert people[3].status == Status.CONFIRMED and people[3].checked_in_at
    assert Registration.objects.filter(event=event).count() == 4  # no second row
    state = reception_client.get(reverse("admin:staff_checkin_state", args=[event.pk])).json()
    assert state["counts"]["confirmed"] == 4 and state["counts"]["over_capacity"] == 1


# --- Search --------------------------------------------------------------------------


def test_search_words_ignore_accents_apostrophes_and_case():
    assert search_words("Nicolò D'Amico") == ["nicolo", "damico"]
    assert search_words("d’amico") == ["damico"]
    assert search_key("Giovanni De Luca") == "giovanni de luca giovannideluca"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("nicolo", "Nicolò D'Amico"),
        ("NICOLÒ", "Nicolò D'Amico"),
        ("damico", "Nicolò D'Amico"),
        ("d'amico", "Nicolò D'Amico"),
        ("d’amico", "Nicolò D'Amico"),
        ("amico nicolo", "Nicolò D'Amico"),
        ("verdi laura", "Laura Verdi"),
        ("laura verdi", "Laura Verdi"),
        ("  Verdi  ", "Laura Verdi"),
        ("abate", "Zeno Abate"),  # the waiting list too
    ],
)
def test_the_search_finds_people_in_the_database(door, typed, found):
    """Runs on whichever database the suite uses (SQLite, and PostgreSQL in CI)."""
    event, _people = door
    names = list(
        Registration.objects.filter(event=event).search(typed).values_list("name", flat=True)
    )
    assert names == [found]


def test_the_search_finds_nobody_for_a_name_not_there(door):
    event, _people = door
    assert not Registration.objects.filter(event=event).search("rossi").exists()
    assert not Registration.objects.filter(event=event).search("laura bianchi").exists()


def test_the_door_page_shows_the_status_of_whoever_is_found(reception_client, door):
    event, people = door
    url = reverse("admin:staff_checkin", args=[event.pk])
    html = reception_client.get(url, {"q": "abate"}).content.decode()
    assert "Zeno Abate" in html and "In lista d&#x27;attesa" in html
    assert "Fai entrare</button>" not in html
    services.cancel(registration=people[2], notify=False)  # Zeno Abate moves up
    html = reception_client.get(url, {"q": "bianchi luca"}).content.decode()
    assert "Luca Bianchi" in html and "Annullata" in html
    html = reception_client.get(url, {"q": "d'amico"}).content.decode()
    assert "Amico" in html and "Fai entrare" in html


def test_a_renamed_registration_is_found_by_its_new_name(door):
    event, people = door
    people[1].name = "Laura Bruno"
    people[1].save(update_fields=["name"])
    assert Registration.objects.filter(event=event).search("bruno").get().pk == people[1].pk


# --- Walk-ins ------------------------------------------------------------------------


def test_a_walk_in_needs_only_a_name_and_enters_at_once(reception_client, make_event):
    event = make_event(slug="porta-libera", capacity=5)
    url = reverse("admin:staff_checkin_walk_in", args=[event.pk])
    response = reception_client.post(url, {"name": "  Anna   Neri ", "email": ""})
    assert response.status_code == 302
    walk_in = Registration.objects.get(event=event)
    assert walk_in.name == "Anna Neri" and walk_in.email == ""
    assert walk_in.walk_in and walk_in.status == Status.CONFIRMED and walk_in.checked_in_at
    assert walk_in.checked_in_by.username == "accoglienza"
    assert not walk_in.messages.exists()  # no e-mail to nobody
    # Two walk-ins without an address are two people, not a duplicate.
    assert reception_client.post(url, {"name": "Paolo Neri"}).status_code == 302
    assert Registration.objects.filter(event=event, email="").count() == 2
    assert LogEntry.objects.filter(change_message__startswith="Aggiunta all'ingresso").count() == 2


def test_a_walk_in_without_a_name_is_refused_in_italian_keeping_what_was_typed(
    reception_client, make_event
):
    event = make_event(slug="porta-vuota", capacity=5)
    url = reverse("admin:staff_checkin_walk_in", args=[event.pk])
    response = reception_client.post(url, {"name": "  ", "email": "anna@example"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Scrivi il nome e il cognome." in html
    assert "Questo indirizzo e-mail non è valido." in html
    assert 'value="anna@example"' in html
    assert not Registration.objects.exists()


def test_a_full_event_admits_a_walk_in_only_when_staff_say_so(reception_client, make_event):
    event = make_event(slug="porta-piena", capacity=1)
    url = reverse("admin:staff_checkin_walk_in", args=[event.pk])
    assert reception_client.post(url, {"name": "Prima Persona"}).status_code == 302
    response = reception_client.post(url, {"name": "Seconda Persona", "email": "s@example.org"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "I posti sono finiti" in html and 'value="Seconda Persona"' in html
    assert 'name="over_capacity"' in html
    assert Registration.objects.filter(event=event).count() == 1
    response = reception_client.post(
        url, {"name": "Seconda Persona", "email": "s@example.org", "over_capacity": "on"}
    )
    assert response.status_code == 302
    door = reception_client.get(reverse("admin:staff_checkin", args=[event.pk])).content.decode()
    assert "Oltre i posti" in door
    state = reception_client.get(reverse("admin:staff_checkin_state", args=[event.pk])).json()
    assert state["counts"] == {
        "confirmed": 2, "waitlisted": 0, "checked_in": 2, "capacity": 1, "over_capacity": 1
    }  # fmt: skip


def test_a_walk_in_with_a_registered_address_admits_that_registration(reception_client, door):
    event, people = door
    url = reverse("admin:staff_checkin_walk_in", args=[event.pk])
    response = reception_client.post(url, {"name": "Laura V.", "email": "P1@example.org"})
    assert response.status_code == 302
    people[1].refresh_from_db()
    assert people[1].checked_in_at and people[1].name == "Laura Verdi"
    assert Registration.objects.filter(event=event).count() == 4


def test_an_editor_cannot_add_a_walk_in(editor_client, make_event):
    event = make_event(slug="porta-redazione")
    url = reverse("admin:staff_checkin_walk_in", args=[event.pk])
    assert editor_client.post(url, {"name": "Qualcuno"}).status_code == 403
    assert not Registration.objects.exists()


# --- Taps sent late ------------------------------------------------------------------


def test_a_tap_queued_offline_keeps_the_time_it_was_made(reception_client, door):
    event, people = door
    tapped = timezone.now() - timedelta(minutes=7)
    url = reverse("admin:staff_checkin_toggle", args=[event.pk, people[0].pk])
    answer = reception_client.post(
        url, {"action": "in", "at": str(int(tapped.timestamp() * 1000))}, **JSON
    ).json()
    assert answer["changed"] and answer["checked_in"]
    people[0].refresh_from_db()
    assert abs((people[0].checked_in_at - tapped).total_seconds()) < 1


@pytest.mark.parametrize("at", ["", "abc", "99999999999999999999", str(10**12 * 9)])
def test_a_wrong_tap_time_counts_as_now(reception_client, door, at):
    event, people = door
    url = reverse("admin:staff_checkin_toggle", args=[event.pk, people[0].pk])
    assert reception_client.post(url, {"action": "in", "at": at}, **JSON).status_code == 200
    people[0].refresh_from_db()
    assert abs((people[0].checked_in_at - timezone.now()).total_seconds()) < 60


def test_two_phones_admitting_one_person_record_one_check_in(client, make_staff, door):
    from django.test import Client

    event, people = door
    first, second = Client(), Client()
    first.force_login(make_staff("Accoglienza", "telefono-1"))
    second.force_login(make_staff("Accoglienza", "telefono-2"))
    url = reverse("admin:staff_checkin_toggle", args=[event.pk, people[1].pk])
    earlier = str(int((timezone.now() - timedelta(minutes=3)).timestamp() * 1000))
    one = first.post(url, {"action": "in"}, **JSON).json()
    two = second.post(url, {"action": "in", "at": earlier}, **JSON).json()
    assert one["changed"] and not two["changed"]
    assert two["checked_in"] and two["by"] == "telefono-1"
    assert two["checked_in_at"] == one["checked_in_at"]
    people[1].refresh_from_db()
    assert people[1].checked_in_by.username == "telefono-1"
    entries = LogEntry.objects.filter(
        object_id=str(people[1].pk), change_message="Entrata registrata"
    )
    assert entries.count() == 1
