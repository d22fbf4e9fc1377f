"""The catalogue's GET filter form.

It never rejects a request: unknown, malformed, repeated or huge values are dropped
one by one and reported in an Italian notice, and the valid ones still apply.
"""

from django import forms
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .models import District, Neighbourhood, Organisation, Participation, Project, Theme

MAX_VALUES = 50  # per parameter; more is not a real visitor
MAX_VALUE_LENGTH = 200
MAX_QUERY_LENGTH = 200

FACETS = ("tema", "circoscrizione", "quartiere", "stato", "organizzazione")
FACET_LABELS = {
    "tema": gettext_lazy("Tema"),
    "circoscrizione": gettext_lazy("Circoscrizione"),
    "quartiere": gettext_lazy("Quartiere"),
    "stato": gettext_lazy("Stato"),
    "organizzazione": gettext_lazy("Organizzazione"),
}


class ProjectFilterForm(forms.Form):
    tema = forms.MultipleChoiceField(
        label=FACET_LABELS["tema"], required=False, widget=forms.CheckboxSelectMultiple
    )
    circoscrizione = forms.MultipleChoiceField(
        label=FACET_LABELS["circoscrizione"],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    quartiere = forms.MultipleChoiceField(
        label=FACET_LABELS["quartiere"], required=False, widget=forms.CheckboxSelectMultiple
    )
    stato = forms.MultipleChoiceField(
        label=FACET_LABELS["stato"], required=False, widget=forms.CheckboxSelectMultiple
    )
    organizzazione = forms.MultipleChoiceField(
        label=FACET_LABELS["organizzazione"],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    q = forms.CharField(
        label=gettext_lazy("Cerca"), required=False, max_length=MAX_QUERY_LENGTH, strip=True
    )

    def __init__(self, data=None, *, public_projects=None, choices=None):
        self.notices = []
        self.page_number = 1
        if choices is None:
            public_projects = (
                public_projects if public_projects is not None else Project.objects.published()
            )
            choices = filter_choices(public_projects)
        cleaned_data = self._sanitise(data, choices) if data is not None else None
        super().__init__(cleaned_data)
        for facet, facet_choices in choices.items():
            self.fields[facet].choices = facet_choices

    def _sanitise(self, data, choices):
        """A plain dict with only the valid values; notices for the rest."""
        clean = {}
        for facet in FACETS:
            valid = {value for value, _label in choices[facet]}
            raw = data.getlist(facet) if hasattr(data, "getlist") else data.get(facet, [])
            if isinstance(raw, str):
                raw = [raw]
            kept, dropped = [], 0
            for value in raw[:MAX_VALUES]:
                value = (value or "").strip()
                if not value:
                    continue
                if len(value) <= MAX_VALUE_LENGTH and value in valid:
                    if value not in kept:
                        kept.append(value)
                else:
                    dropped += 1
            dropped += max(0, len(raw) - MAX_VALUES)
            if dropped:
                self.notices.append(
                    _("%(filter)s: alcuni valori non sono validi e sono stati ignorati.")
                    % {"filter": FACET_LABELS[facet]}
                )
            clean[facet] = kept
        q = data.get("q", "") or ""
        if len(q) > MAX_QUERY_LENGTH:
            self.notices.append(
                _("La ricerca è troppo lunga: sono stati usati i primi %(n)s caratteri.")
                % {"n": MAX_QUERY_LENGTH}
            )
            q = q[:MAX_QUERY_LENGTH]
        clean["q"] = q.replace("\x00", "")
        page = (data.get("page", "") or "").strip()
        if page:
            if page.isdigit() and len(page) <= 9 and int(page) >= 1:
                self.page_number = int(page)
            else:
                self.notices.append(
                    _("Il numero di pagina non è valido: è mostrata la prima pagina.")
                )
        return clean

    @property
    def criteria(self):
        """{facet: [values], "q": text} – always valid after sanitising."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}

    @property
    def is_filtered(self):
        return bool(self.criteria)

    def query_string(self, *, page=None):
        """The current filters as a URL query (for pagination and export links)."""
        from urllib.parse import urlencode

        pairs = []
        for key, value in self.criteria.items():
            for item in value if isinstance(value, list) else [value]:
                pairs.append((key, item))
        if page:
            pairs.append(("page", page))
        return urlencode(pairs)


def filter_choices(public_projects):
    """{facet: [(value, label)]}: the values the filters offer, in the active language."""
    used_ids = public_projects.values("pk")
    english = (get_language() or "it").startswith("en")
    # Plain (value, label) rows through semi-joins: no model instances, no DISTINCT
    # over a join (this form is built on every list, map and export request).
    choices = {
        "tema": [
            (slug, (name_en if english else "") or name)
            for slug, name, name_en in Theme.objects.order_by("name", "pk").values_list(
                "slug", "name", "name_en"
            )
        ],
        "circoscrizione": [
            (str(number), (name_en if english else "") or name)
            for number, name, name_en in District.objects.order_by("number", "pk").values_list(
                "number", "name", "name_en"
            )
        ],
        "quartiere": list(
            Neighbourhood.objects.filter(
                pk__in=Project.neighbourhoods.through.objects.filter(project__in=used_ids).values(
                    "neighbourhood_id"
                )
            )
            .order_by("name", "pk")
            .values_list("slug", "name")
        ),
        # "Not stated" is no value to look for.
        "stato": [
            (value, str(label))
            for value, label in Project.Status.choices
            if value != Project.Status.UNKNOWN
        ],
        "organizzazione": list(
            Organisation.objects.filter(
                pk__in=Participation.objects.filter(project__in=used_ids).values("organisation_id")
            )
            .order_by("name", "pk")
            .values_list("slug", "name")
        ),
    }
    return choices


class OrganisationFilterForm(forms.Form):
    forma = forms.ChoiceField(label=gettext_lazy("Forma giuridica"), required=False)

    def __init__(self, data=None, *, legal_forms=()):
        self.notices = []
        # legal_forms: {stored value: label in the page's language}
        choices = [("", gettext_lazy("Tutte"))] + list(dict(legal_forms).items())
        value = (data.get("forma", "") if data is not None else "") or ""
        if value and value not in legal_forms:
            self.notices.append(_("Forma giuridica sconosciuta: il filtro è stato ignorato."))
            value = ""
        super().__init__({"forma": value})
        self.fields["forma"].choices = choices

    @property
    def legal_form(self):
        return self.cleaned_data.get("forma", "") if self.is_valid() else ""
