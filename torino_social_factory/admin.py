from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Page, PageFeedback, SiteSettings

admin.site.site_header = _("Torino Social Factory – area riservata")
admin.site.site_title = _("Torino Social Factory")
admin.site.index_title = _("Gestione del sito")


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (_("Italiano"), {"fields": ["slug", "title", "summary", "body"]}),
        (_("Inglese (facoltativo)"), {"fields": ["title_en", "summary_en", "body_en"]}),
        (None, {"fields": ["updated_at"]}),
    ]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

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
