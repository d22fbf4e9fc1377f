"""The catalogue in the admin: everything editable in Italian.

A project cannot be published without summary, objectives, results and a lead
organisation: the form checks the texts, the participations formset the lead.
"""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from torino_social_factory.common import admin_help
from torino_social_factory.common.admin import (
    StaffModelAdmin,
    StaffStackedInline,
    StaffTabularInline,
)

from .models import (
    District,
    Neighbourhood,
    Organisation,
    Participation,
    Place,
    Project,
    ProjectImage,
    ProjectSource,
    ProjectUpdate,
    Theme,
)

PUBLISH_REQUIRED = ("summary", "objectives", "results")


class ProjectAdminForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "slug", "summary", "objectives", "results", "is_published"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_published"):
            for name in PUBLISH_REQUIRED:
                if not (cleaned.get(name) or "").strip():
                    self.add_error(
                        name,
                        _("Per pubblicare il progetto questo campo è obbligatorio."),
                    )
        return cleaned


PROJECT_UPDATE_HELP = {
    "project": _("Il progetto di cui si racconta una novità."),
    "date": _("Il giorno della notizia: le novità compaiono dalla più recente."),
    "title": _("Una frase che dice la novità, per esempio «Aperto il secondo orto»."),
    "body": _("Il testo della novità, breve."),
}


class ParticipationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        leads = 0
        organisations = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            if form.cleaned_data.get("role") == Participation.Role.LEAD:
                leads += 1
            organisation = form.cleaned_data.get("organisation")
            if organisation in organisations:
                raise ValidationError(_("Ogni organizzazione può comparire una sola volta."))
            organisations.add(organisation)
        if leads > 1:
            raise ValidationError(_("Un progetto ha un solo capofila."))
        if self.instance.is_published and leads == 0:
            raise ValidationError(_("Per pubblicare il progetto indica l'organizzazione capofila."))


class ParticipationInline(StaffTabularInline):
    model = Participation
    formset = ParticipationFormSet
    extra = 1
    autocomplete_fields = ["organisation"]


class PlaceInline(StaffStackedInline):
    model = Place
    extra = 0
    autocomplete_fields = ["neighbourhood"]
    help_texts = {
        "address": admin_help.ADDRESS,
        "latitude": _(
            "Solo se l'indirizzo è certo: senza coordinate il luogo compare senza puntina."
        ),
        "longitude": _(
            "Solo se l'indirizzo è certo: senza coordinate il luogo compare senza puntina."
        ),
    }


class ProjectImageInline(StaffTabularInline):
    model = ProjectImage
    extra = 0
    fields = ["image", "alt_text", "alt_text_en", "credit", "order"]
    help_texts = {
        "image": _(
            "Una fotografia JPEG o PNG. Il sito la ridimensiona e toglie i dati di "
            "posizione (GPS) della fotocamera."
        ),
        "alt_text": admin_help.ALT_TEXT,
        "credit": _("Chi ha scattato la foto o chi ne detiene i diritti."),
    }


class ProjectSourceInline(StaffTabularInline):
    model = ProjectSource
    extra = 0
    fields = ["title", "publisher", "date", "url", "order"]
    help_texts = {
        "title": _("Il titolo dell'articolo o della pagina, se è noto."),
        "publisher": _("Chi l'ha pubblicato: la testata o il sito, per esempio «TorinOggi»."),
        "url": _("L'indirizzo completo della pagina, con https://"),
        "order": _("Le fonti compaiono in quest'ordine sotto «Fonti»."),
    }


class ProjectUpdateInline(StaffStackedInline):
    model = ProjectUpdate
    extra = 0
    help_texts = PROJECT_UPDATE_HELP


