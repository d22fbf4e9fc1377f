"""Project, organisation, map, open-data pages, feeds and sitemap; what is public."""

import json
import re

import pytest

from tests.html import is_third_party, read


@pytest.fixture
def world(make_project, make_organisation, make_place, make_update, make_neighbourhood,
          make_district):  # fmt: skip
    lead = make_organisation("Capofila Uno", slug="capofila-uno", legal_form="APS")
    partner = make_organisation("Partner Due", slug="partner-due")
    hidden_only = make_organisation("Solo Nascosto", slug="solo-nascosto")
    quartiere = make_neighbourhood("Vallette", slug="vallette", district=make_district(5))
    public = make_project(
        "Progetto pubblico",
        slug="pubblico",
        lead=lead,
        partners=[partner],
        neighbourhoods=[quartiere],
        activities="<p>Laboratori.</p>",
    )
    hidden = make_project("Progetto nascosto", slug="nascosto", published=False, lead=hidden_only)
    make_place(
        public,
        "Sede con coordinate",
        latitude="45.070000",
        longitude="7.680000",
        neighbourhood=quartiere,
    )
    make_place(public, "Sede senza coordinate", address="via Baltea 3, Torino")
    make_place(hidden, "Luogo nascosto", latitude="45.1", longitude="7.7")
    make_update(public, "Aggiornamento pubblico")
    make_update(hidden, "Aggiornamento nascosto")
    return {"public": public, "hidden": hidden}


