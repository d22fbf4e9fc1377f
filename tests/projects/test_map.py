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
