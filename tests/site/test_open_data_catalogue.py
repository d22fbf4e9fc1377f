"""The DCAT-AP_IT catalogue that dati.gov.it harvests, and the schema.org datasets.

Both files are parsed back; every element the profile makes mandatory is looked for per
class, and the graph is validated with pySHACL against our DCAT-AP_IT shapes and the
official SEMIC DCAT-AP shapes (tests/site/shapes/README.md says where each file is from).
"""

import json
import re
from functools import cache
from pathlib import Path

import pytest
from django.core.cache import cache as django_cache
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from projects.models import Project
from torino_social_factory import page_cache
from torino_social_factory.models import SiteSettings
from torino_social_factory.open_data import DCATAPIT, VCARD

# Open namespaces: pytest looks up attributes on module-level names, and rdflib's closed
# ones (rdflib.namespace.DCAT…) warn on each unknown attribute.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SHAPES = Path(__file__).parent / "shapes"
EU = "http://publications.europa.eu/resource/authority/"
SUITES = {
    "DCAT-AP_IT (derived from AgID)": ["dcat-ap_it.derived.shapes.ttl"],
    "SEMIC DCAT-AP 2.1.1": [
        "semic-dcat-ap_2.1.1_shacl_shapes.ttl",
        "semic-dcat-ap_2.1.1_shacl_range.ttl",
        "semic-dcat-ap_2.1.1_shacl_mdr-vocabularies.shape.ttl",
    ],
    "SEMIC DCAT-AP 3.0.1": ["semic-dcat-ap_3.0.1_shacl.ttl"],
}
FORMATS = {"/dati/catalogo.rdf": "xml", "/dati/catalogo.ttl": "turtle"}
# Test values: our sources do not give the City's IPA code, so the site leaves it empty.
IPA_CODE = "ente_di_prova"
CONTACT = "dati@example.org"


@cache
def shapes(suite):
    graph = Graph()
    for name in SUITES[suite]:
        graph.parse(SHAPES / name, format="turtle")
    return graph


def configure(**values):
    site_settings = SiteSettings.objects.get(pk=1)
    for field, value in values.items():
        setattr(site_settings, field, value)
    site_settings.save()
    django_cache.clear()


@pytest.fixture
def configured(seeded):
    """The seed plus what the City fills in the admin before asking dati.gov.it to harvest."""
    configure(ipa_code=IPA_CODE, contact_email=CONTACT)


def catalogue(client, path="/dati/catalogo.ttl"):
    response = client.get(path)
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=FORMATS[path])


def violations(graph, suite):
    from pyshacl import validate

    conforms, _report, text = validate(
        graph,
        shacl_graph=shapes(suite),
        inference="none",
        allow_warnings=True,  # recommended elements and the EU corporate-body list
        abort_on_first=False,
    )
    return conforms, text


def one(graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"{subject} {predicate}: {values}"
    return values[0]


def languages(graph, subject, predicate):
    return {
        o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal) and str(o)
    }


def of_type(graph, cls):
    return set(graph.subjects(RDF.type, cls))


# --- The two files ------------------------------------------------------------------------


def test_rdf_xml_and_turtle_carry_the_same_catalogue(client, configured):
    xml = client.get("/dati/catalogo.rdf")
    ttl = client.get("/dati/catalogo.ttl")
    assert xml["Content-Type"].startswith("application/rdf+xml")
    assert ttl["Content-Type"].startswith("text/turtle")
    assert isomorphic(
        catalogue(client, "/dati/catalogo.rdf"), catalogue(client, "/dati/catalogo.ttl")
    )


def test_catalogue_is_one_address_for_harvesters_not_one_per_language(client, configured):
    assert client.get("/en/dati/catalogo.ttl").status_code == 404


def test_open_data_page_links_the_catalogue_and_the_data_package(client, configured):
    body = client.get("/dati/").content.decode()
    for url in ("/dati/catalogo.rdf", "/dati/catalogo.ttl", "/dati/datapackage.json"):
        assert f'href="{url}"' in body, url


# --- Every mandatory element, class by class -----------------------------------------------


