"""The open-data catalogue: the /dati/ page, DCAT-AP_IT, schema.org and a Data Package.

The catalogue app owns the files and their one schema (``projects.exports``); this
module says who publishes them (the site settings: city, IPA code, contact) and
describes them in the forms catalogues read:

- ``/dati/catalogo.rdf`` and ``/dati/catalogo.ttl``: DCAT-AP_IT, which dati.gov.it
  harvests (and forwards to data.europa.eu). Built as an rdflib graph, never as text.
- schema.org ``DataCatalog`` of ``Dataset`` items on ``/dati/`` (Google Dataset Search).
- ``/dati/datapackage.json``: a Frictionless Data Package, a Table Schema per CSV with
  its primary and foreign keys.

Every title and description exists in Italian (the source) and English (gettext), so
both go into the catalogue whatever the language of the request.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, SKOS, XSD

from projects import exports
from projects.listing import Catalogue
from projects.models import Project, latest_public_change

from . import page_cache
from .common.i18n import text_in_language
from .models import SiteSettings

DCATAPIT = Namespace("http://dati.gov.it/onto/dcatapit#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
DATA_THEME = URIRef(EU + "data-theme")
ADMS_LICENCE_TYPE = URIRef("http://purl.org/adms/licencetype/1.0")
# CC BY 4.0 as the AgID licence vocabulary names it: ckanext-dcatapit, the harvester of
# dati.gov.it, matches licences against this vocabulary.
LICENCE = URIRef("https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40")
LICENCE_DOCUMENT = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAMES = {
    "it": "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)",
    "en": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
}
LANGUAGES = ("it", "en")

# The EU vocabulary concepts we use, with their official labels. Each one is described
# inline in the graph (type, scheme, label), as ckanext-dcatapit does, so the catalogue
# validates on its own.
THEMES = {
    "SOCI": {"it": "Popolazione e società", "en": "Population and society"},
    "REGI": {"it": "Regioni e città", "en": "Regions and cities"},
}
FILE_TYPES = {
    "CSV": ("CSV", "text/csv"),
    "JSON": ("JSON", "application/json"),
    "GEOJSON": ("GeoJSON", "application/geo+json"),
}
# Staff change the catalogue whenever there is news: no fixed schedule.
FREQUENCY = ("IRREG", {"it": "irregolare", "en": "irregular"})
LANGUAGE_CONCEPTS = {
    "ITA": {"it": "italiano", "en": "Italian"},
    "ENG": {"it": "inglese", "en": "English"},
}

TYPE_LABELS = {
    "string": gettext_lazy("testo"),
    "integer": gettext_lazy("numero intero"),
    "number": gettext_lazy("numero"),
    "date": gettext_lazy("data"),
    "datetime": gettext_lazy("data e ora"),
}


@dataclass(frozen=True)
class File:
    file_type: str  # a code of the EU file-type vocabulary
    url_name: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    table: exports.Table
    title: str  # "%(site)s" is the site's name
    description: str
    themes: tuple
    landing_url_name: str
    files: tuple
    has_dates: bool = False  # the project dates give the dataset's temporal coverage


DATASETS = (
    Dataset(
        "progetti",
        exports.PROJECTS,
        gettext_lazy("Progetti di %(site)s"),
        gettext_lazy(
            "I progetti finanziati da %(site)s: sintesi, stato, date, contributo, temi, "
            "circoscrizioni e quartieri, organizzazione capofila e partner."
        ),
        ("SOCI",),
        "projects:list",
        (File("CSV", "projects:projects_csv"), File("JSON", "projects:projects_json")),
        has_dates=True,
    ),
    Dataset(
        "organizzazioni",
        exports.ORGANISATIONS,
        gettext_lazy("Organizzazioni di %(site)s"),
        gettext_lazy(
            "Le organizzazioni che realizzano i progetti di %(site)s: denominazione, forma "
            "giuridica, sito web e progetti a cui partecipano, con il loro ruolo."
        ),
        ("SOCI",),
        "projects:organisation_list",
        (
            File("CSV", "projects:organisations_csv"),
            File("JSON", "projects:organisations_json"),
        ),
    ),
    Dataset(
        "luoghi",
        exports.PLACES,
        gettext_lazy("Luoghi dei progetti di %(site)s"),
        gettext_lazy(
            "I luoghi in cui si svolgono i progetti di %(site)s: nome, indirizzo, quartiere e "
            "circoscrizione, con le coordinate solo dove sono verificate."
        ),
        ("REGI", "SOCI"),
        "projects:map",
        (File("CSV", "projects:places_csv"), File("GEOJSON", "projects:places_geojson")),
    ),
)
KEYWORDS = (gettext_lazy("progetti finanziati"), gettext_lazy("terzo settore"))
FILE_DESCRIPTIONS = {
    "CSV": gettext_lazy(
        "Una riga per elemento, codifica UTF-8, separatore virgola; il significato di ogni "
        "colonna è nel dizionario dei dati."
    ),
    "JSON": gettext_lazy("Gli stessi dati in JSON, con la licenza e la data di generazione."),
    "GEOJSON": gettext_lazy(
        "I luoghi con coordinate verificate, come punti GeoJSON (WGS84, longitudine e latitudine)."
    ),
}


@dataclass(frozen=True)
class Dates:
    modified: object  # date
    start: object = None  # date or None
    end: object = None


def catalogue_dates():
    """When the data last changed and the period the projects cover (where known)."""
    latest = latest_public_change()
    period = Project.objects.published().aggregate(start=Min("start_date"), end=Max("end_date"))
    modified = timezone.localdate(latest) if latest else timezone.localdate()
    return Dates(modified, period["start"], period["end"])


def absolute(url_name):
    # One address per file, whatever the language of the request: the Italian one.
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse(url_name)


def in_each_language(text, **values):
    """{language: text} of a lazy string with %(name)s placeholders. A value may be lazy
    or a {language: text} dict of its own."""
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = str(text) % {
                name: value[language] if isinstance(value, dict) else str(value)
                for name, value in values.items()
            }
    return texts


def each_language(site_settings, field):
    return {language: text_in_language(site_settings, field, language) for language in LANGUAGES}


def dataset_identifier(site_settings, dataset):
    """ "<IPA code>:<name>" as the AgID guidelines ask; just the name without an IPA code."""
    name = f"{slugify(site_settings.site_name) or 'dati'}-{dataset.slug}"
    return f"{site_settings.ipa_code}:{name}" if site_settings.ipa_code else name


# --- DCAT-AP_IT ---------------------------------------------------------------------------


class _CatalogueGraph:
    def __init__(self, site_settings, dates):
        self.settings = site_settings
        self.dates = dates
        self.page = absolute("open_data")
        self.graph = Graph()
        for prefix, namespace in (
            ("dcatapit", DCATAPIT),
            ("dcat", DCAT),
            ("dct", DCTERMS),
            ("foaf", FOAF),
            ("vcard", VCARD),
            ("skos", SKOS),
            ("owl", OWL),
            ("xsd", XSD),
        ):
            self.graph.bind(prefix, namespace)

    def node(self, fragment):
        return URIRef(f"{self.page}#{fragment}")

    def add(self, subject, predicate, obj):
        self.graph.add((subject, predicate, obj))

    def types(self, subject, *classes):
        # The AgID ontology has typos in its IRIs, so inference cannot be trusted to
        # make a dcatapit:Dataset a dcat:Dataset: every node states both types.
        for cls in classes:
            self.add(subject, RDF.type, cls)

    def texts(self, subject, predicate, texts):
        for language, text in texts.items():
            if text:
                self.add(subject, predicate, Literal(text, lang=language))

    def concept(self, uri, scheme, labels, *classes):
        self.types(uri, SKOS.Concept, *classes)
        self.add(uri, SKOS.inScheme, scheme)
        self.texts(uri, SKOS.prefLabel, labels)
        return uri

    def eu_concept(self, table, code, labels, *classes):
        return self.concept(URIRef(f"{EU}{table}/{code}"), URIRef(EU + table), labels, *classes)

    def document(self, url):
        uri = URIRef(url)
        self.types(uri, FOAF.Document)
        return uri

    def build(self):
        site = self.settings
        agent = self.agent()
        contact = self.contact_point()
        licence = self.licence()
        catalogue = self.node("catalogo")
        self.types(catalogue, DCATAPIT.Catalog, DCAT.Catalog)
        self.texts(
            catalogue, DCTERMS.title, in_each_language(_lazy_catalogue_title, site=site.site_name)
        )
        self.texts(
            catalogue,
            DCTERMS.description,
            in_each_language(
                _lazy_catalogue_description,
                site=site.site_name,
                publisher=each_language(site, "city_name"),
            ),
        )
        self.add(catalogue, DCTERMS.publisher, agent)
        self.add(catalogue, DCTERMS.modified, Literal(self.dates.modified, datatype=XSD.date))
        self.add(catalogue, FOAF.homepage, self.document(self.page))
        for code in LANGUAGE_CONCEPTS:
            self.add(catalogue, DCTERMS.language, self.language(code))
        self.add(catalogue, DCAT.themeTaxonomy, DATA_THEME)
        self.types(DATA_THEME, SKOS.ConceptScheme)
        self.texts(DATA_THEME, DCTERMS.title, {"it": "Data Theme", "en": "Data Theme"})
        for dataset in DATASETS:
            self.add(catalogue, DCAT.dataset, self.dataset(dataset, agent, contact, licence))
        return self.graph

    def agent(self):
        site = self.settings
        agent = self.node("titolare")
        self.types(agent, DCATAPIT.Agent, FOAF.Agent)
        if site.ipa_code:
            self.add(agent, DCTERMS.identifier, Literal(site.ipa_code))
        # One name: the profile allows exactly one foaf:name.
        self.add(agent, FOAF.name, Literal(site.city_name, lang=settings.LANGUAGE_CODE))
        return agent

    def contact_point(self):
        site = self.settings
        contact = self.node("contatto")
        self.types(contact, DCATAPIT.Organization, VCARD.Organization, VCARD.Kind)
        self.add(
            contact, VCARD.fn, Literal(" – ".join(filter(None, [site.site_name, site.city_name])))
        )
        if site.contact_email:
            self.add(contact, VCARD.hasEmail, URIRef(f"mailto:{site.contact_email}"))
        self.add(contact, VCARD.hasURL, URIRef(self.page))
        return contact

    def licence(self):
        self.types(LICENCE, DCATAPIT.LicenseDocument, DCTERMS.LicenseDocument)
        self.add(LICENCE, OWL.versionInfo, Literal("4.0"))
        self.texts(LICENCE, FOAF.name, LICENCE_NAMES)
        attribution = URIRef("http://purl.org/adms/licencetype/Attribution")
        self.add(LICENCE, DCTERMS.type, attribution)
        self.concept(attribution, ADMS_LICENCE_TYPE, {"it": "Attribuzione", "en": "Attribution"})
        return LICENCE

    def language(self, code="ITA"):
        return self.eu_concept("language", code, LANGUAGE_CONCEPTS[code], DCTERMS.LinguisticSystem)

    def area(self):
        area = self.node("territorio")
        self.types(area, DCTERMS.Location)
        self.texts(area, SKOS.prefLabel, each_language(self.settings, "area_name"))
        return area

    def dataset(self, dataset, agent, contact, licence):
        site = self.settings
        uri = self.node(dataset.slug)
        self.types(uri, DCATAPIT.Dataset, DCAT.Dataset)
        self.add(uri, DCTERMS.identifier, Literal(dataset_identifier(site, dataset)))
        self.texts(uri, DCTERMS.title, in_each_language(dataset.title, site=site.site_name))
        self.texts(
            uri, DCTERMS.description, in_each_language(dataset.description, site=site.site_name)
        )
        self.add(uri, DCTERMS.modified, Literal(self.dates.modified, datatype=XSD.date))
        for code in dataset.themes:
            self.add(uri, DCAT.theme, self.eu_concept("data-theme", code, THEMES[code]))
        code, labels = FREQUENCY
        self.add(
            uri,
            DCTERMS.accrualPeriodicity,
            self.eu_concept("frequency", code, labels, DCTERMS.Frequency),
        )
        self.add(uri, DCTERMS.rightsHolder, agent)
        self.add(uri, DCTERMS.publisher, agent)
        self.add(uri, DCAT.contactPoint, contact)
        self.add(uri, DCAT.landingPage, self.document(absolute(dataset.landing_url_name)))
        # The values are in Italian (the metadata in both languages).
        self.add(uri, DCTERMS.language, self.language())
        for keyword in KEYWORDS:
            self.texts(uri, DCAT.keyword, in_each_language(keyword))
        if site.area_name:
            self.add(uri, DCTERMS.spatial, self.area())
        if dataset.has_dates and self.dates.start:
            period = BNode()
            self.types(period, DCTERMS.PeriodOfTime)
            self.add(period, DCATAPIT.startDate, Literal(self.dates.start, datatype=XSD.date))
            if self.dates.end:
                self.add(period, DCATAPIT.endDate, Literal(self.dates.end, datatype=XSD.date))
            self.add(uri, DCTERMS.temporal, period)
        for file in dataset.files:
            self.add(uri, DCAT.distribution, self.distribution(dataset, file, licence))
        return uri

    def distribution(self, dataset, file, licence):
        label, media_type = FILE_TYPES[file.file_type]
        uri = self.node(f"{dataset.slug}-{file.file_type.lower()}")
        url = URIRef(absolute(file.url_name))
        self.types(uri, DCATAPIT.Distribution, DCAT.Distribution)
        self.texts(
            uri,
            DCTERMS.title,
            in_each_language(_lazy_file_title, table=dataset.table.title, format=label),
        )
        self.texts(uri, DCTERMS.description, in_each_language(FILE_DESCRIPTIONS[file.file_type]))
        self.add(
            uri,
            DCTERMS["format"],
            self.eu_concept(
                "file-type", file.file_type, {"it": label, "en": label}, DCTERMS.MediaTypeOrExtent
            ),
        )
        iana = URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")
        self.types(iana, DCTERMS.MediaType)
        self.add(uri, DCAT.mediaType, iana)
        self.add(uri, DCAT.accessURL, url)
        self.add(uri, DCAT.downloadURL, url)
        self.add(uri, DCTERMS.license, licence)
        return uri


_lazy_catalogue_title = gettext_lazy("Dati aperti di %(site)s")
_lazy_catalogue_description = gettext_lazy(
    "Il catalogo dei dati aperti di %(site)s, pubblicato da %(publisher)s: progetti, "
    "organizzazioni e luoghi, con licenza CC BY 4.0."
)
_lazy_file_title = gettext_lazy("%(table)s in formato %(format)s")


def catalogue_graph(site_settings, dates):
    return _CatalogueGraph(site_settings, dates).build()


RDF_FORMATS = {
    "xml": "application/rdf+xml",
    "turtle": "text/turtle",
}


def _catalogue_response(request, rdf_format):
    version = getattr(request, "content_version", None)

    def serialise():
        site_settings = SiteSettings.load(version=version)
        return catalogue_graph(site_settings, catalogue_dates()).serialize(
            format=rdf_format, encoding="utf-8"
        )

    body = page_cache.derived(f"dcat-catalogue-{rdf_format}", serialise, version=version)
    return HttpResponse(body, content_type=f"{RDF_FORMATS[rdf_format]}; charset=utf-8")


@require_safe
def catalogue_rdf(request):
    return _catalogue_response(request, "xml")


@require_safe
def catalogue_ttl(request):
    return _catalogue_response(request, "turtle")


# --- Frictionless Data Package ------------------------------------------------------------


def data_package(site_settings):
    """The descriptor of /dati/datapackage.json, in the language of the request.

    Paths are relative, so the package works wherever /dati/ is served (and a test can
    validate it against files saved side by side)."""
    site = site_settings.site_name
    city = text_in_language(site_settings, "city_name")
    resources = [
        {
            "name": dataset.table.name,
            "path": dataset.table.path,
            "title": str(dataset.title) % {"site": site},
            "description": str(dataset.description) % {"site": site},
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": dataset.table.table_schema(),
        }
        for dataset in DATASETS
    ]
    resources.append(
        {
            "name": "luoghi-geojson",
            "path": "luoghi.geojson",
            "title": _("Luoghi con coordinate (GeoJSON)"),
            "description": str(FILE_DESCRIPTIONS["GEOJSON"]),
            "format": "geojson",
            "mediatype": "application/geo+json",
            "encoding": "utf-8",
        }
    )
    descriptor = {
        "name": slugify(site) or "dati-aperti",
        "title": str(_lazy_catalogue_title) % {"site": site},
        "description": str(_lazy_catalogue_description) % {"site": site, "publisher": city},
        "homepage": absolute("open_data"),
        "licenses": [{"name": "CC-BY-4.0", "path": LICENCE_DOCUMENT, "title": LICENCE_NAMES["en"]}],
        "keywords": [str(keyword) for keyword in KEYWORDS],
        "resources": resources,
    }
    if city:
        descriptor["contributors"] = [
            {
                "title": city,
                "roles": ["publisher"],
                **({"path": site_settings.city_url} if site_settings.city_url else {}),
            }
        ]
    return descriptor


@require_safe
def datapackage(request):
    site_settings = SiteSettings.load(version=getattr(request, "content_version", None))
    response = HttpResponse(
        json.dumps(data_package(site_settings), ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return response


# --- schema.org ---------------------------------------------------------------------------


def json_ld(site_settings, dates):
    """A schema.org DataCatalog of the three datasets, for Google Dataset Search."""
    site = site_settings.site_name
    page = absolute("open_data")
    city = text_in_language(site_settings, "city_name")
    creator = {"@type": "GovernmentOrganization", "name": city}
    if site_settings.city_url:
        creator["url"] = site_settings.city_url
    area = text_in_language(site_settings, "area_name")
    datasets = []
    for dataset in DATASETS:
        item = {
            "@type": "Dataset",
            "@id": f"{page}#{dataset.slug}",
            "url": f"{page}#{dataset.slug}",
            "name": str(dataset.title) % {"site": site},
            "description": str(dataset.description) % {"site": site},
            "identifier": dataset_identifier(site_settings, dataset),
            "keywords": [str(keyword) for keyword in KEYWORDS],
            "license": LICENCE_DOCUMENT,
            "isAccessibleForFree": True,
            "inLanguage": settings.LANGUAGE_CODE,
            "dateModified": dates.modified.isoformat(),
            "creator": creator,
            "publisher": creator,
            "distribution": [
                {
                    "@type": "DataDownload",
                    "name": _("%(table)s in formato %(format)s")
                    % {"table": dataset.table.title, "format": FILE_TYPES[file.file_type][0]},
                    "encodingFormat": FILE_TYPES[file.file_type][1],
                    "contentUrl": absolute(file.url_name),
                }
                for file in dataset.files
            ],
            "variableMeasured": dataset.table.field_names,
        }
        if area:
            item["spatialCoverage"] = {"@type": "Place", "name": area}
        if dataset.has_dates and dates.start:
            item["temporalCoverage"] = (
                f"{dates.start.isoformat()}/{dates.end.isoformat() if dates.end else '..'}"
            )
        datasets.append(item)
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "@id": f"{page}#catalogo",
        "url": page,
        "name": str(_lazy_catalogue_title) % {"site": site},
        "description": str(_lazy_catalogue_description) % {"site": site, "publisher": city},
        "license": LICENCE_DOCUMENT,
        "publisher": creator,
        "dataset": datasets,
    }


# --- The page -----------------------------------------------------------------------------


def dictionary(dataset):
    """The data dictionary of one table, read from the same schema as the files."""
    rows = []
    for field in dataset.table.fields:
        kind, key = dataset.table.key_of(field.name)
        if kind == "primary":
            note = _("identificativo unico")
        elif kind == "foreign":
            note = _("rimanda a %(file)s, colonna %(column)s") % {
                "file": f"{key.table}.csv",
                "column": key.reference,
            }
        else:
            note = ""
        rows.append(
            {
                "name": field.name,
                # the English edition's JSON names its keys in English (projects/exports.py)
                "json_name": field.name_en
                if translation.get_language() != settings.LANGUAGE_CODE
                else field.name,
                "type": TYPE_LABELS[field.type],
                "description": field.description,
                "required": field.required,
                "key": note,
            }
        )
    return rows


@require_safe
def open_data(request):
    version = getattr(request, "content_version", None)
    site_settings = SiteSettings.load(version=version)
    # The filters' choices (and a search's ids) as the list keeps them for this version.
    catalogue = Catalogue(request.GET, version=version)
    query_string = catalogue.form.query_string()
    suffix = f"?{query_string}" if query_string else ""
    site = site_settings.site_name
    dates = page_cache.derived("open-data-dates", catalogue_dates, version=version)
    datasets = [
        {
            "slug": dataset.slug,
            "title": dataset.table.title,
            "description": str(dataset.description) % {"site": site},
            "files": [
                (FILE_TYPES[file.file_type][0], reverse(file.url_name) + suffix)
                for file in dataset.files
            ],
            "csv_name": dataset.table.path,
            "other_files": [
                absolute(file.url_name).rsplit("/", 1)[1]
                for file in dataset.files
                if file.file_type != "CSV"
            ],
            "dictionary": dictionary(dataset),
        }
        for dataset in DATASETS
    ]
    return render(
        request,
        "pages/open_data.html",
        {
            "form": catalogue.form,
            "query_string": query_string,
            "datasets": datasets,
            "json_ld": json_ld(site_settings, dates),
            "breadcrumbs": [(_("Dati aperti"), None)],
            "last_updated": latest_public_change(),
        },
    )
