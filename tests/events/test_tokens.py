"""Personal links: one stable link per registration (HMAC of a salt, only its hash
stored), re-sent unchanged; a revoked or wrong link is a 404 that shows the way back;
reading changes nothing; cancelling asks first and needs a POST with CSRF; a lost link
is re-sent without telling who is registered."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events import services
from events.links import personal_token
from events.models import OutboxMessage, Registration
from tests.events.form_data import registration_data, started_token

Status = Registration.Status


def test_only_the_sha256_of_the_token_and_its_salt_are_stored(open_event, register):
    outcome = register(open_event, "maria@example.org")
    row = Registration.objects.filter(pk=outcome.registration.pk).values().get()
    assert len(outcome.token) >= 43  # at least 256 bits in base64url
    assert row["token_hash"] == services.hash_token(outcome.token)
    assert outcome.token not in {str(v) for v in row.values()}


@pytest.mark.parametrize(
    "token", ["sbagliato", "x" * 43, "%00%ff", "a" * 5000, "../../admin", "😀" * 20]
)
def test_a_wrong_or_garbage_token_is_a_404(client, open_event, register, token):
    register(open_event, "maria@example.org")
    response = client.get(f"/iscrizione/{token}/")
    assert response.status_code == 404
    if "/" not in token:  # a token the personal page's address can hold
        assert "/iscrizione/link-perso/" in response.content.decode()
    assert client.post(f"/iscrizione/{token}/annulla/").status_code in {403, 404}
    assert Registration.objects.get().status == Status.CONFIRMED


def test_visiting_the_personal_page_changes_nothing_but_the_first_verification(
    client, open_event, register
):
    outcome = register(open_event, "maria@example.org")
    before = Registration.objects.filter(pk=outcome.registration.pk).values().get()
    messages = OutboxMessage.objects.count()

    assert client.get(f"/iscrizione/{outcome.token}/").status_code == 200
    first = Registration.objects.filter(pk=outcome.registration.pk).values().get()
    assert client.get(f"/iscrizione/{outcome.token}/").status_code == 200
    second = Registration.objects.filter(pk=outcome.registration.pk).values().get()

    assert before["email_verified_at"] is None
    assert first["email_verified_at"] is not None
    assert second == first
    assert {k: v for k, v in first.items() if k != "email_verified_at"} == {
        k: v for k, v in before.items() if k != "email_verified_at"
    }
    assert OutboxMessage.objects.count() == messages


def test_the_personal_page_is_noindex_and_sends_no_referrer(client, open_event, register):
    outcome = register(open_event, "maria@example.org")
    response = client.get(f"/iscrizione/{outcome.token}/")
    html = response.content.decode()
    assert re.search(r'<meta name="robots" content="noindex[^"]*">', html)
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response.get("Cache-Control", "") or "max-age=0" in response.get(
        "Cache-Control", ""
    )


def test_the_cancel_link_asks_for_confirmation_and_changes_nothing(client, open_event, register):
    outcome = register(open_event, "maria@example.org")
    page = client.get(f"/iscrizione/{outcome.token}/").content.decode()
    assert f'href="/iscrizione/{outcome.token}/annulla/"' in page
    assert f'action="/iscrizione/{outcome.token}/annulla/"' not in page  # no one-tap cancel
    confirm = client.get(f"/iscrizione/{outcome.token}/annulla/")
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Vuoi annullare l'iscrizione?" in html
    assert f'action="/iscrizione/{outcome.token}/annulla/"' in html
    assert confirm["Referrer-Policy"] == "no-referrer"
    assert Registration.objects.get().status == Status.CONFIRMED
    assert client.head(f"/iscrizione/{outcome.token}/annulla/").status_code == 200
    assert Registration.objects.get().status == Status.CONFIRMED


def test_cancelling_without_the_csrf_token_is_a_403_and_nothing_is_cancelled(open_event, register):
    outcome = register(open_event, "maria@example.org")
    client = Client(enforce_csrf_checks=True)
    client.get(f"/iscrizione/{outcome.token}/")
    response = client.post(f"/iscrizione/{outcome.token}/annulla/")
    assert response.status_code == 403
    assert "Ricarica la pagina" in response.content.decode() or "sicurezza" in (
        response.content.decode()
    )
    assert Registration.objects.get().status == Status.CONFIRMED


def _csrf(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_cancelling_with_the_csrf_token_cancels_and_goes_back_to_the_page(open_event, register):
    outcome = register(open_event, "maria@example.org")
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/iscrizione/{outcome.token}/annulla/").content.decode()
    response = client.post(
        f"/iscrizione/{outcome.token}/annulla/",
        {"csrfmiddlewaretoken": _csrf(page)},
        HTTP_ORIGIN="null",  # what browsers send under Referrer-Policy: no-referrer
    )
    assert response.status_code == 302
    assert response.url == f"/iscrizione/{outcome.token}/"
    assert Registration.objects.get().status == Status.CANCELLED
    assert "annullata" in client.get(response.url).content.decode().lower()


def _lost_link(client, email):
    return client.post(
        "/iscrizione/link-perso/", {"email": email, "website": "", "started": started_token()}
    )


def _links(messages):
    return [re.search(r"http\S+/iscrizione/([^/\s]+)/", m.body).group(1) for m in messages]


def test_the_lost_link_form_answers_the_same_for_known_and_unknown_addresses(
    client, open_event, register, settings, send_outbox
):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    register(open_event, "maria@example.org")
    send_outbox()
    _lost_link(client, "qualcuno@example.org")  # warm the per-process caches first
    send_outbox()
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as known_queries:
        known = _lost_link(client, "Maria@example.org")
    with CaptureQueriesContext(connection) as unknown_queries:
        unknown = _lost_link(client, "nessuno@example.org")
    assert known.status_code == unknown.status_code == 200
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.content.decode())  # noqa: E731
    assert strip(known) == strip(unknown)
    # The same work for both (one outbox row, no lookup): nothing to time. The sender
    # looks the address up afterwards.
    shape = lambda queries: [re.sub(r"'[^']*'|\d+", "?", q["sql"]) for q in queries]  # noqa: E731
    assert shape(known_queries.captured_queries) == shape(unknown_queries.captured_queries)
    assert mail.outbox == []
    send_outbox()
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]
    assert not OutboxMessage.objects.filter(to="nessuno@example.org").exists()


def test_the_stable_link_survives_a_repeated_registration_a_lost_link_and_a_promotion(
    client, make_event, register, settings, send_outbox
):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    event = make_event(capacity=1)
    register(event, "primo@example.org")
    outcome = register(event, "maria@example.org")  # waitlisted
    send_outbox()

    # Someone types Maria's address into the form again, she asks for her link, and
    # then a place frees up: every e-mail carries the same link, which keeps working.
    client.post(f"/eventi/{event.slug}/iscrizione/", registration_data(email="maria@example.org"))
    _lost_link(client, "maria@example.org")
    services.cancel(registration=Registration.objects.get(email="primo@example.org"))
    send_outbox()

    to_maria = [m for m in mail.outbox if m.to == ["maria@example.org"]]
    assert len(to_maria) == 4  # waitlisted, link again, lost link, promoted
    assert set(_links(to_maria)) == {outcome.token}
    assert any("Si è liberato un posto" in m.subject for m in to_maria)
    assert client.get(f"/iscrizione/{outcome.token}/").status_code == 200


def test_a_revoked_link_is_a_404_that_shows_the_way_back_and_the_new_one_works(
    open_event, register, send_outbox
):
    outcome = register(open_event, "maria@example.org")
    send_outbox()
    mail.outbox.clear()
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/iscrizione/{outcome.token}/").content.decode()
    response = client.post(
        f"/iscrizione/{outcome.token}/nuovo-link/",
        {"csrfmiddlewaretoken": _csrf(page)},
        HTTP_ORIGIN="null",
    )
    assert response.status_code == 302
    new_token = response.url.split("/iscrizione/")[1].split("/")[0]
    assert new_token != outcome.token
    assert "Il link precedente non funziona più" in client.get(response.url).content.decode()

    old = client.get(f"/iscrizione/{outcome.token}/")
    assert old.status_code == 404
    html = old.content.decode()
    assert 'href="/iscrizione/link-perso/"' in html
    assert "Link non valido" in html
    assert client.post(f"/iscrizione/{outcome.token}/annulla/").status_code in {403, 404}
    assert Registration.objects.get().status == Status.CONFIRMED

    send_outbox()
    assert _links(mail.outbox) == [new_token]
    assert client.get(f"/iscrizione/{new_token}/").status_code == 200


def test_revoking_needs_a_post_with_csrf(open_event, register):
    outcome = register(open_event, "maria@example.org")
    client = Client(enforce_csrf_checks=True)
    assert client.get(f"/iscrizione/{outcome.token}/nuovo-link/").status_code == 405
    assert client.post(f"/iscrizione/{outcome.token}/nuovo-link/").status_code == 403
    assert client.get(f"/iscrizione/{outcome.token}/").status_code == 200


def test_the_link_is_derived_from_the_key_and_a_rotated_key_keeps_old_links(
    client, open_event, register, settings, send_outbox
):
    outcome = register(open_event, "maria@example.org")
    row = Registration.objects.get()
    assert row.token_salt and outcome.token not in row.token_salt
    assert personal_token(row) == outcome.token

    settings.REGISTRATION_LINK_KEY_FALLBACKS = [settings.REGISTRATION_LINK_KEY]
    settings.REGISTRATION_LINK_KEY = "una-nuova-chiave-" + "x" * 40
    assert client.get(f"/iscrizione/{outcome.token}/").status_code == 200
    services.issue_new_link(event=open_event, email="maria@example.org")
    assert _links(send_outbox())[-1] == outcome.token  # still re-sent unchanged

    # Dropping the old key: its links stop, and the next e-mail carries a new one.
    settings.REGISTRATION_LINK_KEY_FALLBACKS = []
    services.issue_new_link(event=open_event, email="maria@example.org")
    fresh = _links(send_outbox())[-1]
    assert fresh != outcome.token
    assert client.get(f"/iscrizione/{fresh}/").status_code == 200
    assert client.get(f"/iscrizione/{outcome.token}/").status_code == 404


def test_the_lost_link_works_after_someone_else_cancelled(
    client, make_event, register, settings, send_outbox
):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    event = make_event()
    maria = register(event, "maria@example.org")
    other = register(event, "altro@example.org")
    services.cancel(registration=other.registration)
    send_outbox()
    mail.outbox.clear()
    assert _lost_link(client, "maria@example.org").status_code == 200
    send_outbox()
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]
    assert _links(mail.outbox) == [maria.token]


def test_the_lost_link_skips_a_cancelled_or_past_registration(
    client, make_event, register, settings, send_outbox
):
    from datetime import timedelta

    from django.utils import timezone

    settings.EVENTS_MIN_FILL_SECONDS = 0
    cancelled = make_event(slug="annullato")
    services.cancel(registration=register(cancelled, "maria@example.org").registration)
    past = make_event(slug="passato")
    register(past, "maria@example.org")
    past.starts_at = timezone.now() - timedelta(days=2)
    past.ends_at = past.starts_at + timedelta(hours=3)
    past.save()
    send_outbox()
    mail.outbox.clear()
    _lost_link(client, "maria@example.org")
    send_outbox()
    assert mail.outbox == []
