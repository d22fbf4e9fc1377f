"""The frame every public page shares: PA and EU rules, no cookies, no third parties."""

import pytest

from tests.html import is_third_party, read

SITE_PAGES = [
    "/",
    "/il-programma/",
    "/privacy/",
    "/cookie/",
    "/note-legali/",
    "/accessibilita/",
    "/faq/",
]
ALL_LANGUAGES = [(path, "it") for path in SITE_PAGES] + [
    ("/en" + path, "en") for path in SITE_PAGES
]


@pytest.fixture
def page(client, seeded):
    def get(path):
        response = client.get(path)
        assert response.status_code == 200, path
        return response

    return get


@pytest.mark.parametrize("path,language", ALL_LANGUAGES)
def test_public_page_sets_no_cookie(page, path, language):
    assert page(path).cookies == {}


@pytest.mark.parametrize("path,language", ALL_LANGUAGES)
def test_public_page_requests_nothing_from_another_host(page, path, language):
    third_party = [url for url in read(page(path)).fetched_urls() if is_third_party(url)]
    assert third_party == []


@pytest.mark.parametrize("path,language", ALL_LANGUAGES)
def test_public_page_has_the_frame_the_rules_require(page, path, language):
    html = read(page(path))
    assert html.h1_count == 1
    assert html.find("html", lang=language)
    assert any(a.get("href") == "#main" for a in html.find("a"))
    assert html.find("main", id="main")
    strip = [a for t, a in html.tags if "eu-funding" == a.get("data-element")]
    assert strip, "EU funding strip missing"
    for element in ("legal-notes", "privacy-policy-link", "accessibility-link"):
        assert html.find("a", **{"data-element": element}), element
    assert html.find("time"), "no 'Ultimo aggiornamento' date"


def test_eu_strip_names_the_union_and_the_fund_in_text(page):
    body = page("/").content.decode()
    strip = body[body.index('data-element="eu-funding"') :][:3000]
    assert "Unione europea" in strip
    assert "Fondo sociale europeo" in strip
    assert "eu-emblem" in strip


def test_accessibility_link_points_to_the_configured_agid_form(page, settings):
    html = read(page("/"))
    (link,) = html.find("a", **{"data-element": "accessibility-link"})
    assert link["href"] == settings.ACCESSIBILITY_STATEMENT_URL


def test_legal_notes_state_the_cc_by_licence(page):
    assert "CC BY 4.0" in page("/note-legali/").content.decode()


def test_programme_page_tells_the_programme_in_our_words(page):
    body = page("/il-programma/").content.decode()
    assert "Fondo sociale europeo" in body
    assert "Make a Cube" in body
    assert "quindici" in body.lower()


def test_english_page_falls_back_to_italian_marked_as_such(page):
    from torino_social_factory.models import Page

    Page.objects.filter(slug="privacy").update(body_en="")
    html = page("/en/privacy/").content.decode()
    assert '<div lang="it">' in html


def test_unknown_path_answers_an_italian_404_in_the_frame(client, seeded):
    response = client.get("/non-esiste/")
    assert response.status_code == 404
    assert "Pagina non trovata" in response.content.decode()
    assert response.cookies == {}


def test_pages_link_their_other_language_with_hreflang(page, settings):
    html = read(page("/il-programma/"))
    alternates = {
        a["hreflang"]: a["href"] for a in html.find("link", rel="alternate") if "hreflang" in a
    }
    assert alternates["it"] == f"{settings.SITE_URL}/il-programma/"
    assert alternates["en"] == f"{settings.SITE_URL}/en/il-programma/"
    assert alternates["x-default"] == alternates["it"]
    switch = [a for a in html.find("a") if a.get("hreflang") == "en"]
    assert switch and switch[0]["href"] == "/en/il-programma/"


def test_italian_dates_use_lower_case_month_names(page):
    body = page("/il-programma/").content.decode()
    months = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio"]
    months += ["agosto", "settembre", "ottobre", "novembre", "dicembre"]
    assert any(f" {m} 20" in body for m in months)
    assert not any(f" {m.capitalize()} 20" in body for m in months)
