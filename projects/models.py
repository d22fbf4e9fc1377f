"""The catalogue: funded projects, the organisations that run them, where and with what.

Every public read goes through a QuerySet method (``published()``, ``filtered()``,
``search()``, ``for_cards()``…) so the views stay thin and every page runs a fixed
number of queries whatever the number of projects.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Max, Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from torino_social_factory.common.i18n import current_language, text_in_language
from torino_social_factory.common.urls import reverse_cached

from . import search
from .images import ResizedImageMixin, validate_image_upload

THEME_SLUGS = (
    "nuove-poverta",
    "vulnerabilita-sociale",
    "disoccupazione",
    "integrazione-culturale",
    "coesione-sociale",
)


class Theme(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("nome"), max_length=120)
    name_en = models.CharField(_("nome (inglese)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temi")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_cached("projects:list") + f"?tema={self.slug}"


class District(models.Model):
    """One of Turin's eight circoscrizioni."""

    number = models.PositiveSmallIntegerField(
        _("numero"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    name = models.CharField(_("nome"), max_length=120)
    name_en = models.CharField(_("nome (inglese)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("circoscrizione")
        verbose_name_plural = _("circoscrizioni")
        ordering = ["number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=8), name="district_number_1_8"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_cached("projects:list") + f"?circoscrizione={self.number}"


class Neighbourhood(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("nome"), max_length=120)
    district = models.ForeignKey(
        District,
        verbose_name=_("circoscrizione"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="neighbourhoods",
    )

    class Meta:
        verbose_name = _("quartiere")
        verbose_name_plural = _("quartieri")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_cached("projects:list") + f"?quartiere={self.slug}"


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Organisations taking part in at least one published project."""
        return self.filter(
            pk__in=Participation.objects.filter(project__is_published=True).values(
                "organisation_id"
            )
        )

    def of_projects(self, projects):
        """Organisations taking part in the given (already public) projects."""
        return self.filter(
            pk__in=Participation.objects.filter(project__in=projects.values("pk")).values(
                "organisation_id"
            )
        )

    def with_legal_form(self, legal_form):
        return self.filter(legal_form=legal_form) if legal_form else self

    def legal_forms(self):
        """{Italian legal form: its label in the current language}, in Italian order."""
        rows = (
            self.exclude(legal_form="")
            .order_by("legal_form", "legal_form_en")
            .values_list("legal_form", "legal_form_en")
            .distinct()
        )
        english = current_language() != settings.LANGUAGE_CODE
        labels = {}
        for legal_form, legal_form_en in rows:
            if not labels.get(legal_form):
                labels[legal_form] = (legal_form_en if english else "") or legal_form
        return labels

    def for_directory(self):
        return self.annotate(
            project_count=models.Count(
                "participations",
                filter=Q(participations__project__is_published=True),
                distinct=True,
            )
        ).order_by("name", "pk")

    def for_export(self):
        return self.order_by("name", "pk").prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(project__is_published=True)
                .select_related("project")
                .order_by("project__title", "pk"),
                to_attr="public_participations",
            )
        )


class Organisation(ResizedImageMixin, models.Model):
    IMAGE_FIELDS = ("logo",)

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("nome"), max_length=200)
    legal_form = models.CharField(_("forma giuridica"), max_length=120, blank=True)
    legal_form_en = models.CharField(_("forma giuridica (inglese)"), max_length=120, blank=True)
    website = models.URLField(_("sito web"), blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    description_en = models.TextField(_("descrizione (inglese)"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="organisations/",
        blank=True,
        validators=[validate_image_upload],
        width_field="logo_width",
        height_field="logo_height",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_alt = models.CharField(_("testo alternativo del logo"), max_length=250, blank=True)
    updated_at = models.DateTimeField(_("ultimo aggiornamento"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organizzazione")
        verbose_name_plural = _("organizzazioni")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_cached("projects:organisation_detail", self.slug)

    def clean(self):
        # A logo is an image of text: whoever cannot see it must still learn the name.
        if self.logo and not self.logo_alt.strip():
            raise ValidationError(
                {
                    "logo_alt": _(
                        "Scrivi il testo alternativo: descrive l'immagine a chi non la vede "
                        "(per esempio «Logo della cooperativa Triciclo»)."
                    )
                }
            )

    @property
    def initial(self):
        first = (self.name or "#")[0].upper()
        return first if first.isalpha() else "#"


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def featured(self):
        """Up to three published projects for the home page (featured ones first)."""
        return self.published().for_cards().order_by("-featured", "-updated_at", "pk")[:3]

    @staticmethod
    def _themes_and_neighbourhoods():
        return (
            Prefetch("themes", queryset=Theme.objects.order_by("name", "pk")),
            Prefetch(
                "neighbourhoods",
                queryset=Neighbourhood.objects.select_related("district").order_by("name", "pk"),
            ),
        )

    def card_rows(self):
        """Of the project's own row only what a card shows: the long texts would be read
        (and sorted) for nothing."""
        return self.only(*CARD_FIELDS)

    def for_cards(self):
        """Everything a card shows, in a fixed number of queries."""
        return self.card_rows().prefetch_related(*card_relations())

    def for_search_cards(self):
        """The cards of a search: every organisation too, to say which one matched."""
        return self.prefetch_related(*card_relations(search=True))

    def for_export(self):
        # Every participation at once: the lead is found among them (see ``lead``).
        return self.prefetch_related(
            *self._themes_and_neighbourhoods(),
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organisation").order_by(
                    "role", "organisation__name", "pk"
                ),
                to_attr="all_participations",
            ),
        )

    def search(self, q):
        """The projects matching the words of ``q`` (see projects/search.py), each once."""
        matching = search.matching_ids(Project, q)
        return self if matching is None else self.filter(pk__in=matching)

    def filtered(self, criteria, *, skip=None):
        """Apply the list filters (a dict of facet -> list of values, plus ``q``).

        ``skip`` leaves one facet out: the per-option counts of a facet are computed
        with every other filter applied but not that one.
        """
        qs = self
        for facet, lookup in FACET_LOOKUPS.items():
            values = criteria.get(facet) or []
            if facet == skip or not values:
                continue
            if facet == "stato":
                qs = qs.filter(status__in=values)
            else:
                qs = qs.filter(
                    pk__in=Project.objects.filter(**{f"{lookup}__in": values}).values("pk")
                )
        if "search_ids" in criteria:  # the search, already run once for this page
            return qs.filter(pk__in=criteria["search_ids"])
        return qs.search(criteria.get("q"))

    def facet_counts(self, facet):
        """{option value: number of projects} for one facet over this queryset."""
        lookup = FACET_LOOKUPS[facet]
        rows = (
            self.order_by()
            .values(lookup)
            .annotate(n=models.Count("pk", distinct=True))
            .values_list(lookup, "n")
        )
        return {str(value): n for value, n in rows if value is not None}


# The project's own fields a card (and the list's structured data) shows.
CARD_FIELDS = (
    "slug",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "status",
    "cover_image",
    "cover_width",
    "cover_height",
    "cover_image_alt",
)


def card_relations(*, search=False):
    """What a card shows of other tables, as ``prefetch_related`` lookups: themes,
    quartieri with their circoscrizione and the lead organisation; on a search, every
    organisation, to say which one matched."""
    if search:
        participations = Prefetch(
            "participations",
            queryset=Participation.objects.select_related("organisation").order_by(
                "role", "organisation__name", "pk"
            ),
            to_attr="all_participations",
        )
    else:
        participations = Prefetch(
            "participations",
            # One lead per project (a constraint): no order to keep, so no join with the
            # projects for Participation's default ordering.
            queryset=Participation.objects.filter(role=Participation.Role.LEAD)
            .select_related("organisation")
            .order_by("pk"),
            to_attr="lead_participations",
        )
    return (*ProjectQuerySet._themes_and_neighbourhoods(), participations)


# facet name -> lookup from Project to the option value
FACET_LOOKUPS = {
    "tema": "themes__slug",
    "circoscrizione": "neighbourhoods__district__number",
    "quartiere": "neighbourhoods__slug",
    "stato": "status",
    "organizzazione": "participations__organisation__slug",
}


class Project(ResizedImageMixin, models.Model):
    IMAGE_FIELDS = ("cover_image",)
    RICH_TEXT_FIELDS = (
        "description",
        "description_en",
        "objectives",
        "objectives_en",
        "activities",
        "activities_en",
        "results",
        "results_en",
    )

    class Status(models.TextChoices):
        PLANNED = "in_avvio", _("in avvio")
        ONGOING = "in_corso", _("in corso")
        CONCLUDED = "concluso", _("concluso")
        CONTINUING = "proseguito", _("proseguito oltre il finanziamento")
        UNKNOWN = "non_indicato", _("stato non indicato")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("titolo"), max_length=200)
    title_en = models.CharField(_("titolo (inglese)"), max_length=200, blank=True)
    summary = models.CharField(
        _("in breve"), max_length=300, blank=True, help_text=_("Al massimo 300 caratteri.")
    )
    summary_en = models.CharField(_("in breve (inglese)"), max_length=300, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    description_en = models.TextField(_("descrizione (inglese)"), blank=True)
    objectives = models.TextField(_("obiettivi"), blank=True)
    objectives_en = models.TextField(_("obiettivi (inglese)"), blank=True)
    activities = models.TextField(_("attività"), blank=True)
    activities_en = models.TextField(_("attività (inglese)"), blank=True)
    results = models.TextField(_("risultati"), blank=True)
    results_en = models.TextField(_("risultati (inglese)"), blank=True)
    key_facts = models.TextField(_("fatti principali"), blank=True, help_text=_("Uno per riga."))
    key_facts_en = models.TextField(_("fatti principali (inglese)"), blank=True)
    status = models.CharField(
        _("stato"), max_length=20, choices=Status.choices, default=Status.UNKNOWN
    )
    start_date = models.DateField(_("data di inizio"), null=True, blank=True)
    end_date = models.DateField(_("data di fine"), null=True, blank=True)
    funding_amount = models.DecimalField(
        _("contributo (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Lasciare vuoto se l'importo non è noto."),
    )
    funding_note = models.CharField(_("nota sul contributo"), max_length=250, blank=True)
    funding_note_en = models.CharField(
        _("nota sul contributo (inglese)"), max_length=250, blank=True
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("temi"), blank=True, related_name="projects"
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, verbose_name=_("quartieri"), blank=True, related_name="projects"
    )
    cover_image = models.ImageField(
        _("immagine di copertina"),
        upload_to="projects/covers/",
        blank=True,
        validators=[validate_image_upload],
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_image_alt = models.CharField(
        _("testo alternativo della copertina"), max_length=250, blank=True
    )
    website = models.URLField(_("sito web"), blank=True)
    is_published = models.BooleanField(_("pubblicato"), default=False)
    featured = models.BooleanField(_("in evidenza"), default=False)
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ultimo aggiornamento"), auto_now=True)
    # The project's own texts folded for search (lower case, no accents), kept by save().
    search_document = models.TextField(editable=False, blank=True, default="")

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("progetto")
        verbose_name_plural = _("progetti")
        ordering = ["title", "pk"]
        indexes = [
            # The list walks the published projects in title order and stops at the end
            # of its page; its count reads this index too, never the long texts.
            models.Index(
                fields=["title", "id"],
                condition=Q(is_published=True),
                name="project_published_by_title",
            ),
            # The home's few projects (``featured()``): read from the index instead of
            # sorting every published row, whose long texts come before these columns.
            models.Index(
                fields=["-featured", "-updated_at", "id"],
                condition=Q(is_published=True),
                name="project_featured_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            )
        ]

    # What a card shows of a search (``search.explain`` sets them on the cards of a
    # search); outside a search, nothing. Defaults here, so that a template asking for
    # them on any project finds them without a failed lookup.
    search_title = ""
    search_summary = ""
    search_hits = ()

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_document = search.document(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(search.OWN_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_document"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_cached("projects:detail", self.slug)

    def clean(self):
        if self.cover_image and not self.cover_image_alt:
            raise ValidationError(
                {"cover_image_alt": _("Il testo alternativo è obbligatorio con l'immagine.")}
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("La data di fine non può precedere la data di inizio.")}
            )

    # --- Things the templates read (from prefetched data: no extra queries) ---------
    @property
    def status_is_known(self):
        """An unknown status is not a fact: pages say nothing rather than «non indicato»."""
        return self.status != self.Status.UNKNOWN

    @property
    def lead(self):
        participations = getattr(self, "lead_participations", None)
        if participations is None and hasattr(self, "all_participations"):
            participations = [p for p in self.all_participations if p.is_lead]
        if participations is None:
            participations = [
                p for p in self.participations.select_related("organisation") if p.is_lead
            ]
        return participations[0].organisation if participations else None

    @cached_property
    def neighbourhood_list(self):
        """The (prefetched) quartieri once: a card reads them three times."""
        return list(self.neighbourhoods.all())

    @cached_property
    def theme_list(self):
        return list(self.themes.all())

    @cached_property
    def districts(self):
        seen = {}
        for neighbourhood in self.neighbourhood_list:
            if neighbourhood.district_id and neighbourhood.district_id not in seen:
                seen[neighbourhood.district_id] = neighbourhood.district
        return sorted(seen.values(), key=lambda d: d.number)

    def page_relations(self, catalogue):
        """What the project's page shows of other tables, taken from ``catalogue``, the
        whole catalogue's ``relations_by_project()`` (kept by the caller for the content
        version). Themes, quartieri and participations land where the templates and
        ``lead`` look for them; places, gallery, updates and sources are returned."""
        # New lists: the kept ones are shared by every request of the process.
        rows = {name: list(by_project.get(self.pk, ())) for name, by_project in catalogue.items()}
        self.theme_list = rows.pop("themes")
        self.neighbourhood_list = rows.pop("neighbourhoods")
        self.all_participations = rows.pop("participations")
        return rows

    def key_fact_list(self, language=None):
        text = text_in_language(self, "key_facts", language)
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    def participations_by_role(self, role):
        return [p for p in getattr(self, "all_participations", []) if p.role == role]

    @property
    def partners(self):
        return self.participations_by_role(Participation.Role.PARTNER)

    @property
    def collaborators(self):
        return self.participations_by_role(Participation.Role.COLLABORATOR)


class Participation(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("capofila")
        PARTNER = "partner", _("partner")
        COLLABORATOR = "collaborator", _("collaborazione")

    project = models.ForeignKey(
        Project, verbose_name=_("progetto"), on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizzazione"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(_("ruolo"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    note = models.CharField(_("nota"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("partecipazione")
        verbose_name_plural = _("partecipazioni")
        ordering = ["project", "role", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="lead"),
                name="one_lead_per_project",
                violation_error_message=_("Un progetto ha un solo capofila."),
            ),
            models.UniqueConstraint(
                fields=["project", "organisation"],
                name="one_participation_per_organisation",
                violation_error_message=_("L'organizzazione partecipa già a questo progetto."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()} – {self.project}"

    @property
    def is_lead(self):
        return self.role == self.Role.LEAD

    @property
    def role_label(self):
        """get_role_display() for long lists: that one builds a dict of every choice,
        translating each label, on every call."""
        try:
            return self.Role(self.role).label
        except ValueError:
            return self.role


class Place(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("progetto"), on_delete=models.CASCADE, related_name="places"
    )
    name = models.CharField(_("nome"), max_length=200)
    name_en = models.CharField(_("nome (inglese)"), max_length=200, blank=True)
    address = models.CharField(
        _("indirizzo"), max_length=250, blank=True, help_text=_("Vuoto se non è noto.")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("quartiere"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
    )
    latitude = models.DecimalField(
        _("latitudine"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Solo se certa: nessuna coordinata stimata."),
    )
    longitude = models.DecimalField(
        _("longitudine"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        verbose_name = _("luogo")
        verbose_name_plural = _("luoghi")
        ordering = ["project", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_both_coordinates_or_none",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def district(self):
        return self.neighbourhood.district if self.neighbourhood_id else None

    @property
    def osm_url(self):
        from urllib.parse import urlencode

        if self.has_coordinates:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=18/{self.latitude}/{self.longitude}"
            )
        if self.address:
            query = self.address if "torino" in self.address.lower() else f"{self.address}, Torino"
            return "https://www.openstreetmap.org/search?" + urlencode({"query": query})
        return ""


class ProjectSource(models.Model):
    """A published source a project's page rests on, listed under «Fonti»."""

    project = models.ForeignKey(
        Project, verbose_name=_("progetto"), on_delete=models.CASCADE, related_name="sources"
    )
    title = models.CharField(
        _("titolo"), max_length=250, blank=True, help_text=_("Vuoto se non è noto.")
    )
    publisher = models.CharField(_("editore o sito"), max_length=200)
    date = models.CharField(
        _("data"),
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
                _("Scrivi la data come AAAA, AAAA-MM o AAAA-MM-GG (per esempio 2019-05)."),
            )
        ],
        help_text=_("AAAA, AAAA-MM o AAAA-MM-GG, quanto è noto; vuoto se non è indicata."),
    )
    url = models.URLField(_("indirizzo"), max_length=500)
    order = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("fonte")
        verbose_name_plural = _("fonti")
        ordering = ["project", "order", "pk"]

    def __str__(self):
        return self.title or self.publisher

    @property
    def date_parts(self):
        """(year, month or None, day or None) as integers, or None without a date."""
        if not self.date:
            return None
        parts = [int(part) for part in self.date.split("-")]
        return tuple(parts + [None] * (3 - len(parts)))


class ProjectImage(ResizedImageMixin, models.Model):
    IMAGE_FIELDS = ("image",)

    project = models.ForeignKey(
        Project, verbose_name=_("progetto"), on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(
        _("immagine"),
        upload_to="projects/gallery/",
        validators=[validate_image_upload],
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(_("testo alternativo"), max_length=250)
    alt_text_en = models.CharField(_("testo alternativo (inglese)"), max_length=250, blank=True)
    credit = models.CharField(_("crediti"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("immagine")
        verbose_name_plural = _("galleria")
        ordering = ["project", "order", "pk"]

    def __str__(self):
        return self.alt_text


class ProjectUpdateQuerySet(models.QuerySet):
    def public(self):
        return (
            self.filter(project__is_published=True)
            .select_related("project")
            .order_by("-date", "-pk")
        )


class ProjectUpdate(models.Model):
    RICH_TEXT_FIELDS = ("body", "body_en")

    project = models.ForeignKey(
        Project, verbose_name=_("progetto"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("data"))
    title = models.CharField(_("titolo"), max_length=200)
    title_en = models.CharField(_("titolo (inglese)"), max_length=200, blank=True)
    body = models.TextField(_("testo"), blank=True)
    body_en = models.TextField(_("testo (inglese)"), blank=True)
    updated_at = models.DateTimeField(_("ultimo aggiornamento"), auto_now=True)

    objects = ProjectUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("aggiornamento")
        verbose_name_plural = _("aggiornamenti")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.title}"

    def get_absolute_url(self):
        return f"{self.project.get_absolute_url()}#aggiornamento-{self.pk}"


def latest_public_change():
    """The latest change of anything the catalogue shows publicly (or None)."""
    candidates = [
        Project.objects.published().aggregate(latest=Max("updated_at"))["latest"],
        Organisation.objects.public().aggregate(latest=Max("updated_at"))["latest"],
    ]
    return max((c for c in candidates if c), default=None)


def relations_by_project():
    """{"themes", "neighbourhoods", "participations", "places", "images", "updates",
    "sources": {project id: its rows}} for the whole catalogue, in the project page's
    order: themes and quartieri (each with its circoscrizione) by name, participations
    (each with its organisation) by role and organisation, places (each with its
    quartiere) by name, updates newest first, gallery and sources in the editors' order.
    Eight queries for the whole catalogue, meant to be kept for the content version,
    instead of seven on every project page. The themes, quartieri and organisations are
    a few dozen rows, each shared by the projects that link it."""
    themes = Theme.objects.in_bulk()
    neighbourhoods = Neighbourhood.objects.select_related("district").in_bulk()
    organisations = Organisation.objects.in_bulk()
    participations = list(Participation.objects.order_by("role", "organisation__name", "pk"))
    for participation in participations:
        participation.organisation = organisations[participation.organisation_id]
    places = list(Place.objects.order_by("name", "pk"))
    for place in places:
        place.neighbourhood = neighbourhoods.get(place.neighbourhood_id)
    theme_links = Project.themes.through.objects.order_by("theme__name", "theme__pk")
    neighbourhood_links = Project.neighbourhoods.through.objects.order_by(
        "neighbourhood__name", "neighbourhood__pk"
    )
    return {
        "themes": _linked_by_project(theme_links.values_list("project_id", "theme_id"), themes),
        "neighbourhoods": _linked_by_project(
            neighbourhood_links.values_list("project_id", "neighbourhood_id"), neighbourhoods
        ),
        "participations": _by_project(participations),
        "places": _by_project(places),
        "images": _by_project(ProjectImage.objects.order_by("order", "pk")),
        "updates": _by_project(ProjectUpdate.objects.order_by("-date", "-pk")),
        "sources": _by_project(ProjectSource.objects.order_by("order", "pk")),
    }


def _by_project(rows):
    """{project id: its rows, in the order given}."""
    grouped = {}
    for row in rows:
        grouped.setdefault(row.project_id, []).append(row)
    return grouped


def _linked_by_project(links, rows):
    """{project id: the rows it links, in the order of ``links``}, from (project id,
    row id) pairs and {id: row}."""
    grouped = {}
    for project_id, row_id in links:
        grouped.setdefault(project_id, []).append(rows[row_id])
    return grouped
