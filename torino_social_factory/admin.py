"""Admin of the site-wide content: pages, settings, feedback.

The admin site itself (dashboard, the apps' staff pages) is admin_site.py.
Every change made here is recorded in the admin history (LogEntry) by Django.
"""

from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .common.admin import StaffModelAdmin
from .models import Page, PageFeedback, SiteSettings


@admin.register(Page)
class PageAdmin(StaffModelAdmin):
    help_texts = {
        "slug": _("Quale pagina del sito è: ognuna esiste una sola volta."),
        "title": _("Il titolo grande in cima alla pagina."),
    }
    list_display = ["title", "slug", "updated_at", "view_on_site_link"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (_("Italiano"), {"fields": ["slug", "title", "summary", "body"]}),
        (_("Inglese (facoltativo)"), {"fields": ["title_en", "summary_en", "body_en"]}),
        (None, {"fields": ["updated_at"]}),
    ]

    @admin.display(description=_("sul sito"))
    def view_on_site_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Apri la pagina"))


@admin.register(SiteSettings)
class SiteSettingsAdmin(StaffModelAdmin):
    help_texts = {
        "site_tagline": _("Una riga sotto il nome del sito, in testa a ogni pagina."),
        "city_url": _(
            "L'indirizzo del sito dell'ente, collegato al suo nome in testa e a piè di pagina."
        ),
        "programme_axis": _(
            "La parte del programma che finanzia il sito, nella riga del finanziamento a piè di "
            "pagina (per esempio «Asse 3 Servizi per l'inclusione sociale»)."
        ),
        "city_logo": _(
            "Il file ufficiale del logo, fornito dall'ufficio comunicazione (PNG o SVG). "
            "Mai un logo ridisegnato."
        ),
        "city_logo_alt": _("Obbligatorio se carichi il logo, per esempio «Città di Torino»."),
        "pon_logo": _("Il file ufficiale del logo PON Città Metropolitane 2014-2020."),
        "pon_logo_alt": _(
            "Obbligatorio se carichi il logo, per esempio «PON Città Metropolitane 2014-2020»."
        ),
        "organisations_total_label": _(
            "Come compare in home page, per esempio «circa 30». Lascia vuoto se non è certo."
        ),
        "ideas_accompanied": _("Le idee seguite nel percorso di accompagnamento del 2018."),
    }
    readonly_fields = ["updated_at"]
    fieldsets = [
        (
            _("Il sito e l'ente"),
            {
                "fields": [
                    "site_name",
                    ("site_tagline", "site_tagline_en"),
                    ("site_description", "site_description_en"),
                    ("city_name", "city_name_en"),
                    "city_url",
                    "city_address",
                    ("area_name", "area_name_en"),
                ],
                "description": _(
                    "Le parole che compaiono in testa e a piè di ogni pagina: un'altra città "
                    "che usa questo software cambia qui il proprio nome, indirizzo e programma."
                ),
            },
        ),
        (
            _("Finanziamento europeo"),
            {
                "fields": [
                    ("fund_name", "fund_name_en"),
                    "programme_name",
                    ("programme_axis", "programme_axis_en"),
                ],
                "description": _(
                    "Il fondo accanto all'emblema dell'Unione europea e il programma, in ogni "
                    "pagina (Reg. UE 821/2014)."
                ),
            },
        ),
        (
            _("Dati aperti"),
            {
                "fields": ["ipa_code", "contact_email"],
                "description": _(
                    "Il catalogo DCAT-AP_IT che dati.gov.it raccoglie chiede il codice IPA "
                    "dell'ente e un indirizzo di contatto: finché mancano, il catalogo è "
                    "pubblicato ma incompleto."
                ),
            },
        ),
        (_("Accessibilità"), {"fields": ["accessibility_statement_url"]}),
        (
            _("Loghi ufficiali"),
            {
                "fields": ["city_logo", "city_logo_alt", "pon_logo", "pon_logo_alt"],
                "description": _(
                    "Carica solo i file ufficiali ricevuti dagli enti. Se un logo manca, "
                    "il sito scrive il nome dell'ente come testo."
                ),
            },
        ),
        (
            _("Cifre in home page"),
            {
                "fields": [
                    "funded_projects_total",
                    "organisations_total_label",
                    "organisations_total_label_en",
                    "funding_total_label",
                    "funding_total_label_en",
                    "ideas_accompanied",
                ],
                "description": _(
                    "Solo cifre che non si possono contare dal catalogo e che hanno una fonte. "
                    "Un campo vuoto non compare."
                ),
            },
        ),
        (_("Eventi"), {"fields": ["demo_dates"]}),
        (None, {"fields": ["updated_at"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "path", "useful", "comment", "language"]
    list_filter = ["useful", "language", "created_at"]
    search_fields = ["path", "comment"]
    date_hierarchy = "created_at"
    readonly_fields = ["path", "useful", "comment", "language", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Users, with one guard: only a superuser can hand out superuser status or
    single permissions; everyone else assigns people to the three groups."""

    list_display = ["username", "first_name", "last_name", "email", "is_active", "group_names"]
    list_filter = ["is_active", "is_superuser", "groups"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("gruppi"))
    def group_names(self, obj):
        return ", ".join(group.name for group in obj.groups.all())

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """The whole admin history, read-only: who changed what and when (Amministrazione).

    Each object's own history stays on its "Cronologia" button for whoever may see it."""

    list_display = ["action_time", "user", "content_type", "object_link", "action_flag", "message"]
    list_filter = ["action_flag", "content_type", "user"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("oggetto"))
    def object_link(self, entry):
        if entry.action_flag == DELETION or not entry.get_admin_url():
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', entry.get_admin_url(), entry.object_repr)

    @admin.display(description=_("modifica"))
    def message(self, entry):
        return entry.get_change_message()
