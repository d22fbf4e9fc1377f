"""Every catalogue page runs the same number of queries with 12 and with 500 projects."""

import pytest
from django.core.cache import cache
from django.db import connection

URLS = [
    "/progetti/",
    "/progetti/?tema=tema-a&q=Progetto",
    "/progetti/?page=2",
    "/progetti/progetto-x/",
    "/organizzazioni/",
    "/organizzazioni/capofila-x/",
    "/mappa/",
    "/dati/",
    "/dati/progetti.csv",
    "/dati/progetti.json",
    "/dati/organizzazioni.csv",
    "/dati/organizzazioni.json",
    "/dati/luoghi.csv",
    "/dati/luoghi.geojson",
    "/dati/datapackage.json",
    "/dati/catalogo.ttl",
    "/feed/aggiornamenti.rss",
    "/",
]


def build(n, make_theme, make_neighbourhood, make_district, make_organisation):
    from projects.models import Participation, Place, Project, ProjectUpdate

    theme = make_theme(slug="tema-a")
    neighbourhood = make_neighbourhood(district=make_district(3))
    lead = make_organisation("Capofila X", slug="capofila-x")
    projects = Project.objects.bulk_create(
        Project(slug=f"progetto-{i}" if i else "progetto-x", title=f"Progetto {i:03}",
                summary="Sintesi", is_published=True)
        for i in range(n)
    )  # fmt: skip
    organisations = [make_organisation() for _ in range(3)]
    Participation.objects.bulk_create(
        Participation(project=p, organisation=lead if i == 0 else organisations[i % 3], role="lead")
        for i, p in enumerate(projects)
    )
    Place.objects.bulk_create(
        Place(project=p, name="Sede", address="via Roma 1", latitude=45, longitude=7.6)
        for p in projects
    )
    ProjectUpdate.objects.bulk_create(
        ProjectUpdate(project=p, title="Novità", date="2020-01-01") for p in projects
    )
    for p in projects:
        p.themes.add(theme)
        p.neighbourhoods.add(neighbourhood)


def cold_query_count(count_queries, client, url):
    """The queries of a page rendered from scratch: no page cache, no cached settings."""
    cache.clear()
    client.get("/")  # creates the site-settings row on first use
    cache.clear()
    return count_queries(client, url, warm=0)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_catalogue(
    client, count_queries, make_theme, make_neighbourhood, make_district, make_organisation
):
    build(12 + 13, make_theme, make_neighbourhood, make_district, make_organisation)
    small = {url: cold_query_count(count_queries, client, url) for url in URLS}
    from projects.models import Project

    Project.objects.all().delete()
    build_more = 500
    from projects.models import District, Neighbourhood, Organisation, Theme

    Theme.objects.all().delete()
    Neighbourhood.objects.all().delete()
    District.objects.all().delete()
    Organisation.objects.all().delete()
    build(build_more, make_theme, make_neighbourhood, make_district, make_organisation)
    large = {url: cold_query_count(count_queries, client, url) for url in URLS}
    assert large == small
    print({url: n for url, n in small.items()})


@pytest.mark.django_db
def test_list_page_query_count_is_pinned(client, django_assert_max_num_queries, make_project):
    for _ in range(12):
        make_project()
    cache.clear()
    with django_assert_max_num_queries(30):
        client.get("/progetti/")


# --- Every public page type, pinned ------------------------------------------------------

# The SQL queries of each page type, rendered (page cache off) with the per-version
# values (site settings, last update, header and footer) already computed: the same
# with 12 projects and with 500. The content version is the first query of each.
PINNED = {
    "home": 3,  # the next event and the programme; the project cards are kept per version
    # The list's choices, facet counts, search results, order of projects and cards
    # are kept for the content version: a list seen before asks only the version (see
    # the test below for a page seen for the first time).
    "list": 1,
    "list filtered": 1,
    "list search": 1,
    # Its own row: its themes, quartieri, participations, places, gallery, updates and
    # sources are kept for the content version with the whole catalogue's.
    "project": 2,
    "organisation": 3,
    "organisations": 3,
    "map": 1,  # its places' order, quartieri and items kept like the list's cards
    "event": 2,  # its programme only when it has one (which events do: kept per version)
    "events": 3,
    "registration form": 2,
    "programme": 2,
    "content page": 2,
    "open data": 3,  # the filters' choices as the list keeps them
}


# PostgreSQL's search asks one more question: the Italian-stemmed full-text match
# beside the folded-text one that both databases share (once: then its ids are kept).
POSTGRESQL_EXTRA = {"list search": 1}

# The list seen for the first time with these filters (or this page), the per-version
# filter choices and the unfiltered figures already kept: the projects in order, one
# aggregate query per facet, then the rows, themes, quartieri and organisations of the
# cards not seen yet (a card is kept whatever the filters that showed it).
FIRST_TIME = {  # url: (queries, cards)
    "/progetti/?page=2": (5, 12),  # new cards, the figures of the unfiltered list kept
    "/progetti/?tema=tema-a": (7, 12),  # the cards of page 1, already seen
    "/progetti/?tema=tema-a&page=3": (5, 6),  # the figures of this filter kept, new cards
    "/progetti/?q=capofila": (12, 1),  # the search once, then its ids in every query
    # the places in order, the quartieri, the places of the page with their projects
    "/mappa/?tema=tema-a": (4, 0),
}


def page_urls(event):
    return {
        "home": "/",
        "list": "/progetti/",
        "list filtered": "/progetti/?tema=tema-a&circoscrizione=3",
        "list search": "/progetti/?q=capofila",
        "project": "/progetti/progetto-x/",
        "organisation": "/organizzazioni/capofila-x/",
        "organisations": "/organizzazioni/",
        "map": "/mappa/",
        "event": event.get_absolute_url(),
        "events": "/eventi/",
        "registration form": event.get_absolute_url() + "iscrizione/",
        "programme": "/il-programma/",
        "content page": "/privacy/",
        "open data": "/dati/",
    }


@pytest.mark.parametrize("projects", [12, 500])
def test_every_page_type_runs_its_pinned_number_of_queries(
    projects, client, settings, seeded, open_event, django_assert_num_queries,
    make_theme, make_neighbourhood, make_district, make_organisation,
):  # fmt: skip
    from projects.models import Project

    settings.PAGE_CACHE_ENABLED = False
    Project.objects.all().delete()  # the seed's, so that the count is exact
    build(projects, make_theme, make_neighbourhood, make_district, make_organisation)
    assert Project.objects.published().count() == projects
    for kind, url in page_urls(open_event).items():
        client.get(url)  # the per-version values, computed once after the change
        with django_assert_num_queries(PINNED[kind]):
            response = client.get(url)
        assert response.status_code == 200, (kind, url)


@pytest.mark.django_db
def test_a_list_page_seen_for_the_first_time_runs_its_pinned_number_of_queries(
    client, settings, django_assert_num_queries,
    make_theme, make_neighbourhood, make_district, make_organisation,
):  # fmt: skip
    settings.PAGE_CACHE_ENABLED = False
    build(30, make_theme, make_neighbourhood, make_district, make_organisation)
    client.get("/progetti/")  # the per-version values of the unfiltered list
    for url, (queries, cards) in FIRST_TIME.items():
        extra = POSTGRESQL_EXTRA["list search"] if "q=" in url else 0
        with django_assert_num_queries(queries + extra * (connection.vendor == "postgresql")):
            response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.count(b'class="tsf-card"') == cards
