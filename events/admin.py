"""Events, registrations and the e-mail outbox in the admin.

Every write goes through services.py (under the event's lock), so what staff do here
respects the same rules as the public form: capacity, waiting list, e-mails.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from torino_social_factory.common import admin_help
from torino_social_factory.common.admin import StaffModelAdmin, StaffTabularInline, logged_action

from . import emails, exports, services
from .models import AgendaItem, Event, OutboxMessage, Registration


class AgendaItemInline(StaffTabularInline):
    model = AgendaItem
    extra = 1
    fields = ["order", "starts_at", "title", "title_en"]


@admin.register(Event)
class EventAdmin(StaffModelAdmin):
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
    help_texts = {
        "slug": admin_help.SLUG,
        "capacity": _(
            "Quante persone possono essere confermate. Oltre, le iscrizioni vanno in lista "
            "d'attesa; alzarla promuove subito chi aspetta."
        ),
        "is_published": admin_help.PUBLISHED,
        "title": _("Il nome dell'evento, come sugli inviti."),
        "summary": _("Una o due frasi: che cosa succede e per chi. Compare nell'elenco eventi."),
        "description": _("Il programma e le informazioni pratiche (accessibilità, come arrivare)."),
        "visibility": _(
            "«Pubblico» compare nell'elenco eventi; «solo con link riservato» si apre solo "
            "con il link che contiene la chiave qui sotto."
        ),
        "access_key": _(
            "La chiave del link riservato. Cambiarla rende inutili i link già inviati."
        ),
        "starts_at": _("Giorno e ora di inizio (ora di Torino)."),
        "ends_at": _("Giorno e ora di fine (ora di Torino)."),
        "venue_name": _("Il nome del luogo, per esempio «Triciclo / Glocal Factory»."),
        "address": admin_help.ADDRESS,
        "latitude": _("Solo se l'indirizzo è certo: serve per la mappa."),
        "longitude": _("Solo se l'indirizzo è certo: serve per la mappa."),
        "registration_enabled": _(
            "Spuntato, la pagina dell'evento mostra il modulo di iscrizione."
        ),
        "waitlist_enabled": _(
            "Spuntato, chi si iscrive a posti esauriti va in lista d'attesa e viene "
            "confermato da solo quando si libera un posto."
        ),
        "registration_opens_at": _("Da quando ci si può iscrivere. Vuoto: da subito."),
        "registration_closes_at": _("Fino a quando ci si può iscrivere. Vuoto: fino all'inizio."),
    }
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
class RegistrationAdmin(StaffModelAdmin):
    form = RegistrationAdminForm
    help_texts = {
        "event": _("L'evento a cui iscrivere la persona."),
        "name": _("Nome e cognome, come li scrive la persona."),
        "email": _("Riceverà la conferma con il suo link personale per annullare."),
        "organisation": _("L'ente o l'associazione da cui viene, se c'è."),
        "category": _("Che tipo di partecipante è (serve solo per le statistiche)."),
    }
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
        "revoke_link",
        "check_in",
        "anonymise_now",
        "export_csv",
        "export_xlsx",
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

    def delete_model(self, request, obj):
        # Deleting frees the place like a cancellation: the next person waiting is
        # promoted (and told), under the event's lock.
        promoted = services.delete_registration(registration=obj)
        self._report_promoted(request, promoted)

    def delete_queryset(self, request, queryset):
        promoted = []
        for registration in queryset.select_related("event"):
            promoted += services.delete_registration(registration=registration)
        self._report_promoted(request, promoted)

    def _report_promoted(self, request, promoted):
        if promoted:
            self.message_user(
                request,
                _("Promossi dalla lista d'attesa: %d (riceveranno un'e-mail).") % len(promoted),
            )

    @logged_action(
        description=_("Annulla (il posto passa alla lista d'attesa)"), permissions=["change"]
    )
    def cancel_with_promotion(self, request, queryset):
        promoted = sum(len(services.cancel(registration=r)) for r in queryset)
        self.message_user(
            request, _("Iscrizioni annullate; promossi dalla lista d'attesa: %d.") % promoted
        )

    @logged_action(description=_("Conferma subito (anche oltre i posti)"), permissions=["change"])
    def promote_now(self, request, queryset):
        done = sum(services.promote(registration=r) for r in queryset)
        self.message_user(request, _("Persone confermate: %d.") % done)

    @logged_action(description=_("Rimanda l'e-mail con il link personale"), permissions=["change"])
    def resend_link(self, request, queryset):
        for registration in queryset.exclude(status=Registration.Status.CANCELLED):
            services.issue_new_link(event=registration.event, email=registration.email)
        self.message_user(request, _("E-mail messe in coda."))

    @logged_action(
        description=_("Sostituisci il link personale (il vecchio smette di funzionare)"),
        permissions=["change"],
    )
    def revoke_link(self, request, queryset):
        for registration in queryset.select_related("event"):
            services.revoke_link(registration=registration)
        self.message_user(
            request, _("Link sostituiti: le persone ricevono quello nuovo per e-mail.")
        )

    @logged_action(description=_("Segna come entrati"), permissions=["change"])
    def check_in(self, request, queryset):
        for registration in queryset:
            services.check_in(registration=registration)
        self.message_user(request, _("Ingressi registrati."))

    @logged_action(description=_("Rendi anonime adesso"), permissions=["delete"])
    def anonymise_now(self, request, queryset):
        count = services.anonymise(registrations=queryset)
        self.message_user(request, _("Iscrizioni rese anonime: %d.") % count)

    @admin.action(description=_("Esporta in CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return exports.export_response(queryset, "csv", user=request.user, name="scelte")

    @admin.action(description=_("Esporta in Excel (XLSX)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return exports.export_response(queryset, "xlsx", user=request.user, name="scelte")


@admin.register(OutboxMessage)
class OutboxMessageAdmin(StaffModelAdmin):
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

    @logged_action(description=_("Invia di nuovo"), permissions=["change"])
    def resend(self, request, queryset):
        # Back in the queue, not sent from here: no staff request waits for the mail server.
        queued = sum(emails.resend(message) for message in queryset)
        self.message_user(
            request, _("E-mail rimesse in coda: %d. Partono entro pochi secondi.") % queued
        )
