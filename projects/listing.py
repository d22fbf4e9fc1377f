"""The filtered catalogue: one object the list, map and export views share.

The list page, the map and every export read the same ``Catalogue``: the same form,
the same filtered queryset, so a filtered CSV has exactly the rows the list shows.
"""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404

from .forms import FACET_LABELS, FACETS, ProjectFilterForm
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


class Catalogue:
    def __init__(self, data):
        self.base = Project.objects.published()
        self.form = ProjectFilterForm(data, public_projects=self.base)
        self.criteria = self.form.criteria
        self.projects = self.base.filtered(self.criteria).order_by("title", "pk")

    @property
    def notices(self):
        return self.form.notices

    def facets(self):
        """Each facet with its options and the number of projects each would give,
        counted with every other filter applied (one query per facet)."""
        facets = []
        for name in FACETS:
            counts = self.base.filtered(self.criteria, skip=name).facet_counts(name)
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
        """The requested page of cards; a page past the end is a 404."""
        paginator = Paginator(self.projects.for_cards(), PAGE_SIZE)
        try:
            return paginator.page(self.form.page_number)
        except EmptyPage:
            raise Http404("Pagina inesistente") from None

    def places(self):
        from .models import Place

        return (
            Place.objects.filter(project__in=self.projects.values("pk"))
            .select_related("project", "neighbourhood__district")
            .order_by("project__title", "project__pk", "name", "pk")
        )
