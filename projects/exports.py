"""Open data: CSV and JSON of projects and organisations, CSV and GeoJSON of places.

Every export reads the same filtered Catalogue as the list page, so a filtered file
has exactly the rows the list shows across its pages. Licence CC BY 4.0. No
personal data: only projects, organisations and places.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from torino_social_factory.common.i18n import current_language
from torino_social_factory.common.spreadsheet import attachment, csv_text

from .listing import Catalogue
from .models import Organisation, Participation, Project

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.it"


@dataclass(frozen=True)
class Field:
    """One column of an open-data table: the one description of it.

    The CSV header, the JSON keys, the Frictionless Table Schema of datapackage.json and
    the data dictionary on /dati/ are all read from these, so they cannot disagree.
    ``type`` is a Table Schema type; ``description`` is Italian (English through gettext).
    """

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    format: str = ""
    enum: tuple = ()
    minimum: float | None = None
    maximum: float | None = None

    @property
    def name_en(self):
        """The key of this column in the English edition's JSON (/en/dati/…)."""
        return ENGLISH_NAMES.get(self.name, self.name)

    def table_schema(self):
        descriptor = {"name": self.name, "type": self.type, "description": str(self.description)}
        if self.format:
            descriptor["format"] = self.format
        constraints = {
            key: value
            for key, value in (
                ("required", self.required),
                ("unique", self.unique),
                ("enum", list(self.enum)),
                ("minimum", self.minimum),
                ("maximum", self.maximum),
            )
            if value not in (False, [], None)
        }
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


@dataclass(frozen=True)
class ForeignKey:
    field: str
    table: str
    reference: str


@dataclass(frozen=True)
class Table:
    """An open-data table: its CSV file, its columns and its keys."""

    name: str
    title: str
    fields: tuple
    primary_key: str
    foreign_keys: tuple = ()

    @property
    def path(self):
        return f"{self.name}.csv"

    @property
    def field_names(self):
        return [field.name for field in self.fields]

    def table_schema(self):
        return {
            "fields": [field.table_schema() for field in self.fields],
            "missingValues": [""],
            "primaryKey": [self.primary_key],
            "foreignKeys": [
                {
                    "fields": [key.field],
                    "reference": {"resource": key.table, "fields": [key.reference]},
                }
                for key in self.foreign_keys
            ],
        }

    def key_of(self, field_name):
        """("primary", None) or ("foreign", key) or (None, None): for the dictionary."""
        if field_name == self.primary_key:
            return "primary", None
        for key in self.foreign_keys:
            if key.field == field_name:
                return "foreign", key
        return None, None


URI = "uri"

# The JSON files of the English edition name their keys in English; the values stay as
# stored (the Italian text: the data are the City's). CSV headers and the Data Package
# keep the Italian names, which are the published schema.
ENGLISH_NAMES = {
    "titolo": "title",
    "in_breve": "summary",
    "stato": "status",
    "data_inizio": "start_date",
    "data_fine": "end_date",
    "contributo_euro": "funding_eur",
    "temi": "themes",
    "circoscrizioni": "districts",
    "quartieri": "neighbourhoods",
    "capofila": "lead",
    "partner": "partners",
    "collaborazioni": "collaborators",
    "sito_web": "website",
    "aggiornato": "updated",
    "capofila_slug": "lead_slug",
    "nome": "name",
    "forma_giuridica": "legal_form",
    "progetti": "projects",
    "indirizzo": "address",
    "quartiere": "neighbourhood",
    "circoscrizione": "district",
    "progetto": "project",
    "progetto_slug": "project_slug",
    "latitudine": "latitude",
    "longitudine": "longitude",
    # the files' metadata and top-level keys
    "licenza": "licence",
    "licenza_url": "licence_url",
    "fonte": "source",
    "generato": "generated",
    "filtri": "filters",
    "organizzazioni": "organisations",
    "luoghi": "places",
}


def _keys_for_language(data):
    """``data`` with its keys in the page's language (values untouched)."""
    if current_language() == settings.LANGUAGE_CODE:
        return data
    if isinstance(data, list):
        return [_keys_for_language(item) for item in data]
    if isinstance(data, dict):
        return {
            ENGLISH_NAMES.get(key, key): value if key == "filtri" else _keys_for_language(value)
            for key, value in data.items()
        }
    return data


