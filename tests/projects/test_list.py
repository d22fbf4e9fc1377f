"""The project list: filters, search, counts, pagination, and exports that agree."""

import csv
import io
import json
import re

import pytest

from tests.html import read

LIST = "/progetti/"


def slugs_on_page(response):
    return [
        a["href"].strip("/").split("/")[-1]
        for a in read(response).find("a")
        if "tsf-card-link" in a.get("class", "")
    ]


def all_listed_slugs(client, query=""):
    slugs, page = [], 1
    while True:
        response = client.get(f"{LIST}?{query}&page={page}")
        if response.status_code == 404:
            return slugs
        assert response.status_code == 200
        slugs += slugs_on_page(response)
        page += 1


@pytest.fixture
def catalogue(make_project, make_theme, make_neighbourhood, make_district, make_organisation):
    poverty = make_theme("lotta alle nuove povertà", slug="nuove-poverta")
    cohesion = make_theme("coesione sociale", slug="coesione-sociale")
    barriera = make_neighbourhood("Barriera di Milano", slug="barriera", district=make_district(6))
    salvario = make_neighbourhood("San Salvario", slug="san-salvario", district=make_district(8))
    acli = make_organisation("ACLI Provinciali di Torino", slug="acli")
    projects = {
        "forno": make_project(
            "Forno sociale", slug="forno", themes=[poverty], neighbourhoods=[barriera], lead=acli,
            description="<p>Pane con pasta madre.</p>",
        ),
        "culla": make_project(
            "La culla", slug="culla", themes=[cohesion], neighbourhoods=[salvario],
            status="concluso",
        ),
        "riuso": make_project(
            "Centro del riuso", slug="riuso", themes=[poverty, cohesion],
            neighbourhoods=[barriera, salvario],
        ),
        "segreto": make_project("Progetto segreto", slug="segreto", published=False,
                                themes=[poverty], lead=acli),
    }  # fmt: skip
    return projects


def test_list_shows_published_projects_only(client, catalogue):
    response = client.get(LIST)
    assert sorted(slugs_on_page(response)) == ["culla", "forno", "riuso"]
    assert "Progetto segreto" not in response.content.decode()


def test_list_states_how_many_of_the_fifteen_it_documents(client, catalogue):
    body = client.get(LIST).content.decode()
    assert "documenta 3 dei 15 progetti" in body


def test_filters_combine_across_facets_and_or_within(client, catalogue):
    assert sorted(slugs_on_page(client.get(f"{LIST}?tema=nuove-poverta"))) == ["forno", "riuso"]
    response = client.get(f"{LIST}?tema=nuove-poverta&circoscrizione=8")
    assert slugs_on_page(response) == ["riuso"]
    response = client.get(f"{LIST}?quartiere=barriera&quartiere=san-salvario")
    assert sorted(slugs_on_page(response)) == ["culla", "forno", "riuso"]
    assert slugs_on_page(client.get(f"{LIST}?stato=concluso")) == ["culla"]
    assert slugs_on_page(client.get(f"{LIST}?organizzazione=acli")) == ["forno"]


def test_facet_counts_ignore_their_own_facet(client, catalogue):
    from django.http import QueryDict

    from projects.listing import Catalogue

    facets = {f.name: f for f in Catalogue(QueryDict("tema=coesione-sociale")).facets()}
    themes = {o.value: o.count for o in facets["tema"].options}
    assert themes == {"nuove-poverta": 2, "coesione-sociale": 2}
    districts = {o.value: o.count for o in facets["circoscrizione"].options}
    assert districts == {"6": 1, "8": 2}


def test_search_matches_titles_descriptions_and_organisations(client, catalogue):
    assert slugs_on_page(client.get(f"{LIST}?q=pasta+madre")) == ["forno"]
    assert slugs_on_page(client.get(f"{LIST}?q=ACLI")) == ["forno"]
    assert slugs_on_page(client.get(f"{LIST}?q=culla")) == ["culla"]
    assert slugs_on_page(client.get(f"{LIST}?q=segreto")) == []


def test_result_count_in_a_heading_and_remove_filters(client, catalogue):
    html = client.get(f"{LIST}?tema=nuove-poverta").content.decode()
    assert "2 progetti trovati</h2>" in html
    assert "Rimuovi filtri" in html
    assert "Rimuovi filtri" not in client.get(LIST).content.decode()


def test_no_auto_submit_and_a_get_form(client, catalogue):
    html = client.get(LIST).content.decode()
    assert 'method="get"' in html
    assert "onchange" not in html
    assert "csrfmiddlewaretoken" not in html


