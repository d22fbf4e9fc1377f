"""The admin login lockout locks the account after N failures whatever the address, and
the address after M failures whatever the username; Amministrazione unlocks, or the
cool-off ends the lock; the lockout page is in the admin frame, in Italian."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import STAFF_PASSWORD

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor(make_staff):
    return make_staff("Redazione", "redattrice")


def attempt(username, password, address):
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": password})
    return response, client


def test_the_account_locks_whatever_the_address(editor):
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt("redattrice", "sbagliata", f"10.0.0.{i + 1}")
    response, client = attempt("redattrice", STAFF_PASSWORD, "10.9.9.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Somebody else, from one of those addresses, is not locked out.
    get_user_model().objects.create_user("altra", password=STAFF_PASSWORD, is_staff=True)
    response, _client = attempt("altra", STAFF_PASSWORD, "10.0.0.1")
    assert response.status_code == 302


def test_the_address_locks_whatever_the_username(editor):
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    for i in range(limit):
        attempt(f"utente-{i}", "sbagliata", "192.0.2.7")
    response, _client = attempt("redattrice", STAFF_PASSWORD, "192.0.2.7")
    assert response.status_code == 429
    # The account itself is fine from elsewhere.
    response, _client = attempt("redattrice", STAFF_PASSWORD, "192.0.2.8")
    assert response.status_code == 302


def test_fewer_failures_than_either_limit_still_let_staff_in(editor):
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt("redattrice", "sbagliata", f"10.1.0.{i + 1}")
    for i in range(settings.AXES_ADDRESS_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT):
        attempt(f"altro-{i}", "sbagliata", "10.1.0.1")
    response, _client = attempt("redattrice", STAFF_PASSWORD, "10.1.0.1")
    assert response.status_code == 302


def test_the_lockout_page_is_in_the_admin_frame_in_italian(editor):
    for _i in range(settings.AXES_FAILURE_LIMIT):
        response, _client = attempt("redattrice", "sbagliata", "10.2.0.1")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Accesso temporaneamente bloccato" in html
    assert "Torino Social Factory – area riservata" in html  # the admin's header
    assert "Amministrazione" in html and "Django" not in html


def test_amministrazione_unlocks_the_account(editor, administration_client):
    from axes.models import AccessAttempt

    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt("redattrice", "sbagliata", f"10.3.0.{i + 1}")
    assert attempt("redattrice", STAFF_PASSWORD, "10.3.0.9")[0].status_code == 429
    changelist = reverse("admin:axes_accessattempt_changelist")
    html = administration_client.get(changelist).content.decode()
    assert "redattrice" in html and "tentativi di accesso" in html.lower()  # in Italian
    response = administration_client.post(
        changelist,
        {
            "action": "delete_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert attempt("redattrice", STAFF_PASSWORD, "10.3.0.9")[0].status_code == 302


def test_the_lock_ends_after_the_cool_off(editor):
    from axes.models import AccessAttempt

    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt("redattrice", "sbagliata", f"10.4.0.{i + 1}")
    assert attempt("redattrice", STAFF_PASSWORD, "10.4.0.9")[0].status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    )
    assert attempt("redattrice", STAFF_PASSWORD, "10.4.0.9")[0].status_code == 302


def test_editors_cannot_unlock(editor_client):
    assert editor_client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
