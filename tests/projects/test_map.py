"""The map: a place pinned in the admin shows on the map and in the GeoJSON at once; the
place list grouped by circoscrizione and quartiere; the address service only on staff
pages."""

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def map_places(response):
    match = re.search(
        r'<script id="map-places" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1)) if match else []


def project_change_post(project, place, **place_fields):
    """What the browser sends back from the change form: every field as it is."""
    from django.forms.models import model_to_dict

    lead = project.participations.get(role="lead")
    data = {}
    for key, value in model_to_dict(project).items():
        if key in ("cover_image", "id"):
            continue
        if isinstance(value, list):
            data[key] = [str(item.pk) for item in value]
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        else:
            data[key] = "" if value is None else str(value)
    data.update(
        {
            "participations-TOTAL_FORMS": "1",
            "participations-INITIAL_FORMS": "1",
            "participations-0-id": str(lead.pk),
            "participations-0-project": str(project.pk),
            "participations-0-organisation": str(lead.organisation_id),
            "participations-0-role": "lead",
            "places-TOTAL_FORMS": "1",
            "places-INITIAL_FORMS": "1",
            "places-0-id": str(place.pk),
            "places-0-project": str(project.pk),
            "places-0-name": place.name,
            "places-0-name_en": "",
            "places-0-address": place.address,
            "places-0-neighbourhood": str(place.neighbourhood_id or ""),
            **{f"places-0-{key}": value for key, value in place_fields.items()},
        }
    )
    for prefix in ("images", "updates", "sources"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


def test_a_place_pinned_in_the_admin_shows_on_the_map_and_in_the_geojson_at_once(
    client, editor_client, seeded, settings
):
    from projects.models import Place

    settings.PAGE_CACHE_ENABLED = True
    place = Place.objects.get(project__slug="non-di-solo-pane")
    before = client.get("/mappa/")  # now in the page cache
    assert map_places(before) == []
    assert "Nessun luogo sulla mappa" in before.content.decode()

    url = reverse("admin:projects_project_change", args=[place.project_id])
    response = editor_client.post(
        url, project_change_post(place.project, place, latitude="45.082310", longitude="7.694110")
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    after = map_places(client.get("/mappa/"))
    assert [(p["name"], p["lat"], p["lon"]) for p in after] == [
        ("Laboratori di Barriera", 45.08231, 7.69411)
    ]
    geojson = client.get("/dati/luoghi.geojson").json()
    coordinates = [f["geometry"]["coordinates"] for f in geojson["features"] if f["geometry"]]
    assert [7.69411, 45.08231] in [[round(x, 6) for x in c] for c in coordinates]
    # The project page shows the map too, and the filtered map keeps it.
    assert map_places(client.get("/progetti/non-di-solo-pane/"))
    assert map_places(client.get("/mappa/?circoscrizione=6"))
    assert map_places(client.get("/mappa/?circoscrizione=2")) == []


def test_the_map_list_is_grouped_by_circoscrizione_then_quartiere(client, seeded):
    html = client.get("/mappa/").content.decode()
    headings = re.findall(r"<h([34])[^>]*>(?:<a [^>]+>)?([^<]+)", html)
    districts = [text for level, text in headings if level == "3"]
    assert districts == [
        "Circoscrizione 1",
        "Circoscrizione 2",
        "Circoscrizione 5",
        "Circoscrizione 6",
        "Circoscrizione 8",
        "Altri luoghi",
    ]
    barriera = html[html.index(">Circoscrizione 6<") : html.index(">Circoscrizione 8<")]
    assert (
        "Barriera di Milano" in barriera
        and "via Baltea 3" in barriera
        and "via Regaldi 7/11" in barriera
    )
    assert "Nessuno di questi luoghi ha ancora una posizione verificata" in html


def test_the_admin_place_form_may_ask_the_address_service_and_public_pages_never(
    client, editor_client, seeded, settings
):
    from projects.models import Project

    project = Project.objects.get(slug="abito")
    response = editor_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    html = response.content.decode()
    assert (
        "https://nominatim.openstreetmap.org"
        in response["Content-Security-Policy"].split("connect-src")[1].split(";")[0]
    )
    assert 'data-geocoder-url="https://nominatim.openstreetmap.org/search"' in html
    assert "Nominatim" in html and "OpenStreetMap" in html  # the attribution
    assert "js/admin_place_map.js" in html
    for url in ("/mappa/", "/progetti/abito/", "/progetti/"):
        public = client.get(url)
        assert "nominatim" not in public.content.decode().lower()
        assert "nominatim" not in public["Content-Security-Policy"]


def test_a_configured_address_service_is_used_instead(editor_client, seeded, settings):
    from projects.models import Project

    settings.GEOCODER_URL = "https://geo.comune.example/search"
    settings.GEOCODER_ATTRIBUTION = "Ricerca: servizio della Città"
    project = Project.objects.get(slug="abito")
    response = editor_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert "https://geo.comune.example" in response["Content-Security-Policy"]
    assert "Ricerca: servizio della Città" in response.content.decode()


def test_the_map_widget_gives_leaflet_the_static_marker_images(client, make_project, make_place):
    project = make_project("Con puntina")
    make_place(project, latitude="45.07", longitude="7.68")
    html = client.get("/mappa/").content.decode()
    assert re.search(
        r'data-marker-icon="/static/vendor/leaflet/images/marker-icon[^"]*\.png"', html
    )
    assert re.search(
        r'data-marker-shadow="/static/vendor/leaflet/images/marker-shadow[^"]*\.png"', html
    )


# --- A large catalogue: the places a page at a time, each kept for the content version ----


@pytest.fixture
def many_places(settings, make_project, make_place, make_neighbourhood, make_district):
    """60 places in two circoscrizioni, every other one pinned; page cache off."""
    settings.PAGE_CACHE_ENABLED = False
    aurora = make_neighbourhood("Aurora", district=make_district(7))
    vanchiglia = make_neighbourhood("Vanchiglia", district=make_district(7))
    barriera = make_neighbourhood("Barriera di Milano", district=make_district(6))
    areas = (vanchiglia, barriera, aurora, None)
    places = []
    for i in range(60):
        area = areas[i % 4]
        project = make_project(f"Progetto {i:02}", neighbourhoods=[area] if area else [])
        pinned = {"latitude": 45 + i / 1000, "longitude": 7.6} if i % 2 else {}
        places.append(make_place(project, name=f"Luogo {i:02}", neighbourhood=area, **pinned))
    return places


def place_names(response):
    return re.findall(r"<strong>(Luogo \d\d)</strong>", response.content.decode())


def test_a_large_map_lists_its_places_a_page_at_a_time_in_area_order(client, many_places):
    first, second = client.get("/mappa/"), client.get("/mappa/?page=2")
    assert len(place_names(first)) == 50 and len(place_names(second)) == 10
    assert sorted(place_names(first) + place_names(second)) == [f"Luogo {i:02}" for i in range(60)]
    assert client.get("/mappa/?page=3").status_code == 404
    body = first.content.decode()
    assert "60 luoghi</h2>" in body and 'href="?page=2"' in body
    # circoscrizione 6 before 7, Aurora before Vanchiglia, the places of no quartiere last
    headings = re.findall(r"<h[34][^>]*><a [^>]+>([^<]+)</a>", body)
    assert headings == ["Circoscrizione 6", "Barriera di Milano", "Circoscrizione 7", "Aurora",
                        "Vanchiglia"]  # fmt: skip
    assert "Altri luoghi" in second.content.decode()
    # the map shows the places of the list beside it
    for response in (first, second):
        pinned = {place["name"] for place in map_places(response)}
        assert pinned == {name for name in place_names(response) if int(name[-2:]) % 2}


def test_a_large_map_honours_the_filters_on_every_page(client, many_places):
    response = client.get("/mappa/?circoscrizione=7")
    assert len(place_names(response)) == 30  # Aurora and Vanchiglia, one page
    assert "30 luoghi</h2>" in response.content.decode()
    assert 'href="?circoscrizione=7&amp;page=2"' not in response.content.decode()


def test_a_staff_edit_shows_at_once_on_a_map_place_already_seen(client, many_places):
    assert "Luogo 01" in place_names(client.get("/mappa/?page=2")) + place_names(
        client.get("/mappa/")
    )
    place = many_places[1]
    place.name = "Portineria"
    place.save()
    pages = client.get("/mappa/").content.decode() + client.get("/mappa/?page=2").content.decode()
    assert "<strong>Portineria</strong>" in pages and "Luogo 01" not in pages


def test_a_kept_map_place_still_says_its_name_is_in_italian_only(client, many_places):
    for _ in range(2):  # rendered, then from the kept place
        body = client.get("/en/mappa/").content.decode()
        assert body.count("This text is available in Italian only.") == 1
        assert '<strong><span lang="it">Luogo 01</span></strong>' in body
