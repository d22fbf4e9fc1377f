"""One active registration per address (a duplicate gets a newcomer's answer), first
come first served promotion told by e-mail, capacity changes under the event's lock."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import IntegrityError, transaction

from events import services
from events.links import hash_token
from events.models import OutboxMessage, Registration
from tests.events.form_data import event_change_data, registration_data

Status = Registration.Status


def _raw_registration(event, email, status=Status.CONFIRMED, token_hash=None):
    return Registration.objects.create(
        event=event,
        name="Qualcuno",
        email=email,
        status=status,
        token_hash=token_hash or hash_token(f"{event.pk}-{email}-{status}"),
    )


def test_the_database_refuses_a_second_active_registration_even_bypassing_the_service(
    open_event, register
):
    register(open_event, "Maria@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_registration(open_event, "MARIA@example.ORG")
    assert Registration.objects.filter(event=open_event).count() == 1


def test_the_database_refuses_an_upper_case_address_written_without_save(open_event, register):
    outcome = register(open_event, "maria@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=outcome.registration.pk).update(email="Maria@example.org")


def test_after_cancelling_the_same_address_may_register_again(open_event, register):
    first = register(open_event, "maria@example.org").registration
    services.cancel(registration=first)
    again = register(open_event, "Maria@example.org")
    assert again.created
    assert again.registration.pk != first.pk
    assert Registration.objects.filter(event=open_event).count() == 2


def test_the_address_is_stored_lower_case_and_trimmed(open_event, register):
    outcome = register(open_event, "  Maria.Rossi@Example.ORG ")
    assert outcome.registration.email == "maria.rossi@example.org"
    assert Registration.objects.get().email == "maria.rossi@example.org"


def _without_signed_values(response):
    import re

    html = re.sub(r'value="[^"]*"', "", response.content.decode())
    return re.sub(r"/esito/[^/]+/", "/esito/…/", html)  # each answer has its own random key


def test_registering_twice_through_the_form_answers_alike_and_sends_the_link_again(
    client, open_event, settings, send_outbox
):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    url = f"/eventi/{open_event.slug}/iscrizione/"
    first = client.post(url, registration_data())
    second = client.post(url, registration_data(email="MARIA@example.org", name="Altra Persona"))
    send_outbox()
    assert first.status_code == second.status_code == 302
    assert first.url.split("/esito/")[0] == second.url.split("/esito/")[0]
    assert _without_signed_values(client.get(first.url)) == _without_signed_values(
        client.get(second.url)
    )
    assert Registration.objects.filter(event=open_event).count() == 1
    registration = Registration.objects.get()
    assert registration.name == "Maria Rossi"
    kinds = list(OutboxMessage.objects.order_by("pk").values_list("kind", "to"))
    assert kinds == [("confirmed", "maria@example.org"), ("lost_link", "maria@example.org")]
    assert [m.to for m in mail.outbox] == [["maria@example.org"], ["maria@example.org"]]


def test_cancelling_promotes_the_first_person_waiting_who_is_told_by_email(
    make_event, register, send_outbox
):
    event = make_event(capacity=1)
    first = register(event, "primo@example.org").registration
    second = register(event, "secondo@example.org").registration
    third = register(event, "terzo@example.org").registration
    send_outbox()
    mail.outbox.clear()

    promoted = services.cancel(registration=first)
    send_outbox()

    assert [r.pk for r in promoted] == [second.pk]
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "primo@example.org": Status.CANCELLED,
        "secondo@example.org": Status.CONFIRMED,
        "terzo@example.org": Status.WAITLISTED,
    }
    assert third.pk
    sent = {(m.to[0], m.subject.split(":")[0]) for m in mail.outbox}
    assert ("secondo@example.org", "Si è liberato un posto") in sent
    assert ("primo@example.org", "Iscrizione annullata") in sent
    assert OutboxMessage.objects.filter(kind="promoted", to="secondo@example.org").count() == 1


def test_cancelling_twice_promotes_only_once(make_event, register):
    event = make_event(capacity=1)
    first = register(event, "primo@example.org").registration
    register(event, "secondo@example.org")
    register(event, "terzo@example.org")
    services.cancel(registration=first)
    assert services.cancel(registration=first) == []
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 1


def test_raising_the_capacity_promotes_as_many_people_as_fit_in_arrival_order(make_event, register):
    event = make_event(capacity=2)
    people = [register(event, f"p{i}@example.org").registration for i in range(6)]

    promoted, warning = services.change_capacity(event=event, capacity=5)

    assert warning == ""
    assert [r.pk for r in promoted] == [people[2].pk, people[3].pk, people[4].pk]
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 5
    assert Registration.objects.get(pk=people[5].pk).status == Status.WAITLISTED
    assert OutboxMessage.objects.filter(kind="promoted").count() == 3


def test_lowering_the_capacity_below_the_confirmed_count_warns_and_removes_nobody(
    make_event, register
):
    event = make_event(capacity=5)
    for i in range(4):
        register(event, f"p{i}@example.org")

    promoted, warning = services.change_capacity(event=event, capacity=2)

    assert promoted == []
    assert "superano" in warning
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 4
    assert register(event, "nuovo@example.org").registration.status == Status.WAITLISTED


def test_changing_the_capacity_in_the_admin_goes_through_the_service_and_warns(
    superuser_client, make_event, register
):
    event = make_event(capacity=5)
    for i in range(4):
        register(event, f"p{i}@example.org")
    url = f"/admin/events/event/{event.pk}/change/"

    response = superuser_client.post(url, event_change_data(event, capacity="2"))

    assert response.status_code == 302, response.content.decode()[:3000]
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("superano" in t for t in texts), texts
    event.refresh_from_db()
    assert event.capacity == 2
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 4


def test_raising_the_capacity_in_the_admin_promotes_the_waiting_people(
    superuser_client, make_event, register
):
    event = make_event(capacity=1)
    for i in range(3):
        register(event, f"p{i}@example.org")

    response = superuser_client.post(
        f"/admin/events/event/{event.pk}/change/", event_change_data(event, capacity="3")
    )

    assert response.status_code == 302
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 3
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("promoss" in t for t in texts), texts


def test_adding_someone_by_hand_in_the_admin_respects_the_capacity(
    superuser_client, make_event, register
):
    event = make_event(capacity=1, waitlist=False)
    register(event, "primo@example.org")

    response = superuser_client.post(
        "/admin/events/registration/add/",
        {"event": event.pk, "name": "Ospite", "email": "Ospite@Example.org"},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    guest = Registration.objects.get(email="ospite@example.org")
    assert guest.status == Status.WAITLISTED  # staff bypass the refusal, not the capacity
    assert guest.token_hash and len(guest.token_hash) == 64
    assert OutboxMessage.objects.filter(registration=guest, kind="waitlisted").exists()
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 1


def test_adding_an_already_registered_address_by_hand_creates_no_second_row(
    superuser_client, open_event, register
):
    register(open_event, "maria@example.org")
    response = superuser_client.post(
        "/admin/events/registration/add/",
        {"event": open_event.pk, "name": "Maria", "email": "MARIA@example.org"},
        follow=True,
    )
    assert response.status_code == 200
    assert Registration.objects.filter(event=open_event).count() == 1
    assert "già iscritt" in response.content.decode()


def test_a_repeated_address_on_a_full_event_gets_the_answer_a_newcomer_would_get(
    client, make_event, register, settings
):
    # The early registrant is 1st in the queue; a stranger trying their address must
    # not learn that (a new registration would be 3rd), only the newcomer's answer.
    settings.EVENTS_MIN_FILL_SECONDS = 0
    event = make_event(capacity=1)
    register(event, "primo@example.org")
    register(event, "maria@example.org")
    register(event, "terzo@example.org")
    url = f"/eventi/{event.slug}/iscrizione/"
    repeated = client.get(client.post(url, registration_data(email="maria@example.org")).url)
    newcomer = client.get(client.post(url, registration_data(email="nuova@example.org")).url)
    assert "posizione 3" in repeated.content.decode()
    assert "posizione 3" in newcomer.content.decode()
    assert Registration.objects.filter(event=event, email="maria@example.org").count() == 1


def test_a_new_registration_is_told_its_real_place_in_the_queue(make_event, register):
    event = make_event(capacity=1)
    first = register(event, "primo@example.org")
    second = register(event, "secondo@example.org")
    third = register(event, "terzo@example.org")
    assert (first.public_status, first.position) == (Status.CONFIRMED, None)
    assert (second.public_status, second.position) == (Status.WAITLISTED, 1)
    assert (third.public_status, third.position) == (Status.WAITLISTED, 2)


def test_every_service_that_writes_takes_the_event_lock(open_event, register, monkeypatch):
    outcome = register(open_event, "maria@example.org")
    locked = []
    real = services.locked_event

    def spy(event):
        locked.append(event.pk)
        return real(event)

    monkeypatch.setattr(services, "locked_event", spy)
    services.check_in(registration=outcome.registration)
    services.revoke_link(registration=outcome.registration)
    services.change_capacity(event=open_event, capacity=12)
    services.promote_waitlist(event=open_event)
    services.cancel(registration=outcome.registration)
    services.anonymise(registrations=Registration.objects.filter(pk=outcome.registration.pk))
    other = register(open_event, "altra@example.org")
    services.erase(registrations=Registration.objects.filter(pk=other.registration.pk))
    assert locked == [open_event.pk] * 8
    # Re-sending a link writes only an outbox row: no lock, no wait behind a burst.
    services.issue_new_link(event=open_event, email="maria@example.org")
    assert len(locked) == 8
