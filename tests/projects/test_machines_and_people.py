"""Pages a person and a machine understand: breadcrumbs, the HTML site map, the home's
event card, feeds that are discoverable and valid, the sitemap, Event JSON-LD, datetime
attributes and the legal notes' markers."""

import json
import re
from xml.etree import ElementTree

import pytest

from tests.html import read
from tests.public_pages import html_pages

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_page_but_the_home_has_a_breadcrumb_ending_with_the_current_page(client, seeded):
    missing = []
    for page in html_pages():
        if page.url in ("/", "/en/"):
            continue
        response = client.get(page.url)
        if response.status_code != 200:
            continue
        html = response.content.decode()
        nav = re.search(r'<nav class="breadcrumb-container"[^>]*>(.*?)</nav>', html, re.S)
        if not nav or 'aria-current="page"' not in nav.group(1):
            missing.append(page.url)
    assert missing == []


def test_content_pages_have_a_breadcrumb(client, seeded):
    html = client.get("/note-legali/").content.decode()
    assert '<li class="breadcrumb-item active" aria-current="page">Note legali</li>' in html


def test_the_footer_site_map_link_opens_an_html_site_map(client, seeded):
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    link = re.search(r'<a href="([^"]+)">Mappa del sito</a>', footer).group(1)
    assert link == "/mappa-del-sito/"
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    for url in (
        "/progetti/abito/",
        "/organizzazioni/",
        "/eventi/",
        "/note-legali/",
        "/dati/",
        "/sitemap.xml",
    ):
        assert f'href="{url}"' in page, url
    assert client.get("/en/mappa-del-sito/").status_code == 200


def test_the_home_event_card_has_a_clear_register_button_while_registration_is_open(
    client, settings
):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed", demo=True, stdout=StringIO())
    settings.PAGE_CACHE_ENABLED = False
    html = client.get("/").content.decode()
    event_section = html[html.index('id="event-title"') :]
    event_section = event_section[: event_section.index("</section>")]
    button = re.search(
        r'<a class="btn btn-primary" href="(/eventi/[\w-]+/iscrizione/)">Iscriviti', event_section
    )
    assert button, event_section
    assert client.get(button.group(1)).status_code == 200


def test_the_card_summary_uses_the_site_font():
    from pathlib import Path

    css = Path("static/css/site.css").read_text()
    assert ".card.tsf-card .card-body .card-text { font-family: inherit; }" in css


def test_feeds_are_discoverable_from_the_pages_they_concern(client, seeded):
    for url in ("/", "/progetti/", "/progetti/abito/"):
        links = read(client.get(url)).find("link", rel="alternate")
        types = {link.get("type"): link.get("href") for link in links}
        assert types.get("application/rss+xml") == "/feed/aggiornamenti.rss", url
        assert types.get("application/atom+xml") == "/feed/aggiornamenti.atom", url
    links = read(client.get("/en/progetti/")).find("link", rel="alternate")
    assert "/en/feed/aggiornamenti.rss" in {link.get("href") for link in links}


def test_atom_entries_have_iri_ids_and_an_author_as_the_w3c_validator_requires(
    client, make_project, make_update
):
    project = make_project("Progetto con novità", title_en="Project with news")
    make_update(project, "Aperto l'orto", title_en="Garden opened")
    make_update(project, "Seconda novità")
    for url in ("/feed/aggiornamenti.atom", "/en/feed/aggiornamenti.atom"):
        root = ElementTree.fromstring(client.get(url).content)
        feed_author = root.find(f"{ATOM}author/{ATOM}name")
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == 2
        ids = [entry.find(f"{ATOM}id").text for entry in entries]
        for entry, entry_id in zip(entries, ids, strict=True):
            # RFC 4287 §4.2.6: an IRI; a tag: URI (RFC 4151) never changes.
            assert re.fullmatch(r"tag:[\w.-]+,\d{4}:project-update:\d+(:en)?", entry_id), entry_id
            author = entry.find(f"{ATOM}author/{ATOM}name")
            assert (author is not None and author.text) or (
                feed_author is not None and feed_author.text
            )
        assert len(set(ids)) == 2
    english = ElementTree.fromstring(client.get("/en/feed/aggiornamenti.atom").content)
    titles = [e.find(f"{ATOM}title").text for e in english.findall(f"{ATOM}entry")]
    assert "Project with news: Garden opened" in titles
    assert all(e.find(f"{ATOM}id").text.endswith(":en") for e in english.findall(f"{ATOM}entry"))


def test_rss_guids_are_the_same_permanent_ids(client, make_project, make_update):
    make_update(make_project(), "Novità")
    root = ElementTree.fromstring(client.get("/feed/aggiornamenti.rss").content)
    guid = root.find("channel/item/guid")
    assert guid.text.startswith("tag:") and guid.get("isPermaLink") == "false"


def test_the_event_list_is_in_the_sitemap(client, seeded):
    xml = client.get("/sitemap.xml").content.decode()
    assert re.search(r"<loc>[^<]*/eventi/</loc>", xml)
    assert re.search(r"<loc>[^<]*/en/eventi/</loc>", xml)


def test_event_json_ld_has_the_street_without_the_city_repeated(client):
    from io import StringIO

    from django.core.management import call_command

    from events.models import Event

    call_command("seed", demo=True, stdout=StringIO())
    event = Event.objects.listed().order_by("starts_at").first()
    html = client.get(event.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    address = data["location"]["address"]
    assert "Torino" not in address["streetAddress"]
    assert address["addressLocality"] == "Torino"


def test_a_postal_code_in_the_address_line_goes_to_its_own_property():
    from events.views import _postal_address

    assert _postal_address("via Bologna 32, 10152 Torino") == {
        "@type": "PostalAddress",
        "addressLocality": "Torino",
        "addressCountry": "IT",
        "postalCode": "10152",
        "streetAddress": "via Bologna 32",
    }


def test_datetime_attributes_carry_no_microseconds(client, seeded):
    for url in ("/dati/", "/progetti/abito/", "/", "/eventi/"):
        html = client.get(url).content.decode()
        for value in re.findall(r'datetime="([^"]+)"', html):
            assert not re.search(r"\.\d+", value), (url, value)


def test_legal_notes_carry_the_agid_licence_wording_and_markers(client, seeded):
    html = client.get("/note-legali/").content.decode()
    assert '<h2 data-element="legal-notes-section">Licenza dei contenuti</h2>' in html
    body = re.findall(r'<p data-element="legal-notes-body">(.*?)</p>', html, re.S)
    assert body and "open by default" in body[0] and "CC BY 4.0" in body[0]
    assert "articolo 52" in body[0]
