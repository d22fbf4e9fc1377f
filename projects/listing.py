"""The filtered catalogue: one object the list, map and export views share.

The list page, the map and every export read the same ``Catalogue``: the same form,
the same filtered queryset, so a filtered CSV has exactly the rows the list shows.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from torino_social_factory.common.i18n import FallbackLog, current_language, text_in_language

from . import search
from .forms import FACET_LABELS, FACETS, ProjectFilterForm, filter_choices
from .models import Place, Project, card_relations

PAGE_SIZE = 12
PLACES_PER_PAGE = 50
# What the map page shows of a place's project.
MAP_PROJECT_FIELDS = ("slug", "title", "title_en")
CARD_TEMPLATE = "projects/includes/project_card.html"
PLACE_TEMPLATE = "projects/includes/place_item.html"
FILTERS_TEMPLATE = "projects/includes/filters.html"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)


@dataclass
class Fragment:
    """Part of a page rendered once for the content version (a card, a place): its
    HTML, the texts in it that fell back to Italian (the page says so once:
    ``FallbackLog``) and what the page's data reads of it (a card's address and title
    for the structured data, a place's point for the map's script)."""

    html: str
    fallbacks: list
    data: dict | None = None


@dataclass
class ActiveFilter:
    facet_label: str
    label: str
    remove_url: str


def per_version(version, name, compute):
    """A value that changes only with the public content, cached for its content version
    (read by the page-cache middleware on every request, bumped by every change); without
    a version it is computed each time."""
    if version is None:
        return compute()
    return cache.get_or_set(f"catalogue:{name}:{version}", compute, settings.PAGE_CACHE_SECONDS)


class Catalogue:
    def __init__(self, data, *, version=None):
        self.base = Project.objects.published()
        self.version = version
        language = get_language() or settings.LANGUAGE_CODE
        choices = per_version(version, f"choices:{language}", lambda: filter_choices(self.base))
        self.form = ProjectFilterForm(data, public_projects=self.base, choices=choices)
        self.criteria = self.form.criteria
        # The search runs once; every query of the page (results, facet counts) reuses
        # its ids. Like everything else here that only depends on the content and the
        # filters, they are kept for the content version.
        self._query_criteria = dict(self.criteria)
        if self.criteria.get("q"):
            self._query_criteria["search_ids"] = self.per_criteria(
                "search",
                lambda: list(self.base.search(self.criteria["q"]).values_list("pk", flat=True)),
                only_q=True,
            )
        self.projects = self.base.filtered(self._query_criteria).order_by("title", "pk")

    def per_criteria(self, name, compute, *, only_q=False):
        """``per_version`` for a value that also depends on the chosen filters (or, with
        ``only_q``, on the search words alone)."""
        if self.version is None:
            return compute()
        return per_version(self.version, f"{name}:{self._criteria_key(only_q)}", compute)

    def _criteria_key(self, only_q):
        # The search words as the search reads them (folded: «Povertà» is «poverta»).
        words = " ".join(re.findall(r"\w+", search.fold(self.criteria.get("q", ""))))
        facets = (
            "" if only_q else repr(sorted((k, v) for k, v in self.criteria.items() if k != "q"))
        )
        return hashlib.md5(f"{words}|{facets}".encode()).hexdigest()

    @property
    def notices(self):
        return self.form.notices

    def active_filters(self, path):
        """One chip per chosen value (and the search), each with the address of this
        page without it."""
        from urllib.parse import urlencode

        pairs = [
            (key, item)
            for key, value in self.criteria.items()
            for item in (value if isinstance(value, list) else [value])
        ]
        chips = []
        for key, item in pairs:
            rest = urlencode([pair for pair in pairs if pair != (key, item)])
            if key == "q":
                facet_label, label = _("Ricerca"), f"«{item}»"
            else:
                facet_label = FACET_LABELS[key]
                label = dict(self.form.fields[key].choices).get(item, item)
            chips.append(ActiveFilter(facet_label, label, path + (f"?{rest}" if rest else "")))
        return chips

    def facets(self):
        """Each facet with its options and the number of projects each would give,
        counted with every other filter applied (one aggregate query per facet), the
        same for every visitor with these filters until the content changes."""
        if self.criteria:
            counts_by_facet = self.per_criteria(
                "facet-counts",
                lambda: {
                    name: self.base.filtered(self._query_criteria, skip=name).facet_counts(name)
                    for name in FACETS
                },
            )
        else:
            counts_by_facet = per_version(
                self.version,
                "facet-counts",
                lambda: {name: self.base.facet_counts(name) for name in FACETS},
            )
        facets = []
        for name in FACETS:
            counts = counts_by_facet[name]
            selected = set(self.criteria.get(name, []))
            options = [
                FacetOption(str(value), label, counts.get(str(value), 0), str(value) in selected)
                for value, label in self.form.fields[name].choices
            ]
            # Hide options that give nothing, unless the visitor picked them.
            options = [o for o in options if o.count or o.checked]
            facets.append(Facet(name, FACET_LABELS[name], options))
        return facets

    def filter_panel(self, *, action, active_filter_count):
        """The list's filter panel (filters.html) as a ``Fragment``: its options and
        counts only change with the content and the filters chosen (the search words as
        typed), so it is kept for them."""
        key = hashlib.md5(repr(sorted(self.criteria.items())).encode()).hexdigest()

        def render():
            context = {
                "facets": self.facets(),
                "form": self.form,
                "action": action,
                "active_filter_count": active_filter_count,
            }
            return Fragment(render_to_string(FILTERS_TEMPLATE, context), [])

        return per_version(self.version, f"filter-panel:{current_language()}:{key}", render)

    def page(self):
        """The requested page of the list, its ``object_list`` the ids of its projects
        (``cards`` shows them); a page past the end is a 404. The projects' order is
        kept for the content version and the filters, so the count and any page of it
        cost no query once seen."""
        in_order = self.per_criteria(
            "ids", lambda: list(self.projects.values_list("pk", flat=True))
        )
        try:
            return Paginator(in_order, PAGE_SIZE).page(self.form.page_number)
        except EmptyPage:
            raise Http404("Pagina inesistente") from None

    def cards(self, ids):
        """The cards of the projects ``ids`` (a page), in order, as ``Fragment``s whose
        ``data`` is the card's address and title; with a search, each also says why it
        matched (``search.explain``), so it is kept per words."""
        q = self.criteria.get("q", "")
        words = hashlib.md5(" ".join(search.terms(q)).encode()).hexdigest() if q else ""

        def fetch(missing):
            # A search card may quote any of the project's texts: the whole row.
            rows = self.base if q else self.base.card_rows()
            projects = rows.in_bulk(missing)
            prefetch_related_objects(list(projects.values()), *card_relations(search=bool(q)))
            return projects

        first = ids[0] if ids else None
        # The first card's picture loads at once (eager), the others lazily.
        return self.fragments(
            [(f"card:{words}:{int(pk == first)}", pk) for pk in ids],
            lambda project: _render_card(project, q, eager=project.pk == first),
            fetch,
        )

    def fragments(self, items, render, fetch):
        """``render(obj)`` for each (kind, id) of ``items``, in order.

        A card or a place changes only with the content, so each is kept for the content
        version, in the page's language: a page seen before costs one cache read
        instead of its queries and renders. ``fetch(ids)`` gives {id: obj}, with what
        their renders need, for all those not kept yet at once (a fixed number of
        queries whatever their number).
        """
        prefix = f"catalogue:{self.version}:{current_language()}"
        wanted = {f"{prefix}:{kind}:{pk}": pk for kind, pk in items}
        found = cache.get_many(list(wanted)) if self.version is not None else {}
        missing = {key: pk for key, pk in wanted.items() if key not in found}
        if missing:
            objects = fetch(list(missing.values()))
            fresh = {key: render(objects[pk]) for key, pk in missing.items()}
            if self.version is not None:
                cache.set_many(fresh, settings.PAGE_CACHE_SECONDS)
            found = {**found, **fresh}
        return [found[key] for key in wanted]

    def places(self):
        """The places of the filtered projects (for the exports), by project."""
        return (
            Place.objects.filter(project__in=self.projects.values("pk"))
            .select_related("project", "neighbourhood__district")
            .order_by("project__title", "project__pk", "name", "pk")
        )

    def places_page(self):
        """The requested page of the map's places (a page past the end is a 404), in the
        order the map lists them: by circoscrizione (unknown last), then quartiere (by
        name, unknown last), then project and name; each with its ``item``, the
        ``Fragment`` the map shows of it.

        A large catalogue has hundreds of places: the map page shows them a page at a
        time, the list and the map the same ones; the real catalogue fits in one page.
        Their order is kept for the content version and the filters, so a page reads
        only its own places.
        """
        in_order = self.per_criteria(
            "place-ids",
            lambda: list(
                Place.objects.filter(project__in=self.projects.values("pk"))
                .order_by(
                    F("neighbourhood__district__number").asc(nulls_last=True),
                    F("neighbourhood__name").asc(nulls_last=True),
                    "neighbourhood__pk",
                    "project__title",
                    "project__pk",
                    "name",
                    "pk",
                )
                .values_list("pk", flat=True)
            ),
        )
        paginator = Paginator(in_order, PLACES_PER_PAGE)
        try:
            page = paginator.page(self.form.page_number)
        except EmptyPage:
            raise Http404("Pagina inesistente") from None
        # The areas for the headings; the projects only for the places not kept yet.
        by_id = Place.objects.select_related("neighbourhood__district").in_bulk(page.object_list)
        page.object_list = [by_id[pk] for pk in page.object_list if pk in by_id]

        def fetch(missing):
            places = [by_id[pk] for pk in missing]
            prefetch_related_objects(
                places, Prefetch("project", queryset=Project.objects.only(*MAP_PROJECT_FIELDS))
            )
            return {place.pk: place for place in places}

        items = self.fragments(
            [("place", place.pk) for place in page.object_list], _render_place, fetch
        )
        for place, item in zip(page.object_list, items, strict=True):
            place.item = item
        return page


def _render_place(place):
    log = FallbackLog()
    context = {"place": place, "show_project": True, FallbackLog.CONTEXT_KEY: log}
    html = render_to_string(PLACE_TEMPLATE, context)
    data = None
    if place.has_coordinates:
        data = {
            "name": text_in_language(place, "name"),
            "address": place.address,
            "project": text_in_language(place.project, "title"),
            "url": place.project.get_absolute_url(),
            "lat": float(place.latitude),
            "lon": float(place.longitude),
        }
    return Fragment(html, log.fields, data)


def _render_card(project, q, *, eager):
    if q:
        search.explain(project, q)
    log = FallbackLog()
    context = {"project": project, "heading_level": 3, "eager": eager, FallbackLog.CONTEXT_KEY: log}
    data = {"url": project.get_absolute_url(), "name": text_in_language(project, "title")}
    return Fragment(render_to_string(CARD_TEMPLATE, context), log.fields, data)


def group_by_area(places):
    """[(district or None, [(neighbourhood or None, [places])])]: circoscrizioni in order,
    their quartieri by name; places whose circoscrizione is not known come last."""
    districts = {}
    for place in places:
        neighbourhood = place.neighbourhood
        district = neighbourhood.district if neighbourhood else None
        by_neighbourhood = districts.setdefault(district, {})
        by_neighbourhood.setdefault(neighbourhood, []).append(place)

    def district_key(district):
        return (district is None, district.number if district else 0)

    def neighbourhood_key(neighbourhood):
        return (neighbourhood is None, neighbourhood.name if neighbourhood else "")

    return [
        (
            district,
            [
                (n, districts[district][n])
                for n in sorted(districts[district], key=neighbourhood_key)
            ],
        )
        for district in sorted(districts, key=district_key)
    ]


def page_numbers(page, around=2):
    """The page links to show: the first, the last and ``around`` pages each side of the
    current one, with None where pages are left out (shown as «…»)."""
    last = page.paginator.num_pages
    wanted = {1, last, *range(page.number - around, page.number + around + 1)}
    numbers, previous = [], 0
    for number in sorted(n for n in wanted if 1 <= n <= last):
        if number - previous > 1:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers
