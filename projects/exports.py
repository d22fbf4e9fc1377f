"""Open data: CSV and JSON of projects and organisations, GeoJSON of places.

Every export reads the same filtered Catalogue as the list page, so a filtered file
has exactly the rows the list shows across its pages. Licence CC BY 4.0. No
personal data: only projects, organisations and places.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from torino_social_factory.common.spreadsheet import attachment, csv_text

from .listing import Catalogue
from .models import Organisation, Participation

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.it"

PROJECT_FIELDS = [
    ("slug", _("identificativo del progetto nell'indirizzo della sua pagina")),
    ("titolo", _("nome del progetto")),
    ("in_breve", _("sintesi (al massimo 300 caratteri)")),
    ("stato", _("stato: in_avvio, in_corso, concluso, proseguito, non_indicato")),
    ("data_inizio", _("data di inizio (AAAA-MM-GG), vuota se non nota")),
    ("data_fine", _("data di fine (AAAA-MM-GG), vuota se non nota")),
    ("contributo_euro", _("contributo pubblico in euro, vuoto se non noto")),
    ("temi", _("temi del bando, separati da «; »")),
    ("circoscrizioni", _("numeri delle circoscrizioni, separati da «; »")),
    ("quartieri", _("quartieri, separati da «; »")),
    ("capofila", _("organizzazione capofila")),
    ("partner", _("organizzazioni partner, separate da «; »")),
    ("collaborazioni", _("organizzazioni che collaborano, separate da «; »")),
    ("sito_web", _("sito web del progetto")),
    ("url", _("pagina del progetto su questo sito")),
    ("aggiornato", _("data e ora dell'ultimo aggiornamento della scheda")),
]
ORGANISATION_FIELDS = [
    ("slug", _("identificativo dell'organizzazione")),
    ("nome", _("denominazione")),
    ("forma_giuridica", _("forma giuridica, vuota se non nota")),
    ("sito_web", _("sito web")),
    ("progetti", _("progetti pubblicati con il ruolo, «progetto (ruolo)» separati da «; »")),
    ("url", _("pagina dell'organizzazione su questo sito")),
]
PLACE_FIELDS = [
    ("nome", _("nome del luogo")),
    ("indirizzo", _("indirizzo, vuoto se non noto")),
    ("quartiere", _("quartiere")),
    ("circoscrizione", _("numero della circoscrizione, vuoto se non nota")),
    ("progetto", _("titolo del progetto")),
    ("url", _("pagina del progetto")),
]


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


def _csv_response(rows, fields, filename):
    names = [name for name, _label in fields]
    text = csv_text(names, ([row[name] for name in names] for row in rows), delimiter=",")
    return attachment(text, "text/csv; charset=utf-8", filename)


def _json_response(data, filename=None, content_type="application/json"):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
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
    return _csv_response(project_rows(catalogue), PROJECT_FIELDS, "progetti.csv")


@require_safe
def projects_json(request):
    catalogue = Catalogue(request.GET)
    return _json_response(
        {**_meta(catalogue), "progetti": list(project_rows(catalogue))}, "progetti.json"
    )


@require_safe
def organisations_csv(request):
    catalogue = Catalogue(request.GET)
    return _csv_response(organisation_rows(catalogue), ORGANISATION_FIELDS, "organizzazioni.csv")


@require_safe
def organisations_json(request):
    catalogue = Catalogue(request.GET)
    return _json_response(
        {**_meta(catalogue), "organizzazioni": list(organisation_rows(catalogue))},
        "organizzazioni.json",
    )


@require_safe
def places_geojson(request):
    """Only places with certain coordinates: a place without them has no point."""
    catalogue = Catalogue(request.GET)
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(place.longitude), float(place.latitude)],
            },
            "properties": {
                "nome": place.name,
                "indirizzo": place.address,
                "quartiere": place.neighbourhood.name if place.neighbourhood else "",
                "circoscrizione": place.district.number if place.district else None,
                "progetto": place.project.title,
                "url": settings.SITE_URL + place.project.get_absolute_url(),
            },
        }
        for place in catalogue.places().filter(latitude__isnull=False, longitude__isnull=False)
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
