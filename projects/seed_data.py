"""The catalogue's seed content, rewritten from the project's research notes.

Only the 12 projects documented by name; nothing invented: unknown values stay empty,
places have no coordinates (no address in the notes makes a pin certain), and a
circoscrizione is set only where the sources state a single one.
"""

THEMES = [
    ("nuove-poverta", "lotta alle nuove povertà", "fighting new forms of poverty"),
    ("vulnerabilita-sociale", "vulnerabilità sociale", "social vulnerability"),
    ("disoccupazione", "disoccupazione", "unemployment"),
    ("integrazione-culturale", "integrazione culturale", "cultural integration"),
    ("coesione-sociale", "coesione sociale", "social cohesion"),
]

DISTRICTS = [(n, f"Circoscrizione {n}") for n in range(1, 9)]

# slug, name, circoscrizione stated by the sources (None: not stated or more than one)
NEIGHBOURHOODS = [
    ("aurora", "Aurora", None),
    ("barriera-di-milano", "Barriera di Milano", None),
    ("borgo-dora", "Borgo Dora", None),
    ("borgo-vittoria", "Borgo Vittoria", None),
    ("lingotto", "Lingotto", None),
    ("mirafiori", "Mirafiori", None),
    ("mirafiori-sud", "Mirafiori Sud", None),
    ("porta-palazzo", "Porta Palazzo", None),
    ("quadrilatero-romano", "Quadrilatero Romano", None),
    ("san-salvario", "San Salvario", 8),
    ("santa-rita", "Santa Rita", None),
    ("vallette", "Vallette", 5),
]

