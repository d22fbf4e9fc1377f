import csv

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import emails, services
from .models import AgendaItem, Event, OutboxMessage, Registration


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1
    fields = ["order", "starts_at", "title", "title_en"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "title", "starts_at", "visibility", "is_published",
        "capacity_display", "confirmed", "waitlisted", "checked_in",
    ]  # fmt: skip
    list_filter = ["is_published", "visibility"]
    search_fields = ["title", "venue_name", "address"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (
            _("Evento"),
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "description",
                    "is_published",
                    "visibility",
                    "access_key",
                ]
            },
        ),
        (
            _("Data e luogo"),
            {"fields": ["starts_at", "ends_at", "venue_name", "address", "latitude", "longitude"]},
        ),
        (
            _("Iscrizioni"),
            {
                "fields": [
                    "registration_enabled",
                    "capacity",
                    "waitlist_enabled",
                    "registration_opens_at",
                    "registration_closes_at",
                    "captcha_enabled",
                ]
            },
        ),  # fmt: skip
        (
            _("Inglese (facoltativo)"),
            {"fields": ["title_en", "summary_en", "description_en", "venue_name_en"]},
        ),
        (None, {"fields": ["updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("posti"), ordering="capacity")
    def capacity_display(self, event):
        return event.capacity if event.capacity is not None else "—"

    @admin.display(description=_("confermati"), ordering="confirmed_count")
    def confirmed(self, event):
        return event.confirmed_count

    @admin.display(description=_("in attesa"), ordering="waitlisted_count")
    def waitlisted(self, event):
        return event.waitlisted_count

    @admin.display(description=_("entrati"), ordering="checked_in_count")
    def checked_in(self, event):
        return event.checked_in_count

    def save_model(self, request, obj, form, change):
        capacity_changed = change and "capacity" in form.changed_data
        new_capacity = obj.capacity
        if capacity_changed:
            obj.capacity = form.initial.get("capacity")
        super().save_model(request, obj, form, change)
        if capacity_changed:
            # Through the service: under the lock, promoting whoever now fits.
            promoted, warning = services.change_capacity(event=obj, capacity=new_capacity)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%d persona promossa dalla lista d'attesa.",
                        "%d persone promosse dalla lista d'attesa.",
                        len(promoted),
                    )
                    % len(promoted),
                )
            if warning:
                self.message_user(request, warning, messages.WARNING)
        if obj.capacity is None and obj.registration_enabled:
            self.message_user(
                request,
                _("Non hai indicato i posti disponibili: tutte le iscrizioni saranno confermate."),
                messages.WARNING,
            )


class RegistrationAdminForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["event", "name", "email", "organisation", "category", "accessibility_needs"]

    def clean_email(self):
        # Before the model's constraints are validated: "Ospite@Example.org" is the
        # same person as "ospite@example.org", not a violation of the lower-case rule.
        return (self.cleaned_data.get("email") or "").strip().lower()


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    form = RegistrationAdminForm
    list_display = [
        "name",
        "email",
        "event",
        "status",
        "created_at",
        "checked_in_at",
        "email_verified_at",
    ]
    list_filter = ["event", "status", ("checked_in_at", admin.EmptyFieldListFilter), "category"]
    search_fields = ["name", "email", "organisation"]
    list_select_related = ["event"]
    date_hierarchy = "created_at"
    actions = [
        "cancel_with_promotion",
        "promote_now",
        "resend_link",
        "check_in",
        "anonymise_now",
        "export_csv",
    ]
    readonly_fields = [
        "status", "token_hash", "created_at", "cancelled_at", "checked_in_at", "email_verified_at",
        "anonymised_at", "privacy_acknowledged_at", "privacy_notice_version", "language",
    ]  # fmt: skip

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["event", "name", "email", "organisation", "category", "accessibility_needs"]
        return super().get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # Staff add people through the service too, so the capacity is respected.
        outcome = services.register(
            event=obj.event,
            name=obj.name,
            email=obj.email,
            organisation=obj.organisation,
            category=obj.category,
            accessibility_needs=obj.accessibility_needs,
            privacy_acknowledged=False,
            by_staff=True,
        )
        obj.pk = outcome.registration.pk
        obj.status = outcome.registration.status
        if not outcome.created:
            self.message_user(
                request,
                _("Questa persona era già iscritta: le abbiamo rimandato il link."),
                messages.WARNING,
            )

    @admin.action(
        description=_("Annulla (il posto passa alla lista d'attesa)"), permissions=["change"]
    )
    def cancel_with_promotion(self, request, queryset):
        promoted = sum(len(services.cancel(registration=r)) for r in queryset)
        self.message_user(
            request, _("Iscrizioni annullate; promossi dalla lista d'attesa: %d.") % promoted
        )

    @admin.action(description=_("Conferma subito (anche oltre i posti)"), permissions=["change"])
    def promote_now(self, request, queryset):
        done = sum(services.promote(registration=r) for r in queryset)
        self.message_user(request, _("Persone confermate: %d.") % done)

    @admin.action(description=_("Rimanda l'e-mail con il link personale"), permissions=["change"])
    def resend_link(self, request, queryset):
        for registration in queryset.exclude(status=Registration.Status.CANCELLED):
            services.issue_new_link(event=registration.event, email=registration.email)
        self.message_user(request, _("E-mail messe in coda."))

    @admin.action(description=_("Segna come entrati"), permissions=["change"])
    def check_in(self, request, queryset):
        for registration in queryset:
            services.check_in(registration=registration)
        self.message_user(request, _("Ingressi registrati."))

    @admin.action(description=_("Rendi anonime adesso"), permissions=["delete"])
    def anonymise_now(self, request, queryset):
        count = services.anonymise(registrations=queryset)
        self.message_user(request, _("Iscrizioni rese anonime: %d.") % count)

    @admin.action(description=_("Esporta in CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="iscrizioni.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            ["evento", "nome", "email", "ente", "categoria", "stato", "iscritto il", "entrato il"]
        )
        for r in queryset.select_related("event"):
            writer.writerow([
                _safe_cell(value) for value in (
                    r.event.title, r.name, r.email, r.organisation, r.category,
                    r.get_status_display(), r.created_at.isoformat(),
                    r.checked_in_at.isoformat() if r.checked_in_at else "",
                )
            ])  # fmt: skip
        # Exports of personal data are recorded in the admin history (issue 5).
        for event in {r.event for r in queryset.select_related("event")}:
            self.log_change(request, event, _("Esportate le iscrizioni scelte in CSV"))
        return response


def _safe_cell(value):
    """Spreadsheets run cells that start with = + - @ (or a tab or carriage return before
    them) as formulas. Every cell goes through here: an address like "=1@example.org" is
    valid, and staff-typed fields (category, event title) are free text too."""
    value = str(value)
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "to",
        "subject",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    actions = ["resend"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Invia di nuovo"), permissions=["change"])
    def resend(self, request, queryset):
        sent = sum(emails.resend(message) for message in queryset)
        self.message_user(
            request,
            _("E-mail inviate: %(sent)d su %(total)d.") % {"sent": sent, "total": queryset.count()},
        )
