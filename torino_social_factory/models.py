"""Site-wide content that staff edit: content pages, site settings, page feedback.

Translatable fields come in pairs: ``title`` (Italian, required) and ``title_en``
(English, optional). Templates read them through the ``translated`` template tags,
which fall back to Italian and mark the fallback with ``lang="it"``.
"""

import io
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.images import reencode, validate_image_upload

from .page_cache import derived

# The largest logo kept: twice the header's height is plenty for sharp screens.
LOGO_MAX_SIZE = (800, 200)


def logo_bytes(file):
    """(bytes, extension) of an uploaded logo: re-encoded like every image of the site,
    then reduced to at most LOGO_MAX_SIZE."""
    from PIL import Image

    data, extension = reencode(file)
    with Image.open(io.BytesIO(data)) as image:
        if image.width <= LOGO_MAX_SIZE[0] and image.height <= LOGO_MAX_SIZE[1]:
            return data, extension
        image.thumbnail(LOGO_MAX_SIZE, Image.LANCZOS)
        out = io.BytesIO()
        if extension == "png":
            image.save(out, format="PNG", optimize=True)
        else:
            image.save(out, format="JPEG", quality=85, optimize=True)
        return out.getvalue(), extension


class Page(models.Model):
    """A content page such as the programme, privacy or legal notes."""

    RICH_TEXT_FIELDS = ("body", "body_en")

    class Slug(models.TextChoices):
        PROGRAMME = "il-programma", _("Il programma")
        PRIVACY = "privacy", _("Privacy")
        COOKIE = "cookie", _("Cookie")
        LEGAL_NOTES = "note-legali", _("Note legali")
        ACCESSIBILITY = "accessibilita", _("Accessibilità")
        FAQ = "faq", _("Domande frequenti")

    slug = models.SlugField(_("indirizzo"), choices=Slug.choices, unique=True)
    title = models.CharField(_("titolo"), max_length=200)
    title_en = models.CharField(_("titolo (inglese)"), max_length=200, blank=True)
    summary = models.CharField(
        _("sommario"),
        max_length=300,
        blank=True,
        help_text=_(
            "Una o due frasi mostrate sotto il titolo e nei risultati dei motori di ricerca."
        ),
    )
    summary_en = models.CharField(_("sommario (inglese)"), max_length=300, blank=True)
    body = models.TextField(
        _("testo"), help_text=_("Il testo della pagina. Paragrafi, titoli, elenchi e link.")
    )
    body_en = models.TextField(_("testo (inglese)"), blank=True)
    updated_at = models.DateTimeField(_("ultimo aggiornamento"), auto_now=True)

    class Meta:
        verbose_name = _("pagina")
        verbose_name_plural = _("pagine")
        ordering = ["slug", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(self.url_name)

    @property
    def url_name(self):
        return {
            self.Slug.PROGRAMME: "programme",
            self.Slug.PRIVACY: "privacy",
            self.Slug.COOKIE: "cookie",
            self.Slug.LEGAL_NOTES: "legal_notes",
            self.Slug.ACCESSIBILITY: "accessibility",
            self.Slug.FAQ: "faq",
        }[self.slug]


class SiteSettings(models.Model):
    """The one row of settings staff can change without a developer.

    Every city-specific word of the page frame (the programme, the city, its address
    and web site, the EU fund and programme, the IPA code, the open-data contact) is
    here and comes from the seed, never from a template: another city runs the same
    code for its own programme by changing these values.
    """

    site_name = models.CharField(
        _("nome del sito"),
        max_length=100,
        blank=True,
        help_text=_("Il nome del programma, in testa a ogni pagina e nel titolo della finestra."),
    )
    site_tagline = models.CharField(_("motto"), max_length=150, blank=True)
    site_tagline_en = models.CharField(_("motto (inglese)"), max_length=150, blank=True)
    site_description = models.CharField(
        _("descrizione del sito"),
        max_length=300,
        blank=True,
        help_text=_(
            "Una o due frasi: la descrizione per i motori di ricerca delle pagine che "
            "non ne hanno una propria."
        ),
    )
    site_description_en = models.CharField(
        _("descrizione del sito (inglese)"), max_length=300, blank=True
    )
    city_name = models.CharField(
        _("ente titolare"),
        max_length=100,
        blank=True,
        help_text=_("L'ente che pubblica il sito e i dati, per esempio «Città di …»."),
    )
    city_name_en = models.CharField(_("ente titolare (inglese)"), max_length=100, blank=True)
    city_url = models.URLField(_("sito istituzionale dell'ente"), blank=True)
    city_address = models.TextField(
        _("indirizzo dell'ente"),
        max_length=300,
        blank=True,
        help_text=_("Come compare a piè di pagina, una riga per ogni parte dell'indirizzo."),
    )
    area_name = models.CharField(
        _("territorio"),
        max_length=100,
        blank=True,
        help_text=_("Il comune a cui si riferiscono progetti e dati, per esempio «Torino»."),
    )
    area_name_en = models.CharField(_("territorio (inglese)"), max_length=100, blank=True)
    ipa_code = models.CharField(
        _("codice IPA dell'ente"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9_]+$",
                _("Il codice IPA ha solo lettere minuscole, cifre e trattini bassi."),
            )
        ],
        help_text=_(
            "Il codice dell'ente nell'Indice dei domicili digitali della PA (indicepa.gov.it). "
            "Serve al catalogo DCAT-AP_IT: senza, dati.gov.it non può raccogliere i dati."
        ),
    )
    contact_email = models.EmailField(
        _("e-mail di contatto per i dati aperti"),
        blank=True,
        help_text=_(
            "L'indirizzo a cui scrivere per i dati aperti: il catalogo DCAT-AP_IT lo "
            "richiede come punto di contatto."
        ),
    )
    fund_name = models.CharField(
        _("fondo europeo"),
        max_length=150,
        blank=True,
        help_text=_(
            "Accanto all'emblema dell'Unione europea, per esempio «Fondo sociale europeo»."
        ),
    )
    fund_name_en = models.CharField(_("fondo europeo (inglese)"), max_length=150, blank=True)
    programme_name = models.CharField(
        _("programma europeo"),
        max_length=150,
        blank=True,
        help_text=_("Il programma operativo che finanzia il sito e i progetti."),
    )
    programme_axis = models.CharField(_("asse o misura del programma"), max_length=200, blank=True)
    programme_axis_en = models.CharField(
        _("asse o misura del programma (inglese)"), max_length=200, blank=True
    )
    accessibility_statement_url = models.URLField(
        _("dichiarazione di accessibilità (AgID)"),
        blank=True,
        help_text=_(
            "L'indirizzo della dichiarazione pubblicata su form.agid.gov.it. "
            "Se vuoto si usa quello della configurazione del server."
        ),
    )
    city_logo = models.ImageField(
        _("logo della Città di Torino"),
        upload_to="logos/",
        blank=True,
        validators=[validate_image_upload],
    )
    city_logo_alt = models.CharField(
        _("testo alternativo del logo della Città"), max_length=200, blank=True
    )
    pon_logo = models.ImageField(
        _("logo PON Metro"), upload_to="logos/", blank=True, validators=[validate_image_upload]
    )
    pon_logo_alt = models.CharField(
        _("testo alternativo del logo PON Metro"), max_length=200, blank=True
    )
    funding_total_label = models.CharField(
        _("cifra: risorse stanziate"),
        max_length=40,
        blank=True,
        help_text=_("Come compare in home page, per esempio «1,5 milioni di euro»."),
    )
    funded_projects_total = models.PositiveSmallIntegerField(
        _("cifra: progetti finanziati in tutto"),
        null=True,
        blank=True,
        help_text=_("Anche quelli non ancora descritti nel catalogo."),
    )
    funding_total_label_en = models.CharField(
        _("cifra: risorse stanziate (inglese)"), max_length=40, blank=True
    )
    organisations_total_label = models.CharField(
        _("cifra: realtà del terzo settore coinvolte"), max_length=40, blank=True
    )
    organisations_total_label_en = models.CharField(
        _("cifra: realtà del terzo settore coinvolte (inglese)"), max_length=40, blank=True
    )
    ideas_accompanied = models.PositiveSmallIntegerField(
        _("cifra: idee accompagnate"), null=True, blank=True
    )
    demo_dates = models.BooleanField(
        _("date dimostrative"),
        default=False,
        help_text=_(
            "Acceso quando gli eventi sono stati spostati a date future per provare l'iscrizione."
        ),
    )
    updated_at = models.DateTimeField(_("ultimo aggiornamento"), auto_now=True)

    class Meta:
        verbose_name = _("impostazioni del sito")
        verbose_name_plural = _("impostazioni del sito")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="site_settings_single_row"),
        ]

    def __str__(self):
        return str(_("Impostazioni del sito"))

    def save(self, *args, **kwargs):
        self.pk = 1
        # A new logo goes through the images' pipeline (re-encoded: no EXIF, no GPS, no
        # bytes appended after the picture) and is shrunk to what a header shows.
        for field_name in ("city_logo", "pon_logo"):
            field_file = getattr(self, field_name)
            if field_file and not getattr(field_file, "_committed", True):
                data, extension = logo_bytes(field_file.file)
                stem = os.path.splitext(os.path.basename(field_file.name))[0]
                field_file.save(f"{stem}.{extension}", ContentFile(data), save=False)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # A logo is an image of text: without an alternative text a blind visitor
        # would not know which institution co-funds the site.
        errors = {}
        for logo, alt in (("city_logo", "city_logo_alt"), ("pon_logo", "pon_logo_alt")):
            if getattr(self, logo) and not getattr(self, alt).strip():
                errors[alt] = _("Scrivi il testo alternativo del logo che hai caricato.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def load(cls, *, version=None):
        """The settings row, cached for the content version (every page reads it).

        Before staff first save them, the defaults (nothing is written by a read)."""
        return derived(
            "site-settings", lambda: cls.objects.filter(pk=1).first() or cls(pk=1), version=version
        )


class PageFeedback(models.Model):
    """An answer to "Questa pagina ti è stata utile?". No personal data is asked."""

    path = models.CharField(_("pagina"), max_length=500)
    useful = models.BooleanField(_("utile"))
    comment = models.TextField(_("commento"), max_length=500, blank=True)
    language = models.CharField(_("lingua"), max_length=8, default="it")
    created_at = models.DateTimeField(_("ricevuto il"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("riscontro sulla pagina")
        verbose_name_plural = _("riscontri sulle pagine")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.path} – {_('sì') if self.useful else _('no')}"


class ContentVersion(models.Model):
    """One row whose number goes up on every change of public content.

    Cached pages are keyed by it (see ``torino_social_factory.page_cache``), so staff see
    their change at once in every process, with or without a shared cache.
    """

    version = models.BigIntegerField(_("versione"), default=0)
    changed_at = models.DateTimeField(_("ultima modifica"), null=True, blank=True)

    class Meta:
        verbose_name = _("versione dei contenuti")
        verbose_name_plural = _("versione dei contenuti")

    def __str__(self):
        return str(self.version)
