"""Help texts in plain words for admin fields whose model does not give one.

Kept here rather than in the apps' models so that wording can change without a
migration. A model's own ``help_text`` always wins; these only fill the gaps.
Keys are ``"app_label.model_name"`` then field name.
"""

from django.utils.translation import gettext_lazy as _

_SLUG = _(
    "La parte finale dell'indirizzo della pagina, per esempio «orti-in-barriera». "
    "Si compila da sola dal titolo; cambiarla dopo la pubblicazione rompe i link già condivisi."
)
_ALT = _(
    "Descrivi in una frase che cosa mostra l'immagine, per chi non la vede "
    "(per esempio «Ragazzi al lavoro nell'orto condiviso di via Cecchi»). Obbligatorio."
)
_PUBLISHED = _(
    "Finché non è spuntato, solo lo staff lo vede (usa «Anteprima»). "
    "Spunta e salva per renderlo visibile a tutti sul sito."
)
_EN = _("Traduzione inglese, facoltativa: se vuota il sito inglese mostra il testo italiano.")

HELP_TEXTS = {
    "torino_social_factory.page": {
        "slug": _("Quale pagina del sito è: ognuna esiste una sola volta."),
        "title": _("Il titolo grande in cima alla pagina."),
        "title_en": _EN,
        "summary_en": _EN,
        "body_en": _EN,
    },
    "torino_social_factory.sitesettings": {
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
    },
    "projects.project": {
        "slug": _SLUG,
        "title": _("Il nome del progetto, come lo usano le organizzazioni che lo realizzano."),
        "summary": _(
            "Due o tre frasi (al massimo 300 caratteri) che dicono che cosa fa il progetto e "
            "per chi. Compare nelle schede dell'elenco e nei motori di ricerca."
        ),
        "description": _("Il racconto del progetto: le attività, come e dove si svolgono."),
        "objectives": _("Che cosa vuole ottenere il progetto, in poche righe o un elenco."),
        "results": _("Che cosa è stato ottenuto finora, con fatti e numeri verificabili."),
        "status": _("A che punto è il progetto oggi."),
        "funding_amount": _("Il contributo ricevuto in euro. Lascia vuoto se non è noto."),
        "themes": _("I temi del bando a cui risponde il progetto."),
        "neighbourhoods": _("I quartieri in cui il progetto lavora."),
        "cover_image": _("L'immagine delle schede e della pagina: meglio orizzontale."),
        "cover_image_alt": _ALT,
        "is_published": _PUBLISHED,
        "featured": _("Spuntato, il progetto compare in evidenza in home page. Pochi alla volta."),
        "activities": _("Che cosa si fa concretamente: laboratori, sportelli, incontri."),
        "start_date": _("Il giorno in cui è iniziato il progetto. Lascia vuoto se non è noto."),
        "end_date": _("Il giorno in cui è finito o finirà. Lascia vuoto se prosegue."),
        "funding_note": _("Una nota breve sul contributo, per esempio «più cofinanziamento»."),
        "website": _("L'indirizzo completo del sito del progetto, con https://"),
    },
    "projects.organisation": {
        "slug": _SLUG,
        "name": _("Il nome ufficiale dell'ente, come nello statuto."),
        "legal_form": _("Per esempio associazione di promozione sociale, cooperativa sociale."),
        "website": _("L'indirizzo completo del sito, con https://"),
        "logo_alt": _ALT,
        "logo": _("Il logo ufficiale dell'ente, ricevuto dall'ente stesso (PNG o JPEG)."),
        "description": _("Che cosa fa l'ente, in poche righe."),
    },
    "projects.theme": {
        "slug": _SLUG,
        "name": _("Il nome del tema come compare nei filtri del catalogo."),
    },
    "projects.district": {
        "number": _("Il numero della Circoscrizione, da 1 a 8."),
        "name": _("Il nome della Circoscrizione, per esempio «Barriera di Milano, Rebaudengo»."),
    },
    "projects.neighbourhood": {
        "slug": _SLUG,
        "name": _("Il nome del quartiere come lo usano gli abitanti."),
        "district": _("La Circoscrizione a cui appartiene il quartiere."),
    },
    "projects.projectupdate": {
        "project": _("Il progetto di cui si racconta una novità."),
        "date": _("Il giorno della notizia: le novità compaiono dalla più recente."),
        "title": _("Una frase che dice la novità, per esempio «Aperto il secondo orto»."),
        "body": _("Il testo della novità, breve."),
    },
    "projects.projectimage": {
        "image": _(
            "Una fotografia JPEG o PNG. Il sito la ridimensiona e toglie i dati di "
            "posizione (GPS) della fotocamera."
        ),
        "alt_text": _ALT,
        "credit": _("Chi ha scattato la foto o chi ne detiene i diritti."),
    },
    "projects.place": {
        "address": _("Via e numero civico, come si scrive su una busta."),
        "latitude": _(
            "Solo se l'indirizzo è certo: senza coordinate il luogo compare senza puntina."
        ),
        "longitude": _(
            "Solo se l'indirizzo è certo: senza coordinate il luogo compare senza puntina."
        ),
    },
    "events.event": {
        "slug": _SLUG,
        "capacity": _(
            "Quante persone possono essere confermate. Oltre, le iscrizioni vanno in lista "
            "d'attesa; alzarla promuove subito chi aspetta."
        ),
        "is_published": _PUBLISHED,
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
        "address": _("Via e numero civico, come si scrive su una busta."),
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
    },
    "events.registration": {
        "event": _("L'evento a cui iscrivere la persona."),
        "name": _("Nome e cognome, come li scrive la persona."),
        "email": _("Riceverà la conferma con il suo link personale per annullare."),
        "organisation": _("L'ente o l'associazione da cui viene, se c'è."),
        "category": _("Che tipo di partecipante è (serve solo per le statistiche)."),
    },
}


def help_text_for(model, field_name):
    text = HELP_TEXTS.get(model._meta.label_lower, {}).get(field_name, "")
    if not text and field_name.endswith("_en"):
        return _EN
    return text
