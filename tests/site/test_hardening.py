"""Hardening beyond the production settings tests: every public page (cached or
not, Italian or English, 404 too) carries the headers; the CSP forbids inline scripts
*and* styles, so the pages must not contain any; production cookies are secure."""

import json

import pytest

from tests.html import read
from tests.public_pages import NOT_FOUND_URLS, html_pages
from tests.site.test_production_settings import manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False


def csp_directives(response):
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_hardened(response, url):
    csp = csp_directives(response)
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in csp.get(directive, []), (url, directive)
        assert "'unsafe-eval'" not in csp.get(directive, []), (url, directive)
    assert "style-src" in csp, url  # else default-src would apply: make it explicit
    assert csp["frame-ancestors"] == ["'none'"], url
    assert csp["object-src"] == ["'none'"], url
    assert csp["base-uri"] == ["'self'"], url
    assert csp["form-action"] == ["'self'"], url
    headers = response.headers
    assert headers["X-Frame-Options"] == "DENY", url
    assert headers["X-Content-Type-Options"] == "nosniff", url
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", url
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in headers["Permissions-Policy"], url
    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    ), url


def test_every_public_page_carries_the_headers_first_and_from_the_cache(client, seeded, production):
    for page in html_pages():
        for visit in ("miss", "hit"):
            response = client.get(page.url, secure=True)
            assert response.status_code == 200, page.url
            assert_hardened(response, f"{page.url} ({visit})")


@pytest.mark.parametrize("url", NOT_FOUND_URLS)
def test_the_404_page_carries_the_headers(client, seeded, production, url):
    response = client.get(url, secure=True)
    assert response.status_code == 404
    assert_hardened(response, url)


def test_a_304_carries_the_headers(client, seeded, production):
    etag = client.get("/", secure=True).headers["ETag"]
    response = client.get("/", secure=True, headers={"If-None-Match": etag})
    assert response.status_code == 304
    # A 304 has no body: the browser keeps the headers (CSP included) of the copy it
    # revalidated (RFC 9111 §4.3.4). The transport headers are still sent.
    assert response.content == b""
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_contain_no_inline_script_style_or_event_handler(client, seeded):
    """The CSP would block them: the page would silently lose behaviour or looks."""
    urls = [page.url for page in html_pages()] + NOT_FOUND_URLS
    for url in urls:
        html = read(client.get(url))
        for tag, attrs in html.tags:
            where = f"{url}: <{tag} {attrs}>"
            assert tag != "style", where
            if tag == "script":
                assert attrs.get("src") or attrs.get("type") == "application/ld+json", where
            assert "style" not in attrs, where
            assert not [name for name in attrs if name.startswith("on")], where
            assert not str(attrs.get("href", "")).lower().startswith("javascript:"), where


PRINT_COOKIE_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in (
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DEBUG")}))
"""


def production_settings(**overrides):
    result = manage("shell", "-c", PRINT_COOKIE_SETTINGS, **overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_http_only_and_same_site():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    assert values["CSRF_COOKIE_SAMESITE"] in {"Lax", "Strict"}


def test_production_admin_login_sets_only_secure_cookies(client, seeded, settings):
    settings.DEBUG = False
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.get("/admin/login/", secure=True)
    assert response.cookies, "the login form needs its CSRF cookie"
    for cookie in response.cookies.values():
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"], cookie.key
