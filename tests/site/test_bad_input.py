"""Bad input gets a clear Italian 4xx page, never a 500."""

import pytest
from django.test import Client

from torino_social_factory.context_processors import feedback_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["%ff%fe", "a=%00", "&&&==", "q=" + "x" * 5000, "page=-1&page=abc", "%E0%A4%A"],
)
def test_malformed_query_strings_never_give_500(client, seeded, query):
    assert client.get(f"/?{query}").status_code == 200


def test_non_utf8_feedback_body_is_a_4xx(client):
    response = client.post(
        "/feedback/",
        data=b"useful=\xff\xfe&path=/\xff&form_token=" + feedback_token().encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert 400 <= response.status_code < 500


def test_oversized_body_is_a_400_in_italian(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client = Client(raise_request_exception=False)
    response = client.post(
        "/feedback/",
        {"useful": "yes", "path": "/", "comment": "x" * 5000, "form_token": feedback_token()},
    )
    assert response.status_code == 400
    assert "Richiesta non valida" in response.content.decode()


def test_unknown_english_path_is_a_404(client, db):
    assert client.get("/en/does-not-exist/").status_code == 404
