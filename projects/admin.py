"""The catalogue in the admin: everything editable in Italian.

A project cannot be published without summary, objectives, results and a lead
organisation: the form checks the texts, the participations formset the lead.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .models import (
    District,
    Neighbourhood,
    Organisation,
    Participation,
    Place,
    Project,
    ProjectImage,
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


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
    extra = 1
    autocomplete_fields = ["organisation"]


class PlaceInline(admin.StackedInline):
    model = Place
    extra = 0
    autocomplete_fields = ["neighbourhood"]


class ProjectImageInline(admin.TabularInline):
    model = ProjectImage
    extra = 0
    fields = ["image", "alt_text", "alt_text_en", "credit", "order"]


class ProjectUpdateInline(admin.StackedInline):
    model = ProjectUpdate
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    form = ProjectAdminForm
    list_display = ["title", "status", "is_published", "featured", "updated_at"]
    list_filter = ["is_published", "featured", "status", "themes", "neighbourhoods__district"]
    list_editable = ["featured"]
    search_fields = ["title", "summary", "participations__organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes", "neighbourhoods"]
    date_hierarchy = "updated_at"
    inlines = [ParticipationInline, PlaceInline, ProjectImageInline, ProjectUpdateInline]
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
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "website", "updated_at"]
    list_filter = ["legal_form"]
    search_fields = ["name", "legal_form"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
    search_fields = ["name"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "date"]
    list_filter = ["project"]
    search_fields = ["title", "project__title"]
    date_hierarchy = "date"