# New columns go at the end of a table, so files read by position keep working.
PROJECT_FIELDS = (
    Field("slug", "string", _("identificativo del progetto nell'indirizzo della sua pagina"),
          required=True, unique=True),
    Field("titolo", "string", _("nome del progetto"), required=True),
    Field("in_breve", "string", _("sintesi (al massimo 300 caratteri)")),
    Field("stato", "string", _("stato: in_avvio, in_corso, concluso, proseguito, non_indicato"),
          required=True, enum=tuple(Project.Status.values)),
    Field("data_inizio", "date", _("data di inizio (AAAA-MM-GG), vuota se non nota")),
    Field("data_fine", "date", _("data di fine (AAAA-MM-GG), vuota se non nota")),
    Field("contributo_euro", "number", _("contributo pubblico in euro, vuoto se non noto"),
          minimum=0),
    Field("temi", "string", _("temi del bando, separati da «; »")),
    Field("circoscrizioni", "string", _("numeri delle circoscrizioni, separati da «; »")),
    Field("quartieri", "string", _("quartieri, separati da «; »")),
    Field("capofila", "string", _("organizzazione capofila")),
    Field("partner", "string", _("organizzazioni partner, separate da «; »")),
    Field("collaborazioni", "string", _("organizzazioni che collaborano, separate da «; »")),
    Field("sito_web", "string", _("sito web del progetto"), format=URI),
    Field("url", "string", _("pagina del progetto su questo sito"), required=True, format=URI),
    Field("aggiornato", "datetime", _("data e ora dell'ultimo aggiornamento della scheda"),
          required=True),
    Field("capofila_slug", "string",
          _("identificativo dell'organizzazione capofila (colonna slug di organizzazioni.csv)")),
)  # fmt: skip
ORGANISATION_FIELDS = (
    Field("slug", "string", _("identificativo dell'organizzazione"), required=True, unique=True),
    Field("nome", "string", _("denominazione"), required=True),
    Field("forma_giuridica", "string", _("forma giuridica, vuota se non nota")),
    Field("sito_web", "string", _("sito web"), format=URI),
    Field("progetti", "string",
          _("progetti pubblicati con il ruolo, «progetto (ruolo)» separati da «; »")),
    Field("url", "string", _("pagina dell'organizzazione su questo sito"), required=True,
          format=URI),
)  # fmt: skip
PLACE_FIELDS = (
    Field("id", "integer", _("identificativo del luogo"), required=True, unique=True),
    Field("nome", "string", _("nome del luogo"), required=True),
    Field("indirizzo", "string", _("indirizzo, vuoto se non noto")),
    Field("quartiere", "string", _("quartiere")),
    Field("circoscrizione", "integer", _("numero della circoscrizione, vuoto se non nota")),
    Field("progetto", "string", _("titolo del progetto"), required=True),
    Field("progetto_slug", "string",
          _("identificativo del progetto (colonna slug di progetti.csv)"), required=True),
    Field("url", "string", _("pagina del progetto"), required=True, format=URI),
    Field("latitudine", "number", _("latitudine WGS84, vuota se non verificata"),
          minimum=-90, maximum=90),
    Field("longitudine", "number", _("longitudine WGS84, vuota se non verificata"),
          minimum=-180, maximum=180),
)  # fmt: skip
# In the GeoJSON the coordinates are the point's geometry, not properties.
GEOMETRY_FIELDS = {"latitudine", "longitudine"}

PROJECTS = Table(
    "progetti", _("Progetti"), PROJECT_FIELDS, "slug",
    (ForeignKey("capofila_slug", "organizzazioni", "slug"),),
)  # fmt: skip
ORGANISATIONS = Table("organizzazioni", _("Organizzazioni"), ORGANISATION_FIELDS, "slug")
PLACES = Table(
    "luoghi", _("Luoghi"), PLACE_FIELDS, "id", (ForeignKey("progetto_slug", "progetti", "slug"),)
)
TABLES = (PROJECTS, ORGANISATIONS, PLACES)


def _join(values):
    return "; ".join(str(v) for v in values if v not in (None, ""))


