"""Help texts in plain words that several admin forms share.

Each app's ModelAdmin lists the help texts of its own fields (``help_texts``); these
are the sentences that recur. Kept out of the models so the wording can change without
a migration; a model's own ``help_text`` always wins.
"""

from django.utils.translation import gettext_lazy as _

SLUG = _(
    "La parte finale dell'indirizzo della pagina, per esempio «orti-in-barriera». "
    "Si compila da sola dal titolo; cambiarla dopo la pubblicazione rompe i link già condivisi."
)
ALT_TEXT = _(
    "Descrivi in una frase che cosa mostra l'immagine, per chi non la vede "
    "(per esempio «Ragazzi al lavoro nell'orto condiviso di via Cecchi»). Obbligatorio."
)
PUBLISHED = _(
    "Finché non è spuntato, solo lo staff lo vede (usa «Anteprima»). "
    "Spunta e salva per renderlo visibile a tutti sul sito."
)
ENGLISH = _("Traduzione inglese, facoltativa: se vuota il sito inglese mostra il testo italiano.")
ADDRESS = _("Via e numero civico, come si scrive su una busta.")
WEBSITE = _("L'indirizzo completo del sito, con https://")


def help_text_for(help_texts, field_name):
    """The help text a ModelAdmin gives a field; English twins share one sentence."""
    text = help_texts.get(field_name, "")
    if not text and field_name.endswith("_en"):
        return ENGLISH
    return text