def test_pagination_keeps_filters_and_out_of_range_is_404(client, make_project, make_theme):
    theme = make_theme(slug="t")
    for i in range(30):
        make_project(f"P{i:02}", themes=[theme])
    make_project("Senza tema")
    response = client.get(f"{LIST}?tema=t")
    assert len(slugs_on_page(response)) == 12
    assert "tema=t&amp;page=2" in response.content.decode()
    assert len(all_listed_slugs(client, "tema=t")) == 30
    assert client.get(f"{LIST}?tema=t&page=4").status_code == 404
    assert client.get(f"{LIST}?page=abc").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "tema=inesistente",
        "circoscrizione=99",
        "circoscrizione=abc",
        "circoscrizione=-1",
        "quartiere=" + "x" * 5000,
        "q=" + "y" * 5000,
        "stato=%00",
        "organizzazione=%27%3B+DROP+TABLE+projects_project%3B--",
        "tema=<script>alert(1)</script>",
        "&".join(["tema=nuove-poverta"] * 300),
        "page=0",
        "page=-3",
        "page=1e9",
        "page=99999999999999999999",
        "q=%F0%9F%98%80&q=second",
        "tema[]=x&foo=bar",
    ],
)
def test_bad_filter_values_never_cause_a_500(client, catalogue, query):
    for url in (LIST, "/mappa/", "/dati/", "/dati/progetti.csv", "/dati/luoghi.geojson"):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 404), (url, query)


def test_bad_values_are_explained_in_italian(client, catalogue):
    html = client.get(f"{LIST}?tema=inesistente&tema=nuove-poverta").content.decode()
    assert "non sono validi e sono stati ignorati" in html
    assert "2 progetti trovati" in html  # the valid value still applies


def test_csv_has_exactly_the_rows_the_list_shows(client, make_project, make_theme):
    theme = make_theme(slug="t")
    for i in range(27):
        make_project(f"P{i:02}", themes=[theme] if i % 2 else [])
    make_project("Nascosto", themes=[theme], published=False)
    for query in ("", "tema=t", "q=P1", "tema=t&q=P2"):
        listed = all_listed_slugs(client, query)
        rows = list(
            csv.DictReader(
                io.StringIO(client.get(f"/dati/progetti.csv?{query}").content.decode("utf-8-sig"))
            )
        )
        assert [row["slug"] for row in rows] == listed, query
        data = json.loads(client.get(f"/dati/progetti.json?{query}").content)
        assert [row["slug"] for row in data["progetti"]] == listed
        assert data["licenza"] == "CC BY 4.0"


# --- Cards kept for the content version ---------------------------------------------------


@pytest.fixture
def page_cache_off(settings):
    """Every request renders the list (the cards are still kept for the content version)."""
    settings.PAGE_CACHE_ENABLED = False


def test_a_staff_edit_shows_at_once_on_a_card_already_seen(client, catalogue, page_cache_off):
    assert "Forno sociale" in client.get(LIST).content.decode()
    forno = catalogue["forno"]
    forno.title = "Forno di comunità"
    forno.save()
    body = client.get(LIST).content.decode()
    assert "Forno di comunità" in body and "Forno sociale" not in body
    theme = forno.themes.get(slug="nuove-poverta")
    theme.name = "povertà nuove"
    theme.save()
    assert "povertà nuove" in client.get(LIST).content.decode()


def test_a_kept_card_shows_the_words_of_each_search(client, catalogue, page_cache_off):
    first = client.get(f"{LIST}?q=forno").content.decode()
    assert "<mark>Forno</mark> sociale" in first
    second = client.get(f"{LIST}?q=pasta").content.decode()
    assert "<mark>Forno</mark>" not in second
    assert "<mark>pasta</mark> madre" in second
    assert "<mark>" not in client.get(LIST).content.decode()


def test_a_kept_card_still_says_its_text_is_in_italian_only(client, catalogue, page_cache_off):
    # «La culla» has no English title nor summary: its card falls back to Italian.
    for _ in range(2):  # rendered, then from the kept card
        body = client.get("/en/progetti/").content.decode()
        assert body.count("This text is available in Italian only.") == 1
        assert '<span lang="it">La culla</span>' in body


def test_the_filter_counts_follow_a_staff_edit_at_once(client, catalogue, make_project,
                                                       page_cache_off):  # fmt: skip
    def poverty_count():
        html = client.get(f"{LIST}?stato=concluso").content.decode()
        label = re.search(r'for="f-tema-\d+">lotta alle nuove povertà <span[^>]*>(\d+)', html)
        return int(label.group(1)) if label else 0

    assert poverty_count() == 0  # «La culla», the one concluded project, is about cohesion
    theme = catalogue["forno"].themes.get()
    make_project("Mensa", slug="mensa", themes=[theme], status="concluso")
    assert poverty_count() == 1
