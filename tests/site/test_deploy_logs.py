"""One parseable line per request, with timing, and nothing that identifies a person:
no e-mail address, no personal token, no query string, no IP address."""

import json
import logging

import pytest

from torino_social_factory.request_log import redact_path

pytestmark = pytest.mark.django_db


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record.getMessage())


@pytest.fixture
def request_lines():
    handler = Lines()
    logger = logging.getLogger("tsf.request")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@pytest.fixture
def django_lines():
    handler = Lines()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


def one_line(lines):
    assert len(lines) == 1, lines
    return json.loads(lines[0])


def test_a_page_is_one_json_line_with_status_route_and_timing(client, seeded, request_lines):
    client.get("/eventi/")
    line = one_line(request_lines)
    assert line["method"] == "GET"
    assert line["path"] == "/eventi/"
    assert line["route"] == "events:list"
    assert line["status"] == 200
    assert isinstance(line["ms"], float) and line["ms"] >= 0
    assert line["bytes"] > 1000
    assert line["staff"] is False
    assert line["time"].endswith("+00:00")


def test_a_cached_page_says_so(client, seeded, request_lines):
    client.get("/eventi/")
    client.get("/eventi/")
    assert [json.loads(line)["cache"] for line in request_lines] == ["miss", "hit"]


def test_the_personal_page_is_logged_without_its_token(client, open_event, register, request_lines):
    outcome = register(open_event, "maria.rossi@example.org")
    token = outcome.token
    assert client.get(f"/iscrizione/{token}/").status_code == 200
    client.get(f"/en/iscrizione/{token}/annulla/")
    assert len(request_lines) == 2
    for raw in request_lines:
        assert token not in raw
        assert "maria.rossi" not in raw and "example.org" not in raw
    assert json.loads(request_lines[0])["path"] == "/iscrizione/:token/"
    assert json.loads(request_lines[1])["path"] == "/en/iscrizione/:token/annulla/"


def test_an_unknown_token_is_redacted_in_our_line_and_in_djangos(
    client, db, request_lines, django_lines
):
    token = "Zx_3kQ9vLmN2pR7sT1uW4yA6bC8dE0fGhIjKlMnOpQr"
    client.get(f"/iscrizione/{token}/")
    client.get(f"/iscrizione/{token}")  # without the slash: redirected before any view
    assert len(request_lines) == 2
    assert all(token not in raw for raw in request_lines + django_lines)


def test_query_strings_and_form_fields_never_reach_the_log(client, seeded, request_lines, settings):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    client.get("/progetti/?q=mario.rossi@example.org&quartiere=3")
    client.post("/iscrizione/link-perso/", {"email": "mario.rossi@example.org"})
    assert len(request_lines) == 2
    for raw in request_lines:
        assert "mario" not in raw and "example.org" not in raw and "q=" not in raw
        assert "127.0.0.1" not in raw
    assert json.loads(request_lines[0])["path"] == "/progetti/"


def test_a_staff_request_is_marked_without_naming_the_person(editor_client, request_lines):
    editor_client.get("/admin/")
    line = one_line(request_lines)
    assert line["staff"] is True
    assert "redazione" not in request_lines[0].lower()


def test_static_and_media_requests_are_logged_too(client, db, request_lines):
    client.get("/media/nothing-here.jpg")
    assert one_line(request_lines)["status"] == 404


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/progetti/una-lunga-storia-di-inclusione-sociale/", None),
        ("/static/css/site.3f2a9b1c7d4e.css", None),
        ("/cerca/maria.rossi@example.org/", "/cerca/:redacted/"),
        ("/x/aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1x/", "/x/:redacted/"),
    ],
)
def test_what_looks_like_a_secret_or_an_address_is_redacted_and_slugs_are_kept(path, logged):
    assert redact_path(path) == (logged or path)
