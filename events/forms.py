"""Registration and lost-link forms. Every refusal is an Italian message on the form."""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from torino_social_factory.common.ratelimit import use_once

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


def _captcha_proof(nonce, answer):
    # Keyed with SECRET_KEY: the page carries this, never the answer, and nobody can
    # try the ten possible answers against it without asking the server.
    return salted_hmac(CAPTCHA_SALT, f"{nonce}:{answer}").hexdigest()[:32]


class HumanCheckMixin(forms.Form):
    """Honeypot, minimum fill time and an optional question in words (no images,
    no third parties: readable by screen readers). The form start and a challenge are
    each good for one submission: replaying a solved form is refused."""

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
            self.initial["started"] = self._start_token(time.time())
        if captcha:
            a, b = secrets.randbelow(5) + 1, secrets.randbelow(5) + 1
            self.captcha_question = _("Quanto fa %(a)s più %(b)s? Scrivi il numero in cifre.") % {
                "a": NUMBERS[a],
                "b": NUMBERS[b],
            }
            self.fields["captcha_answer"].label = self.captcha_question
            self.fields["captcha_answer"].required = True
            self.fields["captcha_answer"].widget.attrs.update(
                {"inputmode": "numeric", "autocomplete": "off"}
            )
            nonce = secrets.token_urlsafe(16)
            token = signing.dumps(
                {"n": nonce, "p": _captcha_proof(nonce, a + b)}, salt=CAPTCHA_SALT
            )
            self.initial["captcha_token"] = token
            self.new_captcha_token = token
            self.submitted_captcha_token = (
                self.data.get("captcha_token", "") if self.is_bound else ""
            )
        else:
            del self.fields["captcha_answer"]
            del self.fields["captcha_token"]

    @staticmethod
    def _start_token(started_at):
        return signing.dumps({"t": started_at, "n": secrets.token_urlsafe(12)}, salt=STARTED_SALT)

    def _style_widgets(self):
        for name, field in self.fields.items():
            attrs = field.widget.attrs
            if getattr(field.widget, "input_type", "") != "checkbox" and name != "website":
                attrs["class"] = "form-control"
            if field.help_text:
                attrs["aria-describedby"] = f"id_{name}-help"

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            # A re-displayed form needs tokens it has not used yet: a new form start that
            # keeps the original time, and (below) the new question with an empty box.
            data = self.data.copy()
            data["started"] = self._start_token(getattr(self, "started_at", time.time()))
            if self.captcha:
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
            self.started_at, nonce = float(started["t"]), str(started["n"])
        except (signing.BadSignature, TypeError, KeyError, ValueError):
            raise forms.ValidationError(
                _("Il modulo è scaduto o incompleto: ricarica la pagina e riprova."), code="stale"
            ) from None
        if time.time() - self.started_at < settings.EVENTS_MIN_FILL_SECONDS:
            # Not spent: the same start is good for the next try, which will be slower.
            raise forms.ValidationError(
                _("Il modulo è stato inviato troppo in fretta. Controlla i dati e invia di nuovo."),
                code="too_fast",
            )
        if not use_once(STARTED_SALT, nonce, period=86400):
            raise forms.ValidationError(
                _(
                    "Questo modulo era già stato inviato. Se non ti è arrivata l'e-mail, "
                    "controlla la posta indesiderata o chiedi di nuovo il link personale."
                ),
                code="replayed",
            )
        if self.captcha:
            self._check_captcha()
        return cleaned

    def _check_captcha(self):
        try:
            challenge = signing.loads(self.submitted_captcha_token, salt=CAPTCHA_SALT, max_age=3600)
            nonce, proof = str(challenge["n"]), str(challenge["p"])
        except (signing.BadSignature, TypeError, KeyError):
            nonce = proof = None
        answer = (self.cleaned_data.get("captcha_answer") or "").strip()
        solved = (
            nonce is not None
            and answer.isdigit()
            and len(answer) <= 3
            and constant_time_compare(_captcha_proof(nonce, int(answer)), proof)
        )
        # One answer per question, right or wrong: a solved question cannot be replayed.
        if nonce is None or not use_once(CAPTCHA_SALT, nonce, period=3600) or not solved:
            self.add_error(
                "captcha_answer", _("La risposta non è corretta: prova con la nuova domanda.")
            )


class RegistrationForm(HumanCheckMixin):
    name = forms.CharField(
        label=_("Nome e cognome"),
        max_length=120,
        validators=[no_control_characters],
        error_messages={"required": _("Scrivi il tuo nome e cognome.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Ti mandiamo la conferma e il link per gestire l'iscrizione."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
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
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
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
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Scrivi il tuo indirizzo e-mail."),
            "invalid": _(
                "L'indirizzo e-mail non è valido: controlla che sia scritto come nome@esempio.it."
            ),
        },
    )
