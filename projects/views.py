"""Public pages of the catalogue. Thin: every read is a QuerySet method or Catalogue."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from torino_social_factory.common import share_image, versioned
from torino_social_factory.common.i18n import current_language, inline_in_language, text_in_language

from .forms import OrganisationFilterForm
from .images import rendition_name, widths_for
from .listing import Catalogue, group_by_area, page_numbers, per_version
from .models import (
    Organisation,
    Participation,
    Project,
    latest_public_change,
    relations_by_project,
)


def _funder():
    return {
        "@type": "GovernmentOrganization",
        "name": _("Unione europea – Fondo sociale europeo – PON Città Metropolitane 2014-2020"),
    }


@require_safe
def project_list(request):
    catalogue = Catalogue(request.GET, version=getattr(request, "content_version", None))
    page = catalogue.page()
    cards = catalogue.cards(page.object_list)
    active_filters = catalogue.active_filters(request.path)
    list_url = request.build_absolute_uri(reverse("projects:list"))
    json_ld = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": _("Progetti finanziati da Torino Social Factory"),
        "url": list_url,
        "inLanguage": current_language(),
        "numberOfItems": page.paginator.count,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": page.start_index() + index,
                "url": settings.SITE_URL + card.data["url"],
                "name": card.data["name"],
            }
            for index, card in enumerate(cards)
        ],
    }
    return render(
        request,
        "projects/project_list.html",
        {
            "catalogue": catalogue,
            "form": catalogue.form,
            "filters": catalogue.filter_panel(
                action=reverse("projects:list"), active_filter_count=len(active_filters)
            ),
            "page_obj": page,
            "cards": cards,
            "page_numbers": page_numbers(page),
            "published_count": per_version(
                catalogue.version, "published-count", catalogue.base.count
            ),
            "query_string": catalogue.form.query_string(),
            "active_filters": active_filters,
            "active_filter_count": len(active_filters),
            "clear_filters_url": request.path,
            "breadcrumbs": [(_("Progetti"), None)],
            "active_section": "projects",
            "last_updated": _latest_change(request),
            "json_ld": json_ld,
        },
    )


@require_safe
def project_detail(request, slug):
    project = get_object_or_404(Project.objects.published(), slug=slug)
    relations = project.page_relations(
        # Kept in the process for the content version (read by every project page):
        # no query and no unpickling of the catalogue's rows on each request.
        versioned.kept(
            "project-relations",
            relations_by_project,
            version=getattr(request, "content_version", None),
        )
    )
    places = relations["places"]
    map_places = [
        {
            "name": text_in_language(place, "name"),
            "address": place.address,
            "lat": float(place.latitude),
            "lon": float(place.longitude),
        }
        for place in places
        if place.has_coordinates
    ]
    json_ld = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": text_in_language(project, "title"),
        "description": text_in_language(project, "summary"),
        "url": settings.SITE_URL + project.get_absolute_url(),
        "funder": _funder(),
        "areaServed": [n.name for n in project.neighbourhood_list] or "Torino",
    }
    if project.lead:
        json_ld["parentOrganization"] = {
            "@type": "Organization",
            "name": project.lead.name,
            "url": settings.SITE_URL + project.lead.get_absolute_url(),
        }
    if project.funding_amount is not None:
        json_ld["funding"] = {
            "@type": "MonetaryGrant",
            "amount": {
                "@type": "MonetaryAmount",
                "value": str(project.funding_amount),
                "currency": "EUR",
            },
            "funder": _funder(),
        }
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            **relations,
            "map_places": map_places,
            "key_facts": project.key_fact_list(request.LANGUAGE_CODE),
            "key_facts_fallback": request.LANGUAGE_CODE != "it" and not project.key_facts_en,
            "breadcrumbs": [
                (_("Progetti"), reverse("projects:list")),
                (inline_in_language(project, "title"), None),
            ],
            "active_section": "projects",
            "last_updated": project.updated_at,
            "json_ld": json_ld,
            "share_image": _share_image(request, project),
            **_map_settings(),
        },
    )


def _share_image(request, project):
    """The cover photograph (its largest rendition) when there is one, else the
    picture the site draws for the project."""
    if not project.cover_image:
        url = reverse("projects:share_image", args=[project.slug])
        return share_image.generated(request, url, text_in_language(project, "title"))
    width = widths_for(project.cover_width)[-1]
    height = round(project.cover_height * width / project.cover_width)
    cover = project.cover_image
    return share_image.ShareImage(
        url=cover.storage.url(rendition_name(cover.name, width, "jpg")),
        alt=text_in_language(project, "cover_image_alt"),
        width=width,
        height=height,
        content_type="image/jpeg",
    )


@require_safe
def project_share_image(request, slug):
    project = get_object_or_404(Project.objects.published(), slug=slug)
    neighbourhoods = project.neighbourhoods.order_by("name").values_list("name", flat=True)
    return share_image.response(
        request,
        text_in_language(project, "title"),
        eyebrow=_("Progetto"),
        details=", ".join(neighbourhoods),
    )


@require_safe
def organisation_list(request):
    public = Organisation.objects.public()
    form = OrganisationFilterForm(request.GET, legal_forms=public.legal_forms())
    organisations = list(public.with_legal_form(form.legal_form).for_directory())
    groups = {}
    for organisation in organisations:
        groups.setdefault(organisation.initial, []).append(organisation)
    return render(
        request,
        "projects/organisation_list.html",
        {
            "form": form,
            "groups": sorted(groups.items()),
            "organisation_count": len(organisations),
            "breadcrumbs": [(_("Organizzazioni"), None)],
            "active_section": "organisations",
            "last_updated": _latest_change(request),
        },
    )


@require_safe
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    participations = list(
        Participation.objects.filter(organisation=organisation, project__is_published=True)
        .select_related("project")
        # The list shows each project's title and link: not its long texts.
        .only("role", "organisation_id", "project__slug", "project__title", "project__title_en")
        .order_by("project__title", "pk")
    )
    if not participations:
        # Not public (Organisation.objects.public()): in no published project. Told by
        # its participations, which the page reads anyway, instead of a subquery over
        # every published participation.
        raise Http404
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": organisation.name,
        "url": settings.SITE_URL + organisation.get_absolute_url(),
    }
    if organisation.website:
        json_ld["sameAs"] = organisation.website
    return render(
        request,
        "projects/organisation_detail.html",
        {
            "organisation": organisation,
            "participations": participations,
            "breadcrumbs": [
                (_("Organizzazioni"), reverse("projects:organisation_list")),
                (organisation.name, None),
            ],
            "active_section": "organisations",
            "last_updated": organisation.updated_at,
            "json_ld": json_ld,
        },
    )


@require_safe
def project_map(request):
    catalogue = Catalogue(request.GET, version=getattr(request, "content_version", None))
    page = catalogue.places_page()
    places = [item for _neighbourhood, item in page.object_list]
    map_places = [item.data for item in places if item.data]
    return render(
        request,
        "projects/project_map.html",
        {
            "catalogue": catalogue,
            "form": catalogue.form,
            "places": places,
            "place_count": page.paginator.count,
            "place_groups": group_by_area(page.object_list),
            "map_places": map_places,
            "page_obj": page,
            "page_numbers": page_numbers(page),
            "query_string": catalogue.form.query_string(),
            "breadcrumbs": [(_("Mappa"), None)],
            "active_section": "map",
            "last_updated": _latest_change(request),
            **_map_settings(),
        },
    )


def _latest_change(request):
    return per_version(
        getattr(request, "content_version", None), "latest-change", latest_public_change
    )


def _map_settings():
    return {
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