PROJECTS = [
    {
        "slug": "abito",
        "title": "Abito",
        "summary": "Emporio solidale in cui i capi usati donati dai cittadini vengono selezionati ed "
        "esposti come in un negozio: chi ha un reddito basso li sceglie gratis con una "
        "tessera a punti e restituisce tempo e competenze alla comunità.",
        "description": "Emporio solidale in cui i capi usati donati dai cittadini vengono selezionati ed "
        "esposti come in un negozio: chi ha un reddito basso li sceglie gratis con una "
        "tessera a punti e restituisce tempo e competenze alla comunità. Gli abiti non "
        "distribuiti diventano materia prima per una sartoria popolare, che è anche "
        "spazio di formazione e possibile occasione di lavoro.",
        "status": "non_indicato",
        "themes": [
            "nuove-poverta",
            "vulnerabilita-sociale",
            "integrazione-culturale",
            "coesione-sociale",
        ],
        "neighbourhoods": ["porta-palazzo", "quadrilatero-romano"],
        "places": [
            {
                "name": "Emporio Abito",
                "address": "via Santa Maria 6/I, Torino",
                "neighbourhood": "quadrilatero-romano",
            }
        ],
        "key_facts": [
            "avviato nel 2019",
            "circa 1000 iscritti a un anno dall'apertura",
            "tessera a punti per nucleo familiare, accesso su colloquio e ISEE",
        ],
        "website": "https://www.progettoabito.org",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "loving-the-alien",
        "title": "Loving the Alien",
        "summary": "Intreccia riabilitazione psichiatrica e cultura fantastica: in due laboratori "
        "artigiani (costumi per cosplayer e scenografie) lavorano stabilmente persone con "
        "disagio psichico.",
        "description": "Intreccia riabilitazione psichiatrica e cultura fantastica: in due laboratori "
        "artigiani (costumi per cosplayer e scenografie) lavorano stabilmente persone con "
        "disagio psichico. Il grande giardino accanto al museo Mufant è stato trasformato "
        "nel 'Parco del Fantastico', con sculture ispirate all'immaginario "
        "fantascientifico, e ospita un festival annuale su diversità e rigenerazione "
        "urbana.",
        "status": "non_indicato",
        "themes": ["vulnerabilita-sociale", "disoccupazione", "coesione-sociale"],
        "neighbourhoods": ["borgo-vittoria"],
        "places": [
            {
                "name": "Mufant – Museo del Fantastico e della Fantascienza",
                "address": "piazza Riccardo Valla 5, Torino",
                "neighbourhood": None,
            },
            {
                "name": "Parco del Fantastico",
                "address": "via Reiss Romoli 49bis, Torino",
                "neighbourhood": None,
            },
        ],
        "key_facts": [
            "4 azioni: sartoria per cosplayer, laboratorio di scenografia, Parco del "
            "Fantastico, Festival del Fantastico",
            "8 persone con disagio psichico al lavoro stabilmente nei laboratori",
            "7 installazioni collocate, altre 8 previste entro fine 2021",
            "1ª edizione del festival 18-20 settembre 2020",
        ],
        "website": "",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "fattore-comunita",
        "title": "Fattore Comunità",
        "summary": "Crea un punto di servizi di prossimità per le famiglie della zona sud, che aiuta a "
        "orientarsi tra prestazioni di welfare, pratiche fiscali e burocratiche, salute e "
        "cura della casa.",
        "description": "Crea un punto di servizi di prossimità per le famiglie della zona sud, che aiuta "
        "a orientarsi tra prestazioni di welfare, pratiche fiscali e burocratiche, salute "
        "e cura della casa. Accanto ai servizi propone laboratori pre-professionali per "
        "persone fragili e giovani e momenti di scambio e mutuo aiuto tra famiglie.",
        "status": "non_indicato",
        "themes": ["vulnerabilita-sociale", "coesione-sociale", "disoccupazione"],
        "neighbourhoods": ["lingotto", "mirafiori", "santa-rita"],
        "places": [
            {
                "name": "Sede dei servizi di corso Giambone",
                "address": "corso Giambone, Torino",
                "neighbourhood": None,
            },
            {
                "name": "Sede dei servizi di via Monastir",
                "address": "via Monastir, Torino",
                "neighbourhood": None,
            },
        ],
        "key_facts": [
            "servizi avviati a marzo 2019",
            "oltre 1300 famiglie servite",
            "circa 100 persone in corsi/laboratori (10 donne avviate alla professione di "
            "assistente familiare, ~90 giovani formati all'animazione di comunità)",
        ],
        "website": "",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "cuqu",
        "title": "Cuqù – La Culla del Quartiere",
        "summary": "Centro per bambini da 0 a 6 anni e genitori nel multietnico San Salvario, pensato "
        "per aiutare le famiglie a conciliare lavoro e vita privata: baby parking con orari "
        "ampi, ludoteca, coworking, sportello ostetrico e supporto psicologico.",
        "description": "Centro per bambini da 0 a 6 anni e genitori nel multietnico San Salvario, "
        "pensato per aiutare le famiglie a conciliare lavoro e vita privata: baby parking "
        "con orari ampi, ludoteca, coworking, sportello ostetrico e supporto psicologico. "
        "Le 'mamme di quartiere' accompagnano le famiglie straniere nell'accesso ai "
        "servizi del territorio.",
        "status": "non_indicato",
        "themes": ["vulnerabilita-sociale", "integrazione-culturale", "coesione-sociale"],
        "neighbourhoods": ["san-salvario"],
        "places": [
            {"name": "Cuqù", "address": "via Saluzzo 30, Torino", "neighbourhood": "san-salvario"}
        ],
        "key_facts": [
            "inaugurazione 4 maggio 2019",
            "rivolto a famiglie con bambini 0-6 anni",
            "accesso gratuito o calmierato per chi è in difficoltà economica",
            "Atypica: cooperativa di Collegno nata nel 1991",
        ],
        "website": "https://www.cuqu.it",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "mirafiorisicura",
        "title": "MirafioriSìcura",
        "summary": "Porta a Mirafiori Sud tre servizi di vicinato: una ciclofficina popolare che "
        "promuove la bici per scuola e lavoro, un forno sociale aperto agli abitanti e un bar "
        "culturale a basso impatto ambientale.",
        "description": "Porta a Mirafiori Sud tre servizi di vicinato: una ciclofficina popolare che "
        "promuove la bici per scuola e lavoro, un forno sociale aperto agli abitanti e un "
        "bar culturale a basso impatto ambientale. Gli stessi servizi diventano palestra "
        "di formazione per giovani del quartiere in cerca di lavoro.",
        "status": "non_indicato",
        "themes": ["coesione-sociale", "disoccupazione"],
        "neighbourhoods": ["mirafiori-sud"],
        "places": [
            {
                "name": "Forno sociale",
                "address": "strada Castello di Mirafiori 142/8, Torino",
                "neighbourhood": "mirafiori-sud",
            },
            {
                "name": "MiraBike e MiraCulture (CPG)",
                "address": "strada delle Cacce 36, Torino",
                "neighbourhood": "mirafiori-sud",
            },
        ],
        "key_facts": [
            "tre servizi: MiraBike (ciclofficina popolare/bicibus), MiraSocial (forno "
            "sociale), MiraCulture (eco-bar culturale)",
            "servizi attivi da metà 2019",
            "percorsi di formazione per giovani; 3 allievi in tirocinio",
        ],
        "website": "",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "g-local-factory",
        "title": "G-Local Factory",
        "summary": "Incubatore di quartiere per chi ha abilità artigianali ma non i mezzi per produrre e "
        "vendere: offre corsi di cucito e creatività, eventi sulla moda sostenibile e "
        "tirocini per persone fragili.",
        "description": "Incubatore di quartiere per chi ha abilità artigianali ma non i mezzi per "
        "produrre e vendere: offre corsi di cucito e creatività, eventi sulla moda "
        "sostenibile e tirocini per persone fragili. Lavora come rete paritaria tra "
        "imprese profit e non profit e, insieme a TriCircolo, forma in via Regaldi un "
        "polo per l'artigianato di Barriera di Milano.",
        "status": "non_indicato",
        "themes": ["disoccupazione", "integrazione-culturale", "coesione-sociale"],
        "neighbourhoods": ["barriera-di-milano"],
        "places": [
            {
                "name": "G-Local Factory negli spazi di TriCircolo",
                "address": "via Regaldi 7 int. 11, Torino",
                "neighbourhood": "barriera-di-milano",
            }
        ],
        "key_facts": [
            "nato nel novembre 2019",
            "corsi di cucito e creativi, webinar sulla moda sostenibile, tirocini per persone "
            "in difficoltà",
            "modello di 'impresa a rete' tra profit e non profit",
        ],
        "website": "",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "non-di-solo-pane",
        "title": "Non di Solo Pane",
        "summary": "Forno-laboratorio sociale in via Baltea che produce pane con pasta madre e farine "
        "locali e, al tempo stesso, forma e assume persone svantaggiate, soprattutto giovani "
        "migranti e rifugiati.",
        "description": "Forno-laboratorio sociale in via Baltea che produce pane con pasta madre e "
        "farine locali e, al tempo stesso, forma e assume persone svantaggiate, "
        "soprattutto giovani migranti e rifugiati. I tirocini sono accompagnati da "
        "lezioni pratiche di italiano e matematica e da incontri sulla salute organizzati "
        "con il CCM.",
        "status": "non_indicato",
        "themes": ["disoccupazione", "integrazione-culturale", "vulnerabilita-sociale"],
        "neighbourhoods": ["barriera-di-milano"],
        "places": [
            {
                "name": "Laboratori di Barriera",
                "address": "via Baltea 3, Torino",
                "neighbourhood": "barriera-di-milano",
            }
        ],
        "key_facts": [
            "pasta madre e farine non raffinate della filiera del Parco di Stupinigi",
            "2 assunzioni a due anni dall'avvio",
            "15 tirocini (pane, pizza, pasticceria)",
            "5 workshop aperti e 10 incontri sulla salute con il CCM",
        ],
        "website": "https://www.viabaltea.it",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "vallette-al-centro",
        "title": "Vallette al Centro",
        "summary": "Parte dal laboratorio informatico che Eta Beta gestisce nel carcere di Torino: i "
        "detenuti si formano e realizzano prodotti editoriali e giochi, con percorsi di "
        "accompagnamento al lavoro.",
        "description": "Parte dal laboratorio informatico che Eta Beta gestisce nel carcere di Torino: i "
        "detenuti si formano e realizzano prodotti editoriali e giochi, con percorsi di "
        "accompagnamento al lavoro. All'esterno il progetto offre informazioni e supporto "
        "ai familiari e porta il tema del carcere nelle scuole e nelle biblioteche della "
        "Circoscrizione 5.",
        "status": "non_indicato",
        "themes": ["disoccupazione", "vulnerabilita-sociale", "coesione-sociale"],
        "neighbourhoods": ["vallette"],
        "places": [
            {
                "name": "Casa Circondariale “G. Lorusso e L. Cutugno”",
                "address": "",
                "neighbourhood": "vallette",
            }
        ],
        "key_facts": [
            "finanziato con il Fondo sociale europeo tramite PON Metro (Repubblica)",
            "25 candidati, 6 in approfondimento formativo, 4 in formazione, 3 assunzioni",
            "80 persone allo sportello informativo, 8 accompagnate al lavoro",
            "coinvolte due classi dell'IIS Zerboni",
            "presentato al Salone del Libro 2019",
        ],
        "website": "",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "prometeo",
        "title": "Prometeo",
        "summary": "Rete di iniziative contro la solitudine delle persone anziane, in particolare quelle "
        "con pochi mezzi economici: incontri, corsi, visite in città e momenti "
        "intergenerazionali con studenti che insegnano l'uso della tecnologia.",
        "description": "Rete di iniziative contro la solitudine delle persone anziane, in particolare "
        "quelle con pochi mezzi economici: incontri, corsi, visite in città e momenti "
        "intergenerazionali con studenti che insegnano l'uso della tecnologia. Durante "
        "l'emergenza Covid ha aggiunto un servizio di ascolto telefonico con una "
        "psicologa.",
        "status": "non_indicato",
        "themes": ["vulnerabilita-sociale", "nuove-poverta", "coesione-sociale"],
        "neighbourhoods": [],
        "places": [],
        "key_facts": [
            "progetto attivo dal 2016",
            "misura indicata da Zenith: PON Città Metropolitane Asse 3, Misura 3.3.1 A4",
            "campagna di raccolta fondi #ioaiutoilmiovicino",
            "attività: danzaterapia, corsi d'arte, visite guidate, 'Internauti' (giovani che "
            "insegnano tecnologia agli anziani), supporto telefonico durante la pandemia",
        ],
        "website": "https://prometeozenith.it",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "biagio",
        "title": "Biagio",
        "summary": "Portineria di quartiere nata dal progetto Biagio e ospitata in un'ex edicola di "
        "Porta Palazzo: offre piccoli servizi quotidiani (commissioni, ritiro pacchi, "
        "traduzioni, babysitting, aiuto con la tecnologia) e un programma di attività "
        "culturali.",
        "description": "Portineria di quartiere nata dal progetto Biagio e ospitata in un'ex edicola di "
        "Porta Palazzo: offre piccoli servizi quotidiani (commissioni, ritiro pacchi, "
        "traduzioni, babysitting, aiuto con la tecnologia) e un programma di attività "
        "culturali. I portinai sono spesso persone a rischio di esclusione; nel lockdown "
        "la portineria ha aiutato anziani e ragazzi che avevano lasciato la didattica a "
        "distanza.",
        "status": "non_indicato",
        "themes": [
            "coesione-sociale",
            "integrazione-culturale",
            "vulnerabilita-sociale",
            "disoccupazione",
        ],
        "neighbourhoods": ["porta-palazzo", "aurora", "borgo-dora", "quadrilatero-romano"],
        "places": [
            {
                "name": "Portineria di quartiere (ex edicola)",
                "address": "piazza della Repubblica 1/F, angolo via Milano, Torino",
                "neighbourhood": "porta-palazzo",
            }
        ],
        "key_facts": [
            "ascolto della comunità da fine 2018 ('Portale dei Saperi', oltre 250 dialoghi)",
            "portineria su tre ruote presentata il 5/10/2019",
            "inaugurazione della sede il 9/7/2020",
            "durante il lockdown: consegne di beni essenziali; 120 ragazzi 'persi' dalla DAD "
            "mappati, 70 recuperati",
            "ispirata al modello parigino 'Lulu dans ma rue'",
        ],
        "website": "https://www.spacciocultura.it",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "tricircolo",
        "title": "Triciclo Reuse Centre",
        "summary": "Centro del riuso e dell'economia circolare in Barriera di Milano, quartiere di "
        "tradizione artigiana: laboratori attrezzati dove artigiani e appassionati "
        "trasformano materiali recuperati, con corsi, incontri, scambi e mercatini.",
        "description": "Centro del riuso e dell'economia circolare in Barriera di Milano, quartiere di "
        "tradizione artigiana: laboratori attrezzati dove artigiani e appassionati "
        "trasformano materiali recuperati, con corsi, incontri, scambi e mercatini. Più "
        "che vendere prodotti, punta a dare servizi agli artigiani e a metterli in "
        "contatto con clienti e possibili investitori.",
        "status": "concluso",
        "themes": ["disoccupazione", "coesione-sociale"],
        "neighbourhoods": ["barriera-di-milano"],
        "places": [
            {
                "name": "Triciclo Reuse Centre",
                "address": "via Regaldi 7/11, Torino",
                "neighbourhood": "barriera-di-milano",
            }
        ],
        "key_facts": [
            "spazi aperti ogni giorno dalle 9 per artigiani e hobbisti",
            "ospita Glocal Factory e 7 artigiani del riuso di materiali ciclistici",
            "sede anche dell'evento del 23/1/2020",
            "progetto dichiarato concluso sul sito TSF",
        ],
        "website": "",
        "funding_amount": None,
        "funding_note": "",
    },
    {
        "slug": "carota",
        "title": "C.A.R.O.T.A.",
        "summary": "Usa il cibo come leva contro la povertà a Mirafiori Sud: la Locanda nel Parco serve "
        "pasti a prezzi contenuti e offre ogni giorno pasti gratuiti a persone in difficoltà, "
        "recuperando invenduto da mercati e negozi del quartiere.",
        "description": "Usa il cibo come leva contro la povertà a Mirafiori Sud: la Locanda nel Parco "
        "serve pasti a prezzi contenuti e offre ogni giorno pasti gratuiti a persone in "
        "difficoltà, recuperando invenduto da mercati e negozi del quartiere. Il progetto "
        "aggiunge sportelli gratuiti di ascolto, orientamento al lavoro ed educazione "
        "finanziaria e orti solidali gestiti con Orti Generali.",
        "status": "non_indicato",
        "themes": ["nuove-poverta", "disoccupazione", "vulnerabilita-sociale", "coesione-sociale"],
        "neighbourhoods": ["mirafiori-sud"],
        "places": [
            {
                "name": "Casa nel Parco / Locanda nel Parco",
                "address": "via Panetti 1, Torino",
                "neighbourhood": "mirafiori-sud",
            },
            {
                "name": "Orti",
                "address": "strada Castello di Mirafiori, Torino",
                "neighbourhood": "mirafiori-sud",
            },
        ],
        "key_facts": [
            "durata biennale",
            "mensa ibrida: clienti paganti e beneficiari segnalati dai servizi allo stesso "
            "tavolo; 'pasti sospesi'",
            "3 sportelli gratuiti: ascolto sociale, orientamento al lavoro, educazione finanziaria",
            "orti solidali per 10 nuclei familiari e orto collettivo per la cucina",
            "oltre 15 tonnellate di prodotti avanzati riutilizzati in tre anni (Repubblica, "
            "maggio 2021)",
        ],
        "website": "",
        "funding_amount": 100000,
        "funding_note": "importo approssimato: circa 100 mila euro per due anni (TorinOggi, aprile "
        "2019)",
    },
]