@pytest.mark.parametrize("path", FORMATS)
def test_catalogue_has_every_mandatory_element(client, configured, path):
    graph = catalogue(client, path)
    (catalog,) = of_type(graph, DCATAPIT.Catalog)
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    assert {"it", "en"} <= languages(graph, catalog, DCTERMS.title)
    assert {"it", "en"} <= languages(graph, catalog, DCTERMS.description)
    publisher = one(graph, catalog, DCTERMS.publisher)
    assert (publisher, RDF.type, DCATAPIT.Agent) in graph
    assert one(graph, catalog, DCTERMS.modified).datatype is not None
    assert set(graph.objects(catalog, DCAT.dataset)) == of_type(graph, DCATAPIT.Dataset)


@pytest.mark.parametrize("path", FORMATS)
def test_publisher_is_the_city_with_its_ipa_code(client, configured, path):
    graph = catalogue(client, path)
    (agent,) = of_type(graph, DCATAPIT.Agent)
    assert (agent, RDF.type, FOAF.Agent) in graph
    assert str(one(graph, agent, DCTERMS.identifier)) == IPA_CODE
    assert str(one(graph, agent, FOAF.name)) == "Città di Torino"


@pytest.mark.parametrize("path", FORMATS)
def test_each_dataset_has_every_mandatory_element(client, configured, path):
    graph = catalogue(client, path)
    datasets = of_type(graph, DCATAPIT.Dataset)
    assert {str(d).rsplit("#", 1)[1] for d in datasets} == {"progetti", "organizzazioni", "luoghi"}
    (agent,) = of_type(graph, DCATAPIT.Agent)
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        assert str(one(graph, dataset, DCTERMS.identifier)).startswith(f"{IPA_CODE}:")
        assert {"it", "en"} <= languages(graph, dataset, DCTERMS.title), dataset
        assert {"it", "en"} <= languages(graph, dataset, DCTERMS.description), dataset
        assert one(graph, dataset, DCTERMS.publisher) == agent
        assert one(graph, dataset, DCTERMS.rightsHolder) == agent
        contact = one(graph, dataset, DCAT.contactPoint)
        assert (contact, RDF.type, DCATAPIT.Organization) in graph
        assert str(one(graph, contact, VCARD.fn))
        assert one(graph, contact, VCARD.hasEmail) == URIRef(f"mailto:{CONTACT}")
        themes = set(graph.objects(dataset, DCAT.theme))
        assert themes and all(str(t).startswith(EU + "data-theme/") for t in themes)
        for theme in themes:
            assert one(graph, theme, SKOS.inScheme) == URIRef(EU + "data-theme")
        frequency = one(graph, dataset, DCTERMS.accrualPeriodicity)
        assert str(frequency).startswith(EU + "frequency/")
        assert (frequency, RDF.type, DCTERMS.Frequency) in graph
        assert one(graph, dataset, DCTERMS.modified).datatype is not None
        assert list(graph.objects(dataset, DCAT.distribution))


@pytest.mark.parametrize("path", FORMATS)
def test_each_distribution_has_a_format_an_access_url_and_the_cc_by_licence(
    client, configured, path
):
    graph = catalogue(client, path)
    formats = {}
    for dataset in of_type(graph, DCATAPIT.Dataset):
        name = str(dataset).rsplit("#", 1)[1]
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert (distribution, RDF.type, DCATAPIT.Distribution) in graph
            assert (distribution, RDF.type, DCAT.Distribution) in graph
            file_type = one(graph, distribution, DCTERMS["format"])
            assert (file_type, SKOS.inScheme, URIRef(EU + "file-type")) in graph
            formats.setdefault(name, set()).add(str(file_type).rsplit("/", 1)[1])
            licence = one(graph, distribution, DCTERMS.license)
            assert (licence, RDF.type, DCATAPIT.LicenseDocument) in graph
            assert licence == URIRef(
                "https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40"
            )
            assert "CC BY 4.0" in " ".join(map(str, graph.objects(licence, FOAF.name)))
            access = str(one(graph, distribution, DCAT.accessURL))
            assert access.startswith("http")
    assert formats == {
        "progetti": {"CSV", "JSON"},
        "organizzazioni": {"CSV", "JSON"},
        "luoghi": {"CSV", "GEOJSON"},
    }


