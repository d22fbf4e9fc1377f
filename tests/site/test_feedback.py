"""The "Questa pagina ti è stata utile?" form: cookie-less, no personal data, no abuse."""

import pytest

from torino_social_factory.context_processors import feedback_token
from torino_social_factory.models import PageFeedback

pytestmark = pytest.mark.django_db


def post(client, **overrides):
    data = {"useful": "yes", "comment": "", "path": "/il-programma/", "website": ""}
    data["form_token"] = feedback_token()
    data.update(overrides)
    return client.post("/feedback/", data)


def test_feedback_is_stored_without_personal_data_or_cookies(client):
    response = post(client, useful="no", comment="Manca l'orario")
    assert response.status_code == 200
    assert response.cookies == {}
    stored = PageFeedback.objects.get()
    assert (stored.path, stored.useful, stored.comment) == (
        "/il-programma/",
        False,
        "Manca l'orario",
    )


def test_feedback_form_on_pages_needs_no_csrf_cookie(client, seeded):
    page = client.get("/il-programma/")
    assert page.cookies == {}
    token = page.content.decode().split('name="form_token" value="')[1].split('"')[0]
    response = post(client, form_token=token)
    assert response.status_code == 200
    assert PageFeedback.objects.count() == 1


def test_feedback_without_token_is_refused_in_italian(client):
    response = post(client, form_token="")
    assert response.status_code == 403
    assert "Riscontro non accettato" in response.content.decode()
    assert PageFeedback.objects.count() == 0


def test_feedback_from_another_site_is_refused(client):
    response = client.post(
        "/feedback/",
        {"useful": "yes", "path": "/", "form_token": feedback_token()},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert PageFeedback.objects.count() == 0


def test_feedback_honeypot_stores_nothing_but_answers_politely(client):
    response = post(client, website="http://spam.example")
    assert response.status_code == 200
    assert PageFeedback.objects.count() == 0


def test_feedback_without_answer_explains_in_italian(client):
    response = post(client, useful="")
    assert response.status_code == 400
    assert "Scegli «Sì» o «No»." in response.content.decode()
    assert PageFeedback.objects.count() == 0


@pytest.mark.parametrize("path", ["https://evil.example/", "//evil.example", "x" * 600])
def test_feedback_rejects_foreign_or_huge_paths(client, path):
    assert post(client, path=path).status_code == 400
    assert PageFeedback.objects.count() == 0


def test_feedback_is_rate_limited_per_address(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    statuses = [post(client).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert PageFeedback.objects.count() == 2


def test_feedback_get_is_not_allowed(client):
    assert client.get("/feedback/").status_code == 405