# organisation, legal form, website, [(project slug, role)]
ORGANISATIONS = [
    {
        "name": "Società di San Vincenzo De Paoli – Consiglio Centrale di Torino ODV",
        "legal_form": "ODV",
        "website": "",
        "projects": [("abito", "lead")],
    },
    {
        "name": "Squadra Giovani della Croce Verde Torino",
        "legal_form": "",
        "website": "",
        "projects": [("abito", "collaborator")],
    },
    {
        "name": "Altra Mente – cooperativa sociale onlus",
        "legal_form": "cooperativa sociale onlus",
        "website": "",
        "projects": [("loving-the-alien", "lead")],
    },
    {
        "name": "Mufant – Museo del Fantastico e della Fantascienza",
        "legal_form": "",
        "website": "",
        "projects": [("loving-the-alien", "collaborator")],
    },
    {
        "name": "ACLI Provinciali di Torino",
        "legal_form": "APS",
        "website": "https://www.aclitorino.it",
        "projects": [("fattore-comunita", "lead")],
    },
    {
        "name": "Educazione Progetto – società cooperativa onlus",
        "legal_form": "società cooperativa onlus",
        "website": "",
        "projects": [("fattore-comunita", "partner")],
    },
    {
        "name": "Cooperativa Sociale Solidarietà",
        "legal_form": "cooperativa sociale",
        "website": "",
        "projects": [("fattore-comunita", "partner")],
    },
    {
        "name": "Unione Sportiva Acli Torino",
        "legal_form": "",
        "website": "",
        "projects": [("fattore-comunita", "partner")],
    },
    {
        "name": "Cooperativa Sociale La Bottega onlus",
        "legal_form": "cooperativa sociale onlus",
        "website": "",
        "projects": [("fattore-comunita", "partner")],
    },
    {
        "name": "Agenzia per lo Sviluppo Locale di San Salvario onlus",
        "legal_form": "associazione onlus",
        "website": "",
        "projects": [("cuqu", "lead")],
    },
    {
        "name": "Cooperativa Sociale Atypica",
        "legal_form": "cooperativa sociale",
        "website": "",
        "projects": [("cuqu", "partner")],
    },
    {
        "name": "Il Mondo di Joele onlus",
        "legal_form": "associazione onlus",
        "website": "",
        "projects": [("cuqu", "partner")],
    },
    {
        "name": "Cooperativa Sociale Mirafiori onlus",
        "legal_form": "cooperativa sociale onlus",
        "website": "",
        "projects": [("mirafiorisicura", "lead")],
    },
    {
        "name": "Cooperativa Sociale L'Arcobaleno",
        "legal_form": "cooperativa sociale",
        "website": "",
        "projects": [("mirafiorisicura", "partner")],
    },
    {
        "name": "Cooperativa Sociale I Passi",
        "legal_form": "cooperativa sociale",
        "website": "",
        "projects": [("mirafiorisicura", "partner")],
    },
    {
        "name": "Liberitutti s.c.s.",
        "legal_form": "società cooperativa sociale",
        "website": "",
        "projects": [("g-local-factory", "lead")],
    },
    {
        "name": "Panacea Social Farm s.c.s.",
        "legal_form": "cooperativa sociale di tipo B",
        "website": "",
        "projects": [("non-di-solo-pane", "lead")],
    },
    {
        "name": "CCM – Comitato Collaborazione Medica",
        "legal_form": "",
        "website": "",
        "projects": [("non-di-solo-pane", "partner")],
    },
    {
        "name": "Eta Beta s.c.s.",
        "legal_form": "società cooperativa sociale",
        "website": "",
        "projects": [("vallette-al-centro", "lead")],
    },
    {
        "name": "Consorzio Sociale Abele Lavoro",
        "legal_form": "consorzio sociale",
        "website": "",
        "projects": [("vallette-al-centro", "partner")],
    },
    {
        "name": "Zenith Società Cooperativa Sociale",
        "legal_form": "società cooperativa sociale",
        "website": "",
        "projects": [("prometeo", "lead")],
    },
    {
        "name": "Rete Italiana di Cultura Popolare APS",
        "legal_form": "APS",
        "website": "",
        "projects": [("biagio", "lead")],
    },
    {
        "name": "Ufficio Pastorale Migranti",
        "legal_form": "",
        "website": "",
        "projects": [("biagio", "collaborator")],
    },
    {
        "name": "Nessuno è straniero (NES)",
        "legal_form": "",
        "website": "",
        "projects": [("biagio", "collaborator")],
    },
    {
        "name": "Triciclo s.c.s.",
        "legal_form": "cooperativa sociale di tipo B",
        "website": "https://triciclo.com",
        "projects": [("tricircolo", "lead")],
    },
    {
        "name": "Patchanka s.c.s. onlus",
        "legal_form": "cooperativa sociale di tipo B",
        "website": "https://www.cooperativapatchanka.org",
        "projects": [("carota", "lead")],
    },
    {
        "name": "Fondazione della Comunità di Mirafiori onlus",
        "legal_form": "fondazione onlus",
        "website": "",
        "projects": [("carota", "partner")],
    },
    {
        "name": "Associazione Coefficiente Clorofilla",
        "legal_form": "associazione",
        "website": "",
        "projects": [("carota", "partner")],
    },
]
