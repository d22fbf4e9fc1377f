"""Registration and lost-link forms. Every refusal is an Italian message on the form."""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import CATEGORIES

STARTED_SALT = "events.form-started"
CAPTCHA_SALT = "events.captcha"
NUMBERS = [
    "zero",
    "uno",
    "due",
    "tre",
    "quattro",
    "cinque",
    "sei",
    "sette",
    "otto",
    "nove",
    "dieci",
]


def no_control_characters(value):
    if any(not ch.isprintable() for ch in value):
        raise forms.ValidationError(_("Il testo contiene caratteri non ammessi."))


class HumanCheckMixin(forms.Form):
    """Honeypot, minimum fill time and an optional question in words (no images,
    no third parties: readable by screen readers)."""

    website = forms.CharField(required=False, label=_("Lascia vuoto questo campo"))
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    captcha_token = forms.CharField(widget=forms.HiddenInput, required=False)
    captcha_answer = forms.CharField(label="", required=False, max_length=10)

    def __init__(self, *args, captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.captcha = captcha
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self._style_widgets()
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=STARTED_SALT)
        if captcha:
            a, b = secrets.randbelow(5) + 1, secrets.randbelow(5) + 1
            self.captcha_question = _("Quanto fa %(a)s più %(b)s? Scrivi il numero in cifre.") % {
                "a": NUMBERS[a],
                "b": NUMBERS[b],
            }
            self.fields["captcha_answer"].label = self.captcha_question
            self.fields["captcha_answer"].required = True
            token = signing.dumps(a + b, salt=CAPTCHA_SALT)
            self.initial["captcha_token"] = token
            self.new_captcha_token = token
            self.submitted_captcha_token = (
                self.data.get("captcha_token", "") if self.is_bound else ""
            )
        else:
            del self.fields["captcha_answer"]
            del self.fields["captcha_token"]

    def _style_widgets(self):
        for name, field in self.fields.items():
            attrs = field.widget.attrs
            if getattr(field.widget, "input_type", "") != "checkbox" and name != "website":
                attrs["class"] = "form-control"
            if field.help_text:
                attrs["aria-describedby"] = f"id_{name}-help"

    def full_clean(self):
        super().full_clean()
        if self.captcha and self.is_bound:
            # Validated against the answer as sent; a re-displayed form then carries the
            # new question's token and an empty answer box.
            data = self.data.copy()
            data["captcha_token"] = self.new_captcha_token
            data["captcha_answer"] = ""
            self.data = data
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{name}-error"

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

    def clean(self):
        cleaned = super().clean()
        try:
            started = signing.loads(cleaned.get("started") or "", salt=STARTED_SALT, max_age=86400)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("Il modulo è scaduto o incompleto: ricarica la pagina e riprova."), code="stale"
            ) from None
        if time.time() - float(started) < settings.EVENTS_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("Il modulo è stato inviato troppo in fretta. Controlla i dati e invia di nuovo."),
                code="too_fast",
            )
        if self.captcha:
            try:
                expected = signing.loads(
                    self.submitted_captcha_token, salt=CAPTCHA_SALT, max_age=3600
                )
            except signing.BadSignature:
                expected = None
            answer = (self.cleaned_data.get("captcha_answer") or "").strip()
            if expected is None or answer != str(expected):
                self.add_error(
                    "captcha_answer", _("La risposta non è corretta: prova con la nuova domanda.")
                )
        return cleaned


class RegistrationForm(HumanCheckMixin):
    name = forms.CharField(
        label=_("Nome e cognome"),
        max_length=120,
        validators=[no_control_characters],
        error_messages={"required": _("Scrivi il tuo nome e cognome.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Ti mandiamo la conferma e il link per gestire l'iscrizione."),
        error_messages={
            "required": _("Scrivi il tuo indirizzo e-mail."),
            "invalid": _(
                "L'indirizzo e-mail non è valido: controlla che sia scritto come nome@esempio.it."
            ),
        },
    )
    organisation = forms.CharField(
        label=_("Ente o organizzazione (facoltativo)"),
        max_length=200,
        required=False,
        validators=[no_control_characters],
    )
    category = forms.ChoiceField(
        label=_("Partecipi come (facoltativo)"),
        required=False,
        choices=[("", _("— scegli —")), *CATEGORIES],
    )
    accessibility_needs = forms.CharField(
        label=_("Esigenze di accessibilità (facoltativo)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Per esempio accesso in sedia a ruote o interprete LIS. Sono dati sulla salute: "
            "li usiamo solo per l'accoglienza e li cancelliamo dopo l'evento."
        ),
    )
    privacy = forms.BooleanField(
        label=_("Ho letto l'informativa sulla privacy"),
        error_messages={
            "required": _("Per iscriverti devi dichiarare di aver letto l'informativa.")
        },
    )
    optional_consent = forms.BooleanField(
        label=_(
            "Voglio ricevere notizie sui prossimi eventi di Torino Social Factory (facoltativo)"
        ),
        required=False,
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if "<" in name or ">" in name:
            raise forms.ValidationError(_("Il nome non può contenere i caratteri < e >."))
        return name


class LostLinkForm(HumanCheckMixin):
    email = forms.EmailField(
        label=_("E-mail usata per l'iscrizione"),
        max_length=254,
        error_messages={
            "required": _("Scrivi il tuo indirizzo e-mail."),
            "invalid": _(
                "L'indirizzo e-mail non è valido: controlla che sia scritto come nome@esempio.it."
            ),
        },
    )