def test_every_access_url_answers_with_its_media_type(client, configured, settings):
    graph = catalogue(client)
    distributions = of_type(graph, DCATAPIT.Distribution)
    assert len(distributions) == 6
    for distribution in distributions:
        url = str(one(graph, distribution, DCAT.accessURL))
        media_type = str(one(graph, distribution, DCAT.mediaType)).split("media-types/")[1]
        assert url.startswith(settings.SITE_URL)
        response = client.get(url.removeprefix(settings.SITE_URL))
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith(media_type), url


def test_temporal_coverage_comes_from_the_project_dates_where_known(client, configured):
    graph = catalogue(client)
    assert not list(graph.objects(None, DCTERMS.temporal)), "the seed has no project dates"
    Project.objects.filter(slug="abito").update(start_date="2019-03-01", end_date="2020-06-30")
    page_cache.bump()  # update() sends no signal: what a save in the admin does
    graph = catalogue(client)
    (period,) = graph.objects(None, DCTERMS.temporal)
    assert str(one(graph, period, DCATAPIT.startDate)) == "2019-03-01"
    assert str(one(graph, period, DCATAPIT.endDate)) == "2020-06-30"


def test_catalogue_follows_a_change_of_the_settings(client, configured):
    catalogue(client)
    configure(contact_email="nuovo@example.org")
    graph = catalogue(client)
    assert (None, VCARD.hasEmail, URIRef("mailto:nuovo@example.org")) in graph


# --- The shapes -----------------------------------------------------------------------------


@pytest.mark.parametrize("suite", SUITES)
@pytest.mark.parametrize("path", FORMATS)
def test_catalogue_conforms_to_the_shapes(client, configured, suite, path):
    conforms, text = violations(catalogue(client, path), suite)
    assert conforms, text


def test_shapes_catch_what_the_city_has_not_configured_yet(client, seeded):
    """Negative control: the seed alone has no IPA code and no contact e-mail (they are not
    in our sources), and the DCAT-AP_IT shapes say so instead of passing."""
    conforms, text = violations(catalogue(client), "DCAT-AP_IT (derived from AgID)")
    assert not conforms
    assert "identifier" in text and "hasEmail" in text


@pytest.mark.parametrize("suite", SUITES)
def test_shapes_catch_a_distribution_without_licence_or_format(client, configured, suite):
    graph = catalogue(client)
    distribution = next(iter(of_type(graph, DCATAPIT.Distribution)))
    graph.remove((distribution, DCTERMS.license, None))
    graph.remove((distribution, DCTERMS["format"], None))
    graph.remove((distribution, DCAT.accessURL, None))
    conforms, _text = violations(graph, suite)
    assert not conforms


# --- schema.org -----------------------------------------------------------------------------


def json_ld(client, path):
    body = client.get(path).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    (data,) = [json.loads(block) for block in blocks if '"DataCatalog"' in block]
    return data


def test_open_data_page_describes_each_dataset_for_dataset_search(client, seeded, settings):
    data = json_ld(client, "/dati/")
    assert data["@type"] == "DataCatalog"
    assert [d["@type"] for d in data["dataset"]] == ["Dataset"] * 3
    for dataset in data["dataset"]:
        assert dataset["name"] and 50 <= len(dataset["description"]) <= 5000
        assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert dataset["creator"]["name"] == "Città di Torino"
        assert dataset["spatialCoverage"]["name"] == "Torino"
        assert dataset["distribution"]
        for file in dataset["distribution"]:
            assert file["encodingFormat"] in {
                "text/csv",
                "application/json",
                "application/geo+json",
            }
            assert client.get(file["contentUrl"].removeprefix(settings.SITE_URL)).status_code == 200
    assert "temporalCoverage" not in data["dataset"][0], "no project dates in the seed"


def test_dataset_temporal_coverage_appears_when_projects_have_dates(client, seeded):
    Project.objects.filter(slug="abito").update(start_date="2019-03-01")
    page_cache.bump()  # update() sends no signal: what a save in the admin does
    projects = json_ld(client, "/dati/")["dataset"][0]
    assert projects["temporalCoverage"] == "2019-03-01/.."


def test_english_page_describes_the_datasets_in_english(client, seeded):
    data = json_ld(client, "/en/dati/")
    names = [d["name"] for d in data["dataset"]]
    assert names == [
        "Torino Social Factory projects",
        "Torino Social Factory organisations",
        "Torino Social Factory project places",
    ]
    assert data["dataset"][0]["creator"]["name"] == "City of Turin"
