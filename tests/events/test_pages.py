"""Public event pages: lists, states, unlisted events, calendar, JSON-LD, no cookies."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.html import is_third_party, read


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_the_list_shows_upcoming_before_past_and_only_public_published_events(client, make_event):
    now = timezone.now()
    make_event(slug="passato", title="Evento passato", starts_at=now - timedelta(days=10),
               ends_at=now - timedelta(days=10) + timedelta(hours=2))  # fmt: skip
    make_event(slug="futuro", title="Evento futuro")
    make_event(slug="bozza", title="Evento in bozza", is_published=False)
    make_event(slug="riservato", title="Laboratorio riservato", visibility="unlisted")
    html = client.get("/eventi/").content.decode()
    assert html.index("Evento futuro") < html.index("Evento passato")
    assert "Evento in bozza" not in html
    assert "Laboratorio riservato" not in html


def test_an_unlisted_event_needs_its_key_and_stays_out_of_lists_and_sitemap(client, make_event):
    event = make_event(slug="riservato", title="Laboratorio riservato", visibility="unlisted")
    assert client.get("/eventi/riservato/").status_code == 404
    assert client.get("/eventi/riservato/?chiave=sbagliata").status_code == 404
    assert client.get("/eventi/riservato/iscrizione/").status_code == 404
    assert client.get("/eventi/riservato/evento.ics").status_code == 404
    response = client.get(f"/eventi/riservato/?chiave={event.access_key}")
    assert response.status_code == 200
    assert read(response).find("meta", name="robots")[0]["content"].startswith("noindex")
    assert "riservato" not in client.get("/sitemap.xml").content.decode()
    assert "Laboratorio riservato" not in client.get("/eventi/").content.decode()
    assert "Laboratorio riservato" not in client.get("/").content.decode()


def _state(client, event):
    html = client.get(f"/eventi/{event.slug}/").content.decode()
    return re.search(r'data-state="([a-z_]+)"', html).group(1), html


def test_each_registration_state_is_shown_clearly(client, make_event, register):
    now = timezone.now()
    assert (
        _state(client, make_event(slug="a", registration_opens_at=now + timedelta(days=2)))[0]
        == "not_open"
    )
    assert (
        _state(client, make_event(slug="b", registration_closes_at=now - timedelta(hours=1)))[0]
        == "closed"
    )
    over = make_event(slug="c", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1))
    state, html = _state(client, over)
    assert state == "over" and "concluso" in html
    full = make_event(slug="d", capacity=1, waitlist=False)
    register(full, "a@example.org")
    state, html = _state(client, full)
    assert state == "full" and "esauriti" in html
    assert "/eventi/d/iscrizione/" not in html
    waiting = make_event(slug="e", capacity=1)
    register(waiting, "a@example.org")
    state, html = _state(client, waiting)
    assert state == "open" and "lista d'attesa" in html
    places = make_event(slug="f", capacity=5)
    register(places, "a@example.org")
    state, html = _state(client, places)
    assert state == "open" and "Restano 4 posti" in html


def test_the_ics_download_is_a_valid_calendar(client, open_event):
    response = client.get(f"/eventi/{open_event.slug}/evento.ics")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR") and "METHOD:PUBLISH" in body
    assert f"UID:tsf-event-{open_event.pk}@" in body
    assert "via Regaldi 7/11" in body.replace("\r\n ", "")


def test_the_detail_page_has_parseable_event_json_ld(client, open_event):
    html = client.get(f"/eventi/{open_event.slug}/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = [json.loads(b) for b in blocks]
    events = [d for d in data if d.get("@type") == "Event"]
    assert len(events) == 1
    assert events[0]["name"] == open_event.title
    # The street alone: the city is addressLocality, not repeated.
    assert events[0]["location"]["address"]["streetAddress"] in open_event.address


def test_a_title_with_a_script_tag_cannot_break_out_of_the_json_ld(client, make_event):
    make_event(slug="x", title="</script><script>alert(1)</script>")
    html = client.get("/eventi/x/").content.decode()
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("path", ["/eventi/", "/eventi/evento/"])
def test_the_public_pages_set_no_cookie_have_one_h1_and_fetch_nothing_third_party(
    client, open_event, path
):
    response = client.get(path)
    assert response.status_code == 200
    assert response.cookies == {}
    page = read(response)
    assert page.h1_count == 1
    assert [u for u in page.fetched_urls() if is_third_party(u)] == []


def test_the_list_costs_the_same_queries_for_one_or_ten_events(client, make_event, count_queries):
    make_event(slug="e0")
    one = count_queries(client, "/eventi/")
    for i in range(1, 10):
        make_event(slug=f"e{i}")
    assert count_queries(client, "/eventi/") == one


def test_the_detail_costs_the_same_queries_for_one_or_ten_registrations(
    client, open_event, register, count_queries
):
    register(open_event, "p0@example.org")
    one = count_queries(client, "/eventi/evento/")
    for i in range(1, 10):
        register(open_event, f"p{i}@example.org")
    assert count_queries(client, "/eventi/evento/") == one


def test_without_coordinates_there_is_no_map_only_the_address_and_the_osm_link(client, open_event):
    body = client.get(open_event.get_absolute_url()).content.decode()
    assert "<address" in body and "via Regaldi 7/11" in body
    assert "Apri su OpenStreetMap" in body
    assert "data-map-widget" not in body
    assert "js/map.js" not in body


def test_with_coordinates_the_map_waits_for_the_button_and_loads_nothing_third_party(
    client, make_event
):
    event = make_event(latitude="45.091000", longitude="7.697000")
    response = client.get(event.get_absolute_url())
    html = read(response)
    body = response.content.decode()
    assert "Mostra mappa" in body
    assert html.find("script", id="map-places", type="application/json")
    assert any(src.endswith("js/map.js") for src in html.fetched_urls())
    assert [url for url in html.fetched_urls() if is_third_party(url)] == []
    assert "leaflet.js" not in " ".join(html.fetched_urls())
    assert response.cookies == {}


def test_the_programme_shows_once_it_has_items_and_follows_each_change(client, open_event):
    """Which events have a programme is kept for the content version: an item added or
    removed bumps it, and the page shows the programme or says it is coming."""
    coming = "Il programma dettagliato sarà pubblicato qui appena disponibile."
    url = open_event.get_absolute_url()
    assert coming in client.get(url).content.decode()
    item = open_event.agenda.create(title="Saluti di benvenuto")
    html = client.get(url).content.decode()
    assert "Saluti di benvenuto" in html and coming not in html
    item.delete()
    assert coming in client.get(url).content.decode()
