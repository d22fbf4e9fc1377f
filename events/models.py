"""Events, their programme, registrations and the e-mail outbox.

Nothing stored here decides whether a place is free: services.py counts confirmed
registrations under a lock on the event row every time.
"""

import re
import secrets
import unicodedata

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Count, Max, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from torino_social_factory.common.urls import reverse_cached


def new_access_key():
    return secrets.token_urlsafe(16)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def listed(self):
        """What the public lists show: published and public (never unlisted)."""
        return self.published().filter(visibility=Event.Visibility.PUBLIC)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def next_public(self):
        """The next public event, for the home: its card shows no counts."""
        return self.listed().upcoming().first()

    def with_confirmed_count(self):
        """What the public pages need to say how many places are left."""
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed"))
        )

    def with_counts(self):
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed")),
            waitlisted_count=Count("registrations", filter=Q(registrations__status="waitlisted")),
            checked_in_count=Count(
                "registrations",
                filter=Q(
                    registrations__status="confirmed", registrations__checked_in_at__isnull=False
                ),
            ),
        )


class Event(models.Model):
    RICH_TEXT_FIELDS = ("description", "description_en")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("pubblico")
        UNLISTED = "unlisted", _("solo con link riservato")

    slug = models.SlugField(_("indirizzo"), max_length=120, unique=True)
    title = models.CharField(_("titolo"), max_length=200)
    title_en = models.CharField(_("titolo (inglese)"), max_length=200, blank=True)
    summary = models.CharField(_("sommario"), max_length=300, blank=True)
    summary_en = models.CharField(_("sommario (inglese)"), max_length=300, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    description_en = models.TextField(_("descrizione (inglese)"), blank=True)
    starts_at = models.DateTimeField(_("inizio"))
    ends_at = models.DateTimeField(_("fine"))
    venue_name = models.CharField(_("luogo"), max_length=200)
    venue_name_en = models.CharField(_("luogo (inglese)"), max_length=200, blank=True)
    address = models.CharField(_("indirizzo del luogo"), max_length=255)
    latitude = models.DecimalField(
        _("latitudine"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitudine"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("posti disponibili"),
        null=True,
        blank=True,
        help_text=_("Vuoto: nessun limite impostato, tutte le iscrizioni sono confermate."),
    )
    registration_opens_at = models.DateTimeField(_("apertura iscrizioni"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("chiusura iscrizioni"), null=True, blank=True)
    registration_enabled = models.BooleanField(_("iscrizione online"), default=True)
    waitlist_enabled = models.BooleanField(_("lista d'attesa"), default=True)
    captcha_enabled = models.BooleanField(
        _("domanda anti-spam"),
        default=False,
        help_text=_(
            "Accendila se arrivano iscrizioni automatiche: chiede di rispondere a una domanda."
        ),
    )
    visibility = models.CharField(
        _("visibilità"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    access_key = models.CharField(
        _("chiave del link riservato"), max_length=40, default=new_access_key
    )
    is_published = models.BooleanField(_("pubblicato"), default=False)
    updated_at = models.DateTimeField(_("ultimo aggiornamento"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("evento")
        verbose_name_plural = _("eventi")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        url = reverse_cached("events:detail", self.slug)
        if self.visibility == self.Visibility.UNLISTED:
            url += f"?chiave={self.access_key}"
        return url

    @property
    def is_over(self):
        return self.ends_at < timezone.now()

    def registration_state(self, now=None, confirmed=None):
        """One of: closed_online, not_open, closed, over, open. Fullness is shown apart."""
        now = now or timezone.now()
        if not self.registration_enabled:
            return "closed_online"
        if self.ends_at < now:
            return "over"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_open"
        if (
            self.registration_closes_at and now >= self.registration_closes_at
        ) or now >= self.starts_at:
            return "closed"
        return "open"


class AgendaItem(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("evento")
    )
    starts_at = models.TimeField(_("ora"), null=True, blank=True)
    title = models.CharField(_("titolo"), max_length=200)
    title_en = models.CharField(_("titolo (inglese)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("punto del programma")
        verbose_name_plural = _("programma")
        ordering = ["order", "starts_at", "pk"]

    def __str__(self):
        return self.title


APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
NOT_A_LETTER = re.compile(r"[\W_]+")


def search_words(text):
    """The words of a name as the door search compares them: no accents, no
    apostrophes, lower case ("Nicolò D'Amico" → ["nicolo", "damico"]). checkin.js
    applies the same rule to what is typed."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return NOT_A_LETTER.sub(" ", APOSTROPHES.sub("", text)).split()


def search_key(name):
    """What is stored to search a name: its words, then the words run together, so
    "damico" also finds "D' Amico" and "De Luca" is found by "deluca"."""
    words = search_words(name)
    return " ".join([*words, "".join(words)] if len(words) > 1 else words)[:250]


# The QR code at the door carries the registration's number signed with the site's key:
# nothing personal, nothing that opens the personal page, and a number that cannot be
# changed to walk in on somebody else's registration.
DOOR_SIGNER = signing.Signer(salt="events.registration.door")


class RegistrationQuerySet(models.QuerySet):
    def by_door_code(self, code):
        """The registration a door QR code names, or None when it is not one of ours."""
        try:
            pk = int(DOOR_SIGNER.unsign(code or ""))
        except (signing.BadSignature, ValueError):
            return None
        return self.filter(pk=pk).first()

    def search(self, query):
        """Registrations whose name holds every word typed, in any order, whatever
        the accents and apostrophes: the same on SQLite and PostgreSQL, because both
        sides are normalised in Python before the database compares them."""
        words = search_words(query)
        if not words:
            return self
        condition = Q()
        for word in words[:8]:
            condition &= Q(search_name__contains=word)
        return self.filter(condition)


# What a registrant may say they come as (optional; only for statistics).
CATEGORIES = [
    ("cittadino", _("Cittadina o cittadino")),
    ("terzo-settore", _("Ente del terzo settore")),
    ("pubblica-amministrazione", _("Pubblica amministrazione")),
    ("impresa", _("Impresa")),
    ("universita-ricerca", _("Università o ricerca")),
    ("stampa", _("Stampa")),
    ("altro", _("Altro")),
]


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confermata")
        WAITLISTED = "waitlisted", _("in lista d'attesa")
        CANCELLED = "cancelled", _("annullata")

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("evento")
    )
    name = models.CharField(_("nome e cognome"), max_length=120)
    # Empty only for people added at the door without an address.
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    search_name = models.CharField(
        _("nome per la ricerca"), max_length=250, blank=True, editable=False
    )
    organisation = models.CharField(_("ente o organizzazione"), max_length=200, blank=True)
    category = models.CharField(_("ente/categoria"), max_length=100, blank=True)
    accessibility_needs = models.TextField(
        _("esigenze di accessibilità"),
        max_length=500,
        blank=True,
        help_text=_(
            "Può contenere dati sulla salute: si cancella quando l'iscrizione è resa anonima."
        ),
    )
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices, db_index=True)
    token_hash = models.CharField(
        _("impronta del link personale"), max_length=64, unique=True, editable=False
    )
    # The personal link is HMAC(key, salt): the salt lets the same link be re-sent
    # (the link itself is never stored); a new salt is a new link.
    token_salt = models.CharField(
        _("sale del link personale"), max_length=32, blank=True, editable=False
    )
    language = models.CharField(_("lingua"), max_length=8, default="it")
    privacy_acknowledged_at = models.DateTimeField(_("informativa letta il"), null=True, blank=True)
    privacy_notice_version = models.CharField(
        _("versione dell'informativa"), max_length=20, blank=True
    )
    optional_consent = models.BooleanField(_("consenso a ricevere notizie"), default=False)
    created_at = models.DateTimeField(_("iscritto il"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("annullata il"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("entrato il"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fatto entrare da"),
    )
    walk_in = models.BooleanField(
        _("aggiunto all'ingresso"),
        default=False,
        help_text=_("Non iscritto online: aggiunto dall'accoglienza il giorno dell'evento."),
    )
    email_verified_at = models.DateTimeField(_("e-mail verificata il"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("resa anonima il"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("iscrizione")
        verbose_name_plural = _("iscrizioni")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="one_active_registration_per_email",
                violation_error_message=_("Questo indirizzo è già iscritto all'evento."),
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="registration_email_lower_case"
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.search_name = search_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    @property
    def new_row_is_public(self):
        """Whether adding this registration changes a public page (the page cache asks):
        the pages show the places left, which a new place on the waiting list leaves
        alone."""
        return self.status != self.Status.WAITLISTED

    @property
    def door_code(self):
        return DOOR_SIGNER.sign(str(self.pk))

    def queue_position(self):
        """Place in the waiting list (1 = next to be promoted), or None if not waiting."""
        if self.status != self.Status.WAITLISTED:
            return None
        return self.event.registrations.filter(
            status=self.Status.WAITLISTED, created_at__lte=self.created_at
        ).count()

    def get_category_display(self):
        return dict(CATEGORIES).get(self.category, self.category)


class OutboxMessage(models.Model):
    """An e-mail waiting to be sent: what, to whom, about which registration.

    Written in the same transaction as its cause; nothing is rendered there. The
    sender (``manage.py send_outbox``) renders the text, the calendar and the QR code
    when it sends, so no request waits for templates or the mail server, and the
    personal link (derived again from its salt) is never stored in the outbox.
    """

    # The lost-link form writes one row of this kind whatever the address: the sender
    # looks the address up, so known and unknown addresses cost the request the same.
    LOST_LINK_REQUEST = "lost_link_request"

    class Status(models.TextChoices):
        PENDING = "pending", _("in attesa")
        SENT = "sent", _("inviata")
        FAILED = "failed", _("non recapitabile")

    # A message goes with its registration: it holds the address, the name and a link.
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("iscrizione"),
    )
    kind = models.CharField(_("tipo"), max_length=20)
    to = models.EmailField(_("destinatario"), max_length=254)
    language = models.CharField(_("lingua"), max_length=8, blank=True)
    subject = models.CharField(_("oggetto"), max_length=255, blank=True)
    status = models.CharField(
        _("stato"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tentativi"), default=0)
    next_attempt_at = models.DateTimeField(
        _("prossimo tentativo"), default=timezone.now, db_index=True
    )
    last_error = models.TextField(_("ultimo errore"), blank=True)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    sent_at = models.DateTimeField(_("inviata il"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail in uscita")
        verbose_name_plural = _("e-mail in uscita")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        # Not the address: this is how the admin history names the message for good.
        return f"{self.subject} (e-mail n. {self.pk})"


def latest_public_change():
    return Event.objects.published().aggregate(latest=Max("updated_at"))["latest"]


def events_with_agenda():
    """The ids of the events that have a programme. Most have none (yet), and their pages
    then spare the query that would find nothing: one query for every event at once,
    meant to be kept for the content version."""
    return set(AgendaItem.objects.values_list("event_id", flat=True).distinct())