def project_rows(catalogue):
    for project in catalogue.projects.for_export():
        lead = project.lead
        yield {
            "slug": project.slug,
            "titolo": project.title,
            "in_breve": project.summary,
            "stato": project.status,
            "data_inizio": project.start_date.isoformat() if project.start_date else "",
            "data_fine": project.end_date.isoformat() if project.end_date else "",
            "contributo_euro": str(project.funding_amount)
            if project.funding_amount is not None
            else "",
            "temi": _join(t.name for t in project.themes.all()),
            "circoscrizioni": _join(d.number for d in project.districts),
            "quartieri": _join(n.name for n in project.neighbourhoods.all()),
            "capofila": lead.name if lead else "",
            "partner": _join(p.organisation.name for p in project.partners),
            "collaborazioni": _join(p.organisation.name for p in project.collaborators),
            "sito_web": project.website,
            "url": settings.SITE_URL + project.get_absolute_url(),
            "aggiornato": project.updated_at.isoformat(),
            "capofila_slug": lead.slug if lead else "",
        }


def organisation_rows(catalogue):
    organisations = Organisation.objects.of_projects(catalogue.projects).for_export()
    roles = dict(Participation.Role.choices)
    for organisation in organisations:
        yield {
            "slug": organisation.slug,
            "nome": organisation.name,
            "forma_giuridica": organisation.legal_form,
            "sito_web": organisation.website,
            "progetti": _join(
                f"{p.project.title} ({roles[p.role]})" for p in organisation.public_participations
            ),
            "url": settings.SITE_URL + organisation.get_absolute_url(),
        }


def place_rows(catalogue):
    for place in catalogue.places():
        district = place.district
        yield {
            "id": place.pk,
            "nome": place.name,
            "indirizzo": place.address,
            "quartiere": place.neighbourhood.name if place.neighbourhood else "",
            "circoscrizione": district.number if district else None,
            "progetto": place.project.title,
            "progetto_slug": place.project.slug,
            "url": settings.SITE_URL + place.project.get_absolute_url(),
            "latitudine": float(place.latitude) if place.has_coordinates else None,
            "longitudine": float(place.longitude) if place.has_coordinates else None,
        }


def _csv_response(rows, table):
    names = table.field_names
    text = csv_text(names, ([row[name] for name in names] for row in rows), delimiter=",")
    return attachment(text, "text/csv; charset=utf-8", table.path)


def _json_response(data, filename=None, content_type="application/json"):
    response = HttpResponse(
        json.dumps(_keys_for_language(data), ensure_ascii=False, indent=1),
        content_type=f"{content_type}; charset=utf-8",
    )
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _meta(catalogue):
    return {
        "licenza": LICENCE,
        "licenza_url": LICENCE_URL,
        "fonte": "Torino Social Factory – " + settings.SITE_URL,
        "generato": timezone.now().isoformat(),
        "filtri": catalogue.criteria,
    }


@require_safe
def projects_csv(request):
    catalogue = Catalogue(request.GET)
    return _csv_response(project_rows(catalogue), PROJECTS)


@require_safe
def projects_json(request):
    catalogue = Catalogue(request.GET)
    return _json_response(
        {**_meta(catalogue), "progetti": list(project_rows(catalogue))}, "progetti.json"
    )


@require_safe
def organisations_csv(request):
    catalogue = Catalogue(request.GET)
    return _csv_response(organisation_rows(catalogue), ORGANISATIONS)


@require_safe
def organisations_json(request):
    catalogue = Catalogue(request.GET)
    return _json_response(
        {**_meta(catalogue), "organizzazioni": list(organisation_rows(catalogue))},
        "organizzazioni.json",
    )


@require_safe
def places_csv(request):
    """Every place, with its coordinates where they are certain."""
    catalogue = Catalogue(request.GET)
    return _csv_response(place_rows(catalogue), PLACES)


@require_safe
def places_geojson(request):
    """Only places with certain coordinates: a place without them has no point."""
    catalogue = Catalogue(request.GET)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["longitudine"], row["latitudine"]]},
            "properties": {k: v for k, v in row.items() if k not in GEOMETRY_FIELDS},
        }
        for row in place_rows(catalogue)
        if row["latitudine"] is not None
    ]
    return _json_response(
        {
            "type": "FeatureCollection",
            "metadata": {k: v for k, v in _meta(catalogue).items()},
            "features": features,
        },
        "luoghi.geojson",
        content_type="application/geo+json",
    )