@admin.register(Project)
class ProjectAdmin(StaffModelAdmin):
    form = ProjectAdminForm
    change_form_template = "admin/projects/project/change_form.html"
    help_texts = {
        "slug": admin_help.SLUG,
        "title": _("Il nome del progetto, come lo usano le organizzazioni che lo realizzano."),
        "summary": _(
            "Due o tre frasi (al massimo 300 caratteri) che dicono che cosa fa il progetto e "
            "per chi. Compare nelle schede dell'elenco e nei motori di ricerca."
        ),
        "description": _("Il racconto del progetto: le attività, come e dove si svolgono."),
        "objectives": _("Che cosa vuole ottenere il progetto, in poche righe o un elenco."),
        "results": _("Che cosa è stato ottenuto finora, con fatti e numeri verificabili."),
        "status": _("A che punto è il progetto oggi."),
        "funding_amount": _("Il contributo ricevuto in euro. Lascia vuoto se non è noto."),
        "themes": _("I temi del bando a cui risponde il progetto."),
        "neighbourhoods": _("I quartieri in cui il progetto lavora."),
        "cover_image": _("L'immagine delle schede e della pagina: meglio orizzontale."),
        "cover_image_alt": admin_help.ALT_TEXT,
        "is_published": admin_help.PUBLISHED,
        "featured": _("Spuntato, il progetto compare in evidenza in home page. Pochi alla volta."),
        "activities": _("Che cosa si fa concretamente: laboratori, sportelli, incontri."),
        "start_date": _("Il giorno in cui è iniziato il progetto. Lascia vuoto se non è noto."),
        "end_date": _("Il giorno in cui è finito o finirà. Lascia vuoto se prosegue."),
        "funding_note": _("Una nota breve sul contributo, per esempio «più cofinanziamento»."),
        "website": _("L'indirizzo completo del sito del progetto, con https://"),
    }
    list_display = ["title", "status", "is_published", "featured", "updated_at"]
    list_filter = ["is_published", "featured", "status", "themes", "neighbourhoods__district"]
    list_editable = ["featured"]
    search_fields = ["title", "summary", "participations__organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes", "neighbourhoods"]
    date_hierarchy = "updated_at"
    inlines = [
        ParticipationInline,
        PlaceInline,
        ProjectImageInline,
        ProjectUpdateInline,
        ProjectSourceInline,
    ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "geocoder_url": settings.GEOCODER_URL,
            "geocoder_attribution": settings.GEOCODER_ATTRIBUTION,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        }
        response = super().changeform_view(request, object_id, form_url, extra_context)
        # The place form may ask the address service, from this page only.
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(settings.GEOCODER_URL))
        response._csp_update = {"connect-src": [origin]}
        return response

    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "status", "is_published", "featured"]}),
        (
            _("Testi"),
            {"fields": ["description", "objectives", "activities", "results", "key_facts"]},
        ),
        (
            _("Testi in inglese"),
            {
                "classes": ["collapse"],
                "fields": [
                    "title_en",
                    "summary_en",
                    "description_en",
                    "objectives_en",
                    "activities_en",
                    "results_en",
                    "key_facts_en",
                    "funding_note_en",
                ],
            },
        ),
        (
            _("Dati"),
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "funding_amount",
                    "funding_note",
                    "themes",
                    "neighbourhoods",
                    "website",
                    "cover_image",
                    "cover_image_alt",
                ]
            },
        ),
    ]


@admin.register(Organisation)
class OrganisationAdmin(StaffModelAdmin):
    help_texts = {
        "slug": admin_help.SLUG,
        "name": _("Il nome ufficiale dell'ente, come nello statuto."),
        "legal_form": _("Per esempio associazione di promozione sociale, cooperativa sociale."),
        "website": admin_help.WEBSITE,
        "logo_alt": admin_help.ALT_TEXT,
        "logo": _("Il logo ufficiale dell'ente, ricevuto dall'ente stesso (PNG o JPEG)."),
        "description": _("Che cosa fa l'ente, in poche righe."),
    }
    list_display = ["name", "legal_form", "website", "updated_at"]
    list_filter = ["legal_form"]
    search_fields = ["name", "legal_form"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(StaffModelAdmin):
    help_texts = {
        "slug": admin_help.SLUG,
        "name": _("Il nome del tema come compare nei filtri del catalogo."),
    }
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District)
class DistrictAdmin(StaffModelAdmin):
    help_texts = {
        "number": _("Il numero della Circoscrizione, da 1 a 8."),
        "name": _("Il nome della Circoscrizione, per esempio «Barriera di Milano, Rebaudengo»."),
    }
    list_display = ["number", "name"]
    search_fields = ["name"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(StaffModelAdmin):
    help_texts = {
        "slug": admin_help.SLUG,
        "name": _("Il nome del quartiere come lo usano gli abitanti."),
        "district": _("La Circoscrizione a cui appartiene il quartiere."),
    }
    list_display = ["name", "district"]
    list_filter = ["district"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(StaffModelAdmin):
    help_texts = PROJECT_UPDATE_HELP
    list_display = ["title", "project", "date"]
    list_filter = ["project"]
    search_fields = ["title", "project__title"]
    date_hierarchy = "date"
