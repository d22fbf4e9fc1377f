"""HTML goes out compressed when the client accepts it and nothing in it belongs to one
visitor; pages carrying a CSRF token stay uncompressed (BREACH)."""

import gzip
import re

import brotli
import pytest
from django.urls import reverse

from tests.public_pages import html_pages
from torino_social_factory.compression import accepted_encoding

pytestmark = pytest.mark.django_db

FORM_PAGES = ("registration form", "lost link")


def decoded(response):
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(response.content)
    if encoding == "gzip":
        return gzip.decompress(response.content)
    assert encoding is None, encoding
    return response.content


def same_page(one, other):
    # The feedback form's signed token carries the second it was made in.
    token = re.compile(rb'name="form_token" value="[^"]*"')
    return token.sub(b"", one) == token.sub(b"", other)


@pytest.mark.parametrize("cache_enabled", [True, False], ids=["page cache", "no page cache"])
def test_every_anonymous_public_page_is_sent_compressed(client, seeded, settings, cache_enabled):
    settings.PAGE_CACHE_ENABLED = cache_enabled
    for page in html_pages():
        if page.kind.startswith(FORM_PAGES):
            continue
        for visit in ("first", "again"):  # a cache miss, then a hit
            response = client.get(page.url, headers={"accept-encoding": "gzip, deflate, br"})
            assert response.status_code == 200, page.url
            assert response.headers.get("Content-Encoding") == "br", (page.url, visit)
            assert "Accept-Encoding" in response.headers["Vary"], page.url
            assert int(response["Content-Length"]) == len(response.content), page.url
            plain = client.get(page.url)
            assert plain.headers.get("Content-Encoding") is None, page.url
            assert same_page(decoded(response), plain.content), page.url


def test_gzip_for_clients_without_brotli_and_nothing_for_those_that_refuse(client, seeded):
    for _ in range(2):
        assert client.get("/", headers={"accept-encoding": "gzip"})["Content-Encoding"] == "gzip"
    refusing = client.get("/", headers={"accept-encoding": "br;q=0, gzip;q=0"})
    assert refusing.headers.get("Content-Encoding") is None
    assert b"<!doctype html>" in refusing.content


def test_open_data_and_feeds_are_compressed_too(client, seeded):
    for url in ("/dati/progetti.json", "/dati/progetti.csv", "/dati/luoghi.geojson"):
        response = client.get(url, headers={"accept-encoding": "br"})
        assert response["Content-Encoding"] == "br", url
        plain = client.get(url).content
        # The exports say when they were made: allow that one line to differ.
        assert len(set(decoded(response).splitlines()) ^ set(plain.splitlines())) <= 2, url


def test_a_page_with_a_csrf_token_is_never_compressed(client, open_event):
    url = reverse("events:register", kwargs={"slug": open_event.slug})
    tokens = set()
    for _ in range(2):
        response = client.get(url, headers={"accept-encoding": "gzip, br"})
        assert response.status_code == 200
        assert response.headers.get("Content-Encoding") is None
        html = response.content.decode()
        tokens |= set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    # And Django masks the token anew in every answer, the other half of the defence.
    assert len(tokens) == 2


def test_the_lost_link_form_and_form_answers_are_not_compressed(client, seeded):
    url = reverse("events:lost_link")
    page = client.get(url, headers={"accept-encoding": "br"})
    assert page.headers.get("Content-Encoding") is None
    answer = client.post(url, {"email": "chi@example.org"}, headers={"accept-encoding": "br"})
    assert answer.headers.get("Content-Encoding") is None


def test_staff_pages_are_not_compressed(editor_client, seeded):
    response = editor_client.get("/admin/", headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") is None


def test_a_compressed_page_still_answers_revalidation_with_304(client, seeded):
    first = client.get("/il-programma/", headers={"accept-encoding": "br"})
    etag = first.headers["ETag"]
    assert etag.startswith('W/"'), "one page, several encodings: a weak validator"
    again = client.get("/il-programma/", headers={"accept-encoding": "br", "if-none-match": etag})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0.0, gzip;q=0", None),
        ("*", "br"),
        ("identity", None),
    ],
)
def test_the_encoding_follows_accept_encoding(rf, header, expected):
    request = rf.get("/", headers={"accept-encoding": header} if header else {})
    assert accepted_encoding(request) == expected
