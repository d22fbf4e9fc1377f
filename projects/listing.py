"""The filtered catalogue: one object the list, map and export views share.

The list page, the map and every export read the same ``Catalogue``: the same form,
the same filtered queryset, so a filtered CSV has exactly the rows the list shows.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import search
from .forms import FACET_LABELS, FACETS, ProjectFilterForm, filter_choices
from .models import Project

PAGE_SIZE = 12


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
        # its ids.
        self._query_criteria = dict(self.criteria)
        if self.criteria.get("q"):
            self._query_criteria["search_ids"] = list(
                self.base.search(self.criteria["q"]).values_list("pk", flat=True)
            )
        self.projects = self.base.filtered(self._query_criteria).order_by("title", "pk")

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
        counted with every other filter applied (one query per facet)."""
        facets = []
        unfiltered = {}
        if not self.criteria:  # the same counts for every visitor until the content changes
            unfiltered = per_version(
                self.version,
                "facet-counts",
                lambda: {name: self.base.facet_counts(name) for name in FACETS},
            )
        for name in FACETS:
            counts = unfiltered.get(name)
            if counts is None:
                counts = self.base.filtered(self._query_criteria, skip=name).facet_counts(name)
            selected = set(self.criteria.get(name, []))
            options = [
                FacetOption(str(value), label, counts.get(str(value), 0), str(value) in selected)
                for value, label in self.form.fields[name].choices
            ]
            # Hide options that give nothing, unless the visitor picked them.
            options = [o for o in options if o.count or o.checked]
            facets.append(Facet(name, FACET_LABELS[name], options))
        return facets

    def page(self):
        """The requested page of cards; a page past the end is a 404. With a search,
        each card also says why it matched (``search.explain``)."""
        q = self.criteria.get("q")
        cards = self.projects.for_search_cards() if q else self.projects.for_cards()
        paginator = Paginator(cards, PAGE_SIZE)
        try:
            page = paginator.page(self.form.page_number)
        except EmptyPage:
            raise Http404("Pagina inesistente") from None
        if q:
            for project in page.object_list:
                search.explain(project, q)
        return page

    def places(self):
        from .models import Place

        return (
            Place.objects.filter(project__in=self.projects.values("pk"))
            .select_related("project", "neighbourhood__district")
            .order_by("project__title", "project__pk", "name", "pk")
        )


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
