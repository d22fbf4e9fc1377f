"""Safety of the staff's workspace: lockout, staff-only sessions, history."""

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse

from torino_social_factory.models import Page

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        "redattrice", password="una-password-lunga-42", is_staff=True
    )


def test_repeated_failed_logins_lock_the_account_out(client, staff_user):
    statuses = [
        client.post(LOGIN, {"username": "redattrice", "password": "sbagliata"}).status_code
        for _attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    # The form again with its error, until the limit is reached.
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    # Now even the right password is refused, with an Italian explanation.
    response = client.post(LOGIN, {"username": "redattrice", "password": "una-password-lunga-42"})
    assert response.status_code == 429
    assert "Accesso temporaneamente bloccato" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_still_let_staff_in(client, staff_user):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": "redattrice", "password": "sbagliata"})
    response = client.post(LOGIN, {"username": "redattrice", "password": "una-password-lunga-42"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_people_who_are_not_staff_cannot_log_into_the_admin(client, db):
    get_user_model().objects.create_user("cittadino", password="una-password-lunga-42")
    response = client.post(LOGIN, {"username": "cittadino", "password": "una-password-lunga-42"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/", "/il-programma/", "/admin/login/"])
def test_anonymous_visitors_get_no_session_cookie(client, db, path):
    response = client.get(path)
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_staff_sessions_end_with_the_browser_and_within_a_working_day(client, staff_user):
    response = client.post(LOGIN, {"username": "redattrice", "password": "una-password-lunga-42"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"]
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert client.session.get_expiry_age() <= 8 * 60 * 60


def test_a_change_made_in_the_admin_is_recorded_in_the_history(superuser_client):
    page = Page.objects.create(slug="faq", title="FAQ", body="<p>Vecchio</p>")
    url = reverse("admin:torino_social_factory_page_change", args=[page.pk])
    response = superuser_client.post(
        url,
        {"slug": "faq", "title": "Domande", "summary": "", "body": "<p>Nuovo</p>"}
        | {"title_en": "", "summary_en": "", "body_en": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = LogEntry.objects.get(object_id=str(page.pk))
    assert entry.action_flag == CHANGE
    history = superuser_client.get(
        reverse("admin:torino_social_factory_page_history", args=[page.pk])
    )
    assert "Domande" in history.content.decode() or entry.get_change_message() in (
        history.content.decode()
    )
