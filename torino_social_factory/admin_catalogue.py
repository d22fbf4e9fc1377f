"""Interim admin for the catalogue models, used only while projects/admin.py is missing.

Imported from StaffAdminConfig.ready(), after the apps' own admin modules. The catalogue issue owns the admin of its models. When this branch merged it, the
catalogue had models, images and views but no admin yet, and the staff's workspace
(an editor publishing a project with an image) cannot wait for it. So
``register_missing`` registers these classes at start-up *only for the models nobody
registered*: the day projects/admin.py lands, its classes win and this file does
nothing (then it can be deleted).

Everything here is plain: images go through the catalogue's own pipeline
(projects/images.py: validation, EXIF stripping, renditions on save), alt text is
required with each image, and no list runs a query per row.
"""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from projects import models as m


def register_missing(site):
    classes = {
        m.Theme: ThemeAdmin,
        m.District: DistrictAdmin,
        m.Neighbourhood: NeighbourhoodAdmin,
        m.Organisation: OrganisationAdmin,
        m.Project: ProjectAdmin,
    }
    for model, admin_class in classes.items():
        if not site.is_registered(model):
            site.register(model, admin_class)


class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class DistrictAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
    search_fields = ["name"]


class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    list_select_related = ["district"]
    list_filter = ["district"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class OrganisationForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo") and not (cleaned.get("logo_alt") or "").strip():
            self.add_error(
                "logo_alt",
                _("Scrivi il testo alternativo: chi non vede il logo deve sapere che cosa mostra."),
            )
        return cleaned


class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "legal_form", "website", "updated_at"]
    search_fields = ["name", "legal_form"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["updated_at"]


class ParticipationInline(admin.TabularInline):
    model = m.Participation
    extra = 1
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "note"]


class PlaceInline(admin.StackedInline):
    model = m.Place
    extra = 0
    fields = ["name", "address", "neighbourhood", ("latitude", "longitude")]


class ProjectImageInline(admin.StackedInline):
    model = m.ProjectImage
    extra = 1
    fields = ["image", "alt_text", "alt_text_en", "credit", "order"]


class ProjectUpdateInline(admin.StackedInline):
    model = m.ProjectUpdate
    extra = 0
    fields = ["date", "title", "body", "title_en", "body_en"]


class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "is_published", "featured", "updated_at", "links"]
    list_filter = ["is_published", "status", "featured", "themes"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes", "neighbourhoods"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    save_on_top = True
    inlines = [ParticipationInline, PlaceInline, ProjectImageInline, ProjectUpdateInline]
    fieldsets = [
        (
            _("Il progetto"),
            {"fields": ["title", "slug", "summary", "status", "is_published", "featured"]},
        ),
        (
            _("Testi"),
            {"fields": ["description", "objectives", "activities", "results", "key_facts"]},
        ),
        (_("Immagine di copertina"), {"fields": ["cover_image", "cover_image_alt"]}),
        (
            _("Temi, quartieri, date e contributo"),
            {
                "fields": [
                    "themes",
                    "neighbourhoods",
                    ("start_date", "end_date"),
                    ("funding_amount", "funding_note"),
                    "website",
                ]
            },
        ),
        (
            _("Inglese (facoltativo)"),
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
        (None, {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description=_("vedi"))
    def links(self, project):
        if project.is_published:
            return format_html('<a href="{}">{}</a>', project.get_absolute_url(), _("sul sito"))
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:staff_preview_project", args=[project.pk]),
            _("anteprima"),
        )

    @admin.action(description=_("Pubblica i progetti scelti"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Togli dal sito i progetti scelti"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, value):
        # One save per project: signals bump the page cache and the history records it.
        changed = 0
        for project in queryset.filter(is_published=not value):
            project.is_published = value
            project.save(update_fields=["is_published", "updated_at"])
            self.log_change(request, project, _("Pubblicato") if value else _("Tolto dal sito"))
            changed += 1
        self.message_user(
            request,
            ngettext("%d progetto aggiornato.", "%d progetti aggiornati.", changed) % changed,
            messages.SUCCESS,
        )
