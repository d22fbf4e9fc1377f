"""Another city can run the same code for its own programme: every city-specific word of
the page frame (the city, programme, fund, logos, address, IPA code, contact) comes from
the site settings and the seed, none from a template."""

import re

import pytest
from django.core.cache import cache

from torino_social_factory.models import SiteSettings

ANOTHER_CITY = {
    "site_name": "Officina Sociale di Lago Verde",
    "site_tagline": "Innovazione sociale nei quartieri di Lago Verde",
    "site_tagline_en": "Social innovation in the neighbourhoods of Lago Verde",
    "site_description": "I progetti sociali finanziati dal Comune di Lago Verde.",
    "site_description_en": "Social projects funded by the Municipality of Lago Verde.",
    "city_name": "Comune di Lago Verde",
    "city_name_en": "Municipality of Lago Verde",
    "city_url": "https://www.comune.lagoverde.example/",
    "city_address": "Piazza del Municipio, 1\n00000 Lago Verde",
    "area_name": "Lago Verde",
    "area_name_en": "Lago Verde",
    "ipa_code": "c_lagoverde",
    "contact_email": "dati@comune.lagoverde.example",
    "fund_name": "Fondo europeo di sviluppo regionale",
    "fund_name_en": "European Regional Development Fund",
    "programme_name": "PN Metro plus 2021-2027",
    "programme_axis": "Priorità 2",
    "programme_axis_en": "Priority 2",
}
# The frame (base template, header, EU strip, footer) around the home page, the open-data
# page and the "not found" page, in both languages; and the open-data descriptions.
FRAME_PAGES = ["/", "/en/", "/dati/", "/en/dati/", "/pagina-che-non-esiste/"]
MACHINE_FILES = ["/dati/catalogo.ttl", "/dati/catalogo.rdf", "/dati/datapackage.json"]
TORINO = re.compile(r"torino|turin", re.I)


@pytest.fixture
def another_city(db):
    SiteSettings.objects.create(**ANOTHER_CITY)
    cache.clear()


def torino_words(client, path):
    return sorted(set(TORINO.findall(client.get(path).content.decode())))


@pytest.mark.parametrize("path", FRAME_PAGES + MACHINE_FILES)
def test_another_citys_settings_leave_no_torino_in_the_frame(client, another_city, path):
    assert torino_words(client, path) == []


@pytest.mark.parametrize("path", ["/", "/dati/", "/pagina-che-non-esiste/"])
def test_the_frame_shows_the_other_citys_words(client, another_city, path):
    body = client.get(path).content.decode()
    for field in ("site_name", "city_name", "fund_name", "programme_name", "site_tagline"):
        assert ANOTHER_CITY[field] in body, field
    assert "Piazza del Municipio, 1<br>00000 Lago Verde" in body
    assert 'href="https://www.comune.lagoverde.example/"' in body


def test_the_english_frame_uses_the_english_settings(client, another_city):
    body = client.get("/en/").content.decode()
    for field in ("city_name_en", "fund_name_en", "site_tagline_en", "programme_axis_en"):
        assert ANOTHER_CITY[field] in body, field


def test_the_other_city_publishes_the_open_data_under_its_own_name(client, another_city):
    turtle = client.get("/dati/catalogo.ttl").content.decode()
    assert '"c_lagoverde"' in turtle and '"Comune di Lago Verde"@it' in turtle
    assert "mailto:dati@comune.lagoverde.example" in turtle


def test_the_check_finds_torino_in_the_seeded_site(client, seeded):
    """Negative control: with Torino's own settings the same check does find the word."""
    assert torino_words(client, "/") != []
    assert torino_words(client, "/dati/catalogo.ttl") != []
