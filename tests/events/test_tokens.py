"""Personal links: only a hash is stored, a wrong token is a 404, reading changes nothing,
cancelling needs a POST with CSRF, a lost link is re-sent without telling who is registered."""

import re

import pytest
from django.core import mail
from django.test import Client

from events import services
from events.models import OutboxMessage, Registration

Status = Registration.Status


def test_only_the_sha256_of_the_token_is_stored(open_event, register):
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
    assert client.get(f"/iscrizione/{token}/").status_code == 404
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


def test_cancelling_by_get_is_refused_and_changes_nothing(client, open_event, register):
    outcome = register(open_event, "maria@example.org")
    assert client.get(f"/iscrizione/{outcome.token}/annulla/").status_code == 405
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


def test_cancelling_with_the_csrf_token_cancels_and_goes_back_to_the_page(open_event, register):
    outcome = register(open_event, "maria@example.org")
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/iscrizione/{outcome.token}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        f"/iscrizione/{outcome.token}/annulla/",
        {"csrfmiddlewaretoken": token},
        HTTP_ORIGIN="null",  # what browsers send under Referrer-Policy: no-referrer
    )
    assert response.status_code == 302
    assert response.url == f"/iscrizione/{outcome.token}/"
    assert Registration.objects.get().status == Status.CANCELLED
    assert "annullata" in client.get(response.url).content.decode().lower()


def _lost_link(client, email):
    from django.core import signing

    from events.forms import STARTED_SALT

    return client.post(
        "/iscrizione/link-perso/",
        {"email": email, "website": "", "started": signing.dumps(0, salt=STARTED_SALT)},
    )


def test_the_lost_link_form_answers_the_same_for_known_and_unknown_addresses(
    client, open_event, register, settings, django_capture_on_commit_callbacks
):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    register(open_event, "maria@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        known = _lost_link(client, "Maria@example.org")
        unknown = _lost_link(client, "nessuno@example.org")
    assert known.status_code == unknown.status_code == 200
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.content.decode())  # noqa: E731
    assert strip(known) == strip(unknown)
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]


def test_a_fresh_link_invalidates_the_old_one(
    client, open_event, register, django_capture_on_commit_callbacks
):
    outcome = register(open_event, "maria@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.issue_new_link(event=open_event, email="MARIA@example.org")
    new_url = re.search(r"http\S+/iscrizione/(\S+)/", mail.outbox[0].body).group(1)
    assert new_url != outcome.token
    assert client.get(f"/iscrizione/{outcome.token}/").status_code == 404
    assert client.get(f"/iscrizione/{new_url}/").status_code == 200