PUBLIC_URLS = [
    "/progetti/", "/progetti/pubblico/", "/organizzazioni/", "/organizzazioni/capofila-uno/",
    "/mappa/", "/dati/", "/en/progetti/", "/en/progetti/pubblico/", "/en/mappa/",
    "/en/organizzazioni/", "/en/dati/",
]  # fmt: skip
EXPORTS = [
    "/dati/progetti.csv", "/dati/progetti.json", "/dati/organizzazioni.csv",
    "/dati/organizzazioni.json", "/dati/luoghi.geojson", "/feed/aggiornamenti.rss",
    "/feed/aggiornamenti.atom", "/sitemap.xml",
]  # fmt: skip


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_pages_have_one_h1_no_cookie_and_no_third_party_fetch(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.cookies == {}
    html = read(response)
    assert html.h1_count == 1
    assert [u for u in html.fetched_urls() if is_third_party(u)] == []
    body = response.content.decode()
    assert " style=" not in body
    assert "csrfmiddlewaretoken" not in body
    for script in re.findall(r"<script[^>]*>", body):
        assert "src=" in script or "application/ld+json" in script or "application/json" in script


@pytest.mark.parametrize("url", PUBLIC_URLS + EXPORTS)
def test_unpublished_project_appears_nowhere(client, world, url):
    body = client.get(url).content.decode()
    for secret in ("Progetto nascosto", "nascosto/", "Luogo nascosto", "Aggiornamento nascosto",
                   "Solo Nascosto"):  # fmt: skip
        assert secret not in body, (url, secret)


def test_unpublished_pages_are_404(client, world):
    assert client.get("/progetti/nascosto/").status_code == 404
    assert client.get("/organizzazioni/solo-nascosto/").status_code == 404


def test_project_sections_in_the_fixed_order(client, world):
    body = client.get("/progetti/pubblico/").content.decode()
    titles = ["In breve", "Obiettivi", "Attività", "Risultati", "Dove", "Chi", "Finanziamento",
              "Aggiornamenti"]  # fmt: skip
    positions = [body.index(f">{title}</h2>") for title in titles]
    assert positions == sorted(positions)
    assert "Fondo sociale europeo" in body and "PON Città Metropolitane 2014-2020" in body
    assert "Contributo:" not in body  # amount unknown: nothing said


def test_a_first_update_shows_on_the_project_page_at_once(client, make_project):
    """The page skips the timeline's query for projects without updates: a project that
    gets its first one, even from another process, shows it on the next request."""
    import datetime

    from projects.models import ProjectUpdate
    from torino_social_factory import page_cache

    project = make_project(slug="senza-novita")
    assert ">Aggiornamenti</h2>" not in client.get("/progetti/senza-novita/").content.decode()
    # bulk_create sends no signal: only the version row tells this process.
    ProjectUpdate.objects.bulk_create(
        [ProjectUpdate(project=project, title="Prima novità", date=datetime.date(2020, 2, 1))]
    )
    page_cache.bump()
    body = client.get("/progetti/senza-novita/").content.decode()
    assert ">Aggiornamenti</h2>" in body and "Prima novità" in body


def test_project_page_places_osm_links_and_map_button(client, world):
    html = client.get("/progetti/pubblico/").content.decode()
    assert "<address" in html and "via Baltea 3, Torino" in html
    assert "Apri su OpenStreetMap" in html and "mlat=45.070000" in html
    assert "openstreetmap.org/search?query=via+Baltea" in html
    assert "Mostra mappa" in html and 'id="map-places"' in html
    assert "Circoscrizione 5" in html


def test_no_map_button_without_coordinates(client, make_project, make_place):
    project = make_project(slug="senza")
    make_place(project)
    html = client.get("/progetti/senza/").content.decode()
    assert "Mostra mappa" not in html and "map.js" not in html


def test_project_json_ld_names_the_funder(client, world):
    body = client.get("/progetti/pubblico/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1]
    )
    assert data["@type"] == "Project"
    assert "Fondo sociale europeo" in data["funder"]["name"]
    assert 'property="og:title"' in body


def test_organisation_page_lists_its_projects_with_roles(client, world):
    body = client.get("/organizzazioni/partner-due/").content.decode()
    assert "Progetto pubblico" in body and "partner" in body
    assert '"@type": "NGO"' in body


def test_organisation_directory_filters_by_legal_form(client, world):
    body = client.get("/organizzazioni/?forma=APS").content.decode()
    assert "Capofila Uno" in body and "Partner Due" not in body
    assert client.get("/organizzazioni/?forma=%00xx").status_code == 200


def test_map_lists_places_and_honours_filters(client, world, make_project, make_place):
    other = make_project("Altro", slug="altro")
    make_place(other, "Luogo altro")
    body = client.get("/mappa/").content.decode()
    assert "Sede senza coordinate" in body and "Luogo altro" in body
    body = client.get("/mappa/?q=Altro").content.decode()
    assert "Luogo altro" in body and "Sede senza coordinate" not in body


def test_geojson_has_only_places_with_coordinates(client, world):
    data = json.loads(client.get("/dati/luoghi.geojson").content)
    assert [f["properties"]["nome"] for f in data["features"]] == ["Sede con coordinate"]
    assert data["features"][0]["geometry"]["coordinates"] == [7.68, 45.07]


def test_open_data_page_states_licence_and_dictionary(client, world):
    body = client.get("/dati/").content.decode()
    assert "CC BY 4.0" in body and "Dizionario dei dati" in body and "capofila" in body


def test_exports_hold_no_personal_data(client, world):
    text = client.get("/dati/organizzazioni.json").content.decode()
    assert "@" not in text.replace("@", "", 0) or "email" not in text.lower()
    assert "email" not in client.get("/dati/progetti.csv").content.decode().lower()


def test_feeds_list_public_updates(client, world):
    rss = client.get("/feed/aggiornamenti.rss")
    assert rss.status_code == 200 and "Aggiornamento pubblico" in rss.content.decode()
    atom = client.get("/feed/aggiornamenti.atom")
    assert "<feed" in atom.content.decode()


def test_sitemap_has_project_pages_with_lastmod(client, world):
    body = client.get("/sitemap.xml").content.decode()
    assert "/progetti/pubblico/" in body and "<lastmod>" in body
    assert "/en/progetti/pubblico/" in body


def test_home_shows_featured_projects(client, world):
    assert "Progetto pubblico" in client.get("/").content.decode()


def test_home_cards_follow_a_change_made_in_another_process(client, world):
    """The home keeps its cards for the content version: the version row tells."""
    from projects.models import Project
    from torino_social_factory import page_cache

    assert "Progetto pubblico" in client.get("/").content.decode()
    Project.objects.filter(slug="pubblico").update(title="Progetto rinominato")
    page_cache.bump()  # what the other process's save did
    body = client.get("/").content.decode()
    assert "Progetto rinominato" in body and "Progetto pubblico" not in body


def test_english_home_says_once_that_a_card_is_in_italian_only(client, settings, world):
    settings.PAGE_CACHE_ENABLED = False  # both renders, the second with the kept cards
    for _ in range(2):
        body = client.get("/en/").content.decode()
        assert '<span lang="it">Progetto pubblico</span>' in body
        assert body.count("This text is available in Italian only.") == 1


def test_project_page_follows_its_themes_quartieri_and_partners(
    client, settings, world, make_organisation, make_neighbourhood, make_theme
):
    """The catalogue's themes, quartieri and participations are kept for the content
    version: each change to them bumps it, and the page shows the new ones at once."""
    from projects.models import Participation

    settings.PAGE_CACHE_ENABLED = False
    body = client.get("/progetti/pubblico/").content.decode()
    assert "Partner Due" in body and "Vallette" in body
    project = world["public"]
    project.themes.add(make_theme("Tema nuovo", slug="tema-nuovo"))
    project.neighbourhoods.add(make_neighbourhood("Falchera", slug="falchera"))
    Participation.objects.create(
        project=project, organisation=make_organisation("Aiuto Tre", slug="aiuto-tre"),
        role=Participation.Role.COLLABORATOR,
    )  # fmt: skip
    Participation.objects.filter(organisation__slug="partner-due").delete()
    body = client.get("/progetti/pubblico/").content.decode()
    assert "Tema nuovo" in body and "Falchera" in body and "Aiuto Tre" in body
    assert "Partner Due" not in body


def test_project_page_follows_its_places_and_sources(client, settings, world, make_place):
    """Places and «Fonti» are kept for the content version with the whole catalogue's,
    each place with its quartiere: an edit shows on the next request, and a place moved
    to another project (an update that sends no signal, told by the version row) leaves
    the first one's page for the other's."""
    from projects.models import Place, ProjectSource
    from torino_social_factory import page_cache

    settings.PAGE_CACHE_ENABLED = False
    body = client.get("/progetti/pubblico/").content.decode()
    assert "via Baltea 3, Torino" in body and ">Fonti</h2>" not in body
    place = make_place(world["public"], name="Laboratorio nuovo", address="via Cigna 2, Torino")
    ProjectSource.objects.create(
        project=world["public"], publisher="Città di Torino", title="Delibera",
        url="https://example.org/delibera",
    )  # fmt: skip
    body = client.get("/progetti/pubblico/").content.decode()
    assert "Laboratorio nuovo" in body and "via Cigna 2, Torino" in body
    assert ">Fonti</h2>" in body and "Delibera" in body
    assert 'Quartiere: <a href="/progetti/?quartiere=vallette">Vallette</a>' in body
    world["hidden"].is_published = True
    world["hidden"].save()
    Place.objects.filter(pk=place.pk).update(project=world["hidden"])
    page_cache.bump()
    assert "Laboratorio nuovo" not in client.get("/progetti/pubblico/").content.decode()
    assert "Laboratorio nuovo" in client.get("/progetti/nascosto/").content.decode()
