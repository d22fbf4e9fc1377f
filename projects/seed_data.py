"""The catalogue's seed content, rewritten from the project's research notes.

Only the 12 projects documented by name; nothing invented: unknown values stay empty,
places have no coordinates (no address in the notes makes a pin certain). The
circoscrizione of each neighbourhood follows the city's map of its 8 circoscrizioni
(Regolamento del decentramento n. 374, in force since 2016); Porta Palazzo lies on the
border of the 1st and the 7th, so it has none and its places are placed by their address.
Texts carry no press citations: the sources are listed separately (``SOURCES``).
"""

THEMES = [
    ("nuove-poverta", "lotta alle nuove povertà", "fighting new forms of poverty"),
    ("vulnerabilita-sociale", "vulnerabilità sociale", "social vulnerability"),
    ("disoccupazione", "disoccupazione", "unemployment"),
    ("integrazione-culturale", "integrazione culturale", "cultural integration"),
    ("coesione-sociale", "coesione sociale", "social cohesion"),
]

DISTRICTS = [(n, f"Circoscrizione {n}") for n in range(1, 9)]

# slug, name, circoscrizione (None: on a border, the place's address decides)
NEIGHBOURHOODS = [
    ("aurora", "Aurora", 7),
    ("barriera-di-milano", "Barriera di Milano", 6),
    ("borgo-dora", "Borgo Dora", 7),
    ("borgo-vittoria", "Borgo Vittoria", 5),
    ("lingotto", "Lingotto", 8),
    ("mirafiori", "Mirafiori", 2),
    ("mirafiori-sud", "Mirafiori Sud", 2),
    ("porta-palazzo", "Porta Palazzo", None),
    ("quadrilatero-romano", "Quadrilatero Romano", 1),
    ("san-salvario", "San Salvario", 8),
    ("santa-rita", "Santa Rita", 2),
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
            "finanziato con il Fondo sociale europeo tramite il PON Metro",
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
            "oltre 15 tonnellate di prodotti avanzati riutilizzati in tre anni (dato del maggio "
            "2021)",
        ],
        "website": "",
        "funding_amount": 100000,
        "funding_note": "importo approssimato: circa 100 mila euro per due anni",
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

# Sources of each project (tsf_facts.json): publisher, date (AAAA, AAAA-MM or AAAA-MM-GG
# or empty), address. The public page lists them under «Fonti».
SOURCES = {
    "abito": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "TorinOggi",
            "2019-09-28",
            "http://www.torinoggi.it/2019/09/28/leggi-notizia/argomenti/fotogallery-2/articolo/scambio-di-vestiti-e-sartoria-popolare-con-abito-il-riuso-diventa-filiera-sociale.html",
        ),
        (
            "Torino Social Impact",
            "",
            "https://torinosocialimpact.it/en/news/first-results-for-the-project-abito-laboratory-of-social-inclusion",
        ),
        ("TorinoClick", "", "http://www.torinoclick.it/?p=96689"),
        (
            "Arcidiocesi di Torino",
            "2023-03",
            "https://diocesi.torino.it/site/wd-appuntamenti/mercatino-di-primavera-di-abito-per-sostenere-chi-e-piu-in-difficolta",
        ),
        (
            "AgenSIR",
            "2023-03-25",
            "https://www.agensir.it/quotidiano/2023/3/25/solidarieta-dalla-societa-di-san-vincenzo-de-paoli-oggi-a-torino-il-mercatino-di-primavera-di-abito/",
        ),
        ("Secondo Welfare (copia)", "", "https://secondowelfare.devts.elicos.it/?p=27589"),
        (
            "TorinOggi",
            "2018-11-29",
            "https://www.torinoggi.it/2018/11/29/mobile/leggi-notizia/argomenti/attualita-8/articolo/la-sartoria-per-abiti-usati-la-mensa-sociale-e-le-botteghe-storiche-e-la-torino-social-factory.html",
        ),
    ],
    "loving-the-alien": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "Torino Social Impact",
            "",
            "https://www.torinosocialimpact.it/news/primi-risultati-positivi-per-il-progetto-di-inclusione-sociale-e-riqualificazione-urbana-loving-the-alien/",
        ),
        (
            "Torino Social Impact",
            "2020-09",
            "https://www.torinosocialimpact.it/news/loving-the-alien-fest1/",
        ),
        (
            "TorinoClick",
            "",
            "https://www.torinoclick.it/societa/torino-social-factory-rigenerazione-inclusione-e-amore-per-il-fantastico-si-incontrano-in-loving-the-alien/",
        ),
        (
            "Quotidiano Piemontese",
            "2019-06-12",
            "https://www.quotidianopiemontese.it/2019/06/12/un-monumento-per-frankenstein-il-progetto-loving-the-alien-e-il-videogame-lab/",
        ),
        (
            "TorinOggi",
            "2018-11-29",
            "https://www.torinoggi.it/2018/11/29/mobile/leggi-notizia/argomenti/attualita-8/articolo/la-sartoria-per-abiti-usati-la-mensa-sociale-e-le-botteghe-storiche-e-la-torino-social-factory.html",
        ),
    ],
    "fattore-comunita": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "torinosocialfactory.it – scheda progetto",
            "",
            "http://torinosocialfactory.it/portfolio_page/fattore-comunita/",
        ),
        (
            "torinosocialfactory.it – Intervista #4",
            "",
            "https://torinosocialfactory.it/intervista-4-fattore-comunita/",
        ),
        ("TorinoClick", "", "https://torinoclick.it/?p=97674"),
    ],
    "cuqu": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        ("cuqu.it (sito del progetto)", "", "https://www.cuqu.it/chi-siamo-cuqu-san-salvario/"),
        (
            "TorinOggi",
            "2019-05-03",
            "http://www.torinoggi.it/2019/05/03/leggi-notizia/argomenti/attualita-8/articolo/a-san-salvaro-inaugura-la-culla-per-bambini-e-genitori-in-difficolta.html",
        ),
        (
            "Centro Relazioni e Famiglie",
            "2019-05",
            "https://centrorelazioniefamiglie.it/cuqu-la-culla-del-quartiere-inaugurazione-del-progetto",
        ),
    ],
    "mirafiorisicura": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "Torino Social Impact",
            "",
            "https://torinosocialimpact.it/news/ultimi-aggiornamenti-del-progetto-mirafiorisicura-servizi-per-la-comunita",
        ),
        (
            "TorinOggi",
            "2019-08-19",
            "http://www.torinoggi.it/2019/08/19/leggi-notizia/argomenti/attualita-8/articolo/biciclette-cultura-e-farina-la-nuova-ricetta-dellimprenditoria-sociale-a-mirafiori-sud.html",
        ),
        ("TorinoClick", "", "http://www.torinoclick.it/?p=96841"),
    ],
    "g-local-factory": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "torinosocialfactory.it – Intervista #20",
            "",
            "http://torinosocialfactory.it/intervista-20-local-factory/",
        ),
        (
            "Torino Social Impact",
            "",
            "https://www.torinosocialimpact.it/news/glocal-factory-innovativo-ecosistema-di-cocrafting-a-supporto-dellartigianato-artistico-di-barriera/",
        ),
        ("TorinoClick", "", "https://torinoclick.it/?p=96103"),
    ],
    "non-di-solo-pane": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "torinosocialfactory.it – Intervista #1",
            "",
            "http://torinosocialfactory.it/intervista-1-non-di-solo-pane/",
        ),
        (
            "Torino Social Impact",
            "",
            "https://torinosocialimpact.it/news/primi-risultati-del-progetto-non-di-solo-pane-dalla-pasta-madre-alla-cittadinanza",
        ),
        ("TorinoClick", "", "http://www.torinoclick.it/?p=97498"),
        (
            "PON Metro (pnmetroplus.it)",
            "2021-05-21",
            "https://pnmetroplus.it/2021/05/21/torino-non-solo-pane-un-progetto-di-impresa-sociale-che-produce-lavoro-cittadinanza-attiva-e-benessere",
        ),
    ],
    "vallette-al-centro": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "Torino Social Impact",
            "",
            "https://torinosocialimpact.it/en/news/first-results-for-vallette-al-centro-project-of-social-inclusion-within-the-prison-between-technology-and-creativity",
        ),
        ("TorinoClick", "", "http://www.torinoclick.it/?p=96239"),
        (
            "la Repubblica – dossier fondi strutturali",
            "2021-04-08",
            "https://www.repubblica.it/dossier/esteri/fondi-strutturali-europei-progetti-italia/2021/04/08/news/vallette_al_centro-295544282/",
        ),
        (
            "Letter@21 (Eta Beta)",
            "2019-05",
            "https://www.lettera21.org/news/letter-21-al-salone-del-libro-2019.html",
        ),
    ],
    "prometeo": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "Città di Torino – Cittagorà",
            "",
            "http://comune.torino.it/cittagora/primo-piano/prometeo-una-rete-per-gli-anziani-in-difficolta.html",
        ),
        ("prometeozenith.it (sito del progetto)", "", "https://prometeozenith.it/ricordi"),
        ("Cooperativa Zenith", "2020", "https://www.cooperativazenith.it/index.php/prometeo-5/"),
    ],
    "biagio": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "TorinOggi",
            "2020-07-09",
            "https://www.torinoggi.it/2020/07/09/leggi-notizia/argomenti/cronaca-11/articolo/la-portineria-di-comunita-approda-a-porta-palazzo-per-spacciare-cultura-foto.html",
        ),
        (
            "Torino Social Impact",
            "2020-11",
            "https://torinosocialimpact.it/en/news/portineria-di-comunita-on-radio-15th-festival-of-popular-cultures",
        ),
        ("TorinoClick", "", "http://www.torinoclick.it/?p=96425"),
        (
            "Corriere Torino",
            "2020-07-09",
            "https://torino.corriere.it/cronaca/20_luglio_09/ex-edicola-porta-palazzo-diventa-portineria-quartiere-spaccio-cultura-7c160c1c-c1dd-11ea-9a71-56106a53bf80.shtml",
        ),
        ("Città di Torino – sito PON Metro", "2020-07", "http://comune.torino.it/ponmetro/?p=1480"),
        (
            "Labsus",
            "2020-11",
            "https://labsus.org/2020/11/portinerie-aperte-e-le-relazioni-si-rilanciano",
        ),
        (
            "TorinOggi",
            "2019-10-05",
            "http://www.torinoggi.it/2019/10/05/leggi-notizia/argomenti/cronaca-11/articolo/nel-cuore-storico-di-torino-arriva-la-portineria-di-comunita-su-tre-ruote.html",
        ),
        (
            "Massa Critica",
            "2018-11",
            "https://www.massa-critica.it/2018/11/presentati-i-12-progetti-che-saranno-supportati-da-torino-social-factory/",
        ),
    ],
    "tricircolo": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "Torino Social Impact",
            "",
            "https://www.torinosocialimpact.it/news/il-progetto-tricircolo-la-casa-del-riuso-e-delleconomia-circolare-in-barriera-di-milano/",
        ),
        ("TorinoClick", "", "https://torinoclick.it//?p=95851"),
        (
            "torinosocialfactory.it",
            "",
            "https://torinosocialfactory.it/il-progetto-tricircolo-la-casa-del-riuso-e-delleconomia-circolare-in-barriera-di-milano/",
        ),
        ("triciclo.com", "", "https://triciclo.com/la-nostra-storia"),
    ],
    "carota": [
        (
            "torinosocialfactory.it",
            "2018-11",
            "https://torinosocialfactory.it/inizia-la-fase-2-di-torino-social-factory/",
        ),
        (
            "Torino Social Impact",
            "2018-11",
            "https://torinosocialimpact.it/news/presentazione-progetti-di-innovazione-sociale-torino-social-factory",
        ),
        (
            "TorinOggi",
            "2019-04-13",
            "http://www.torinoggi.it/2019/04/13/leggi-notizia/argomenti/attualita-8/articolo/pasti-sospesi-orti-urbani-e-sportelli-dascolto-cosi-mirafiori-si-nutre-di-solidarieta.html",
        ),
        (
            "cooperativapatchanka.org",
            "",
            "https://www.cooperativapatchanka.org/progetto-c-a-r-o-t-a/",
        ),
        (
            "torinosocialfactory.it – Intervista #22",
            "",
            "https://torinosocialfactory.it/intervista-22-c-a-r-o-t-a/",
        ),
        (
            "Corriere Torino",
            "2019-04-12",
            "https://torino.corriere.it/foto-gallery/cronaca/19_aprile_12/a-mirafiori-arriva-pasto-sospeso-orti-solidali-collettivi-47f5e7ee-5d3f-11e9-a667-fe16632539a8.shtml",
        ),
        (
            "la Repubblica – dossier fondi strutturali",
            "2021-05-06",
            "https://www.repubblica.it/dossier/esteri/fondi-strutturali-europei-progetti-italia/2021/05/06/news/laboratorio_mirafiori_ecco_come_si_costruisce_un_quartiere_che_non_fa_sprechi-299642635/",
        ),
        (
            "TorinOggi",
            "2018-11-29",
            "https://www.torinoggi.it/2018/11/29/mobile/leggi-notizia/argomenti/attualita-8/articolo/la-sartoria-per-abiti-usati-la-mensa-sociale-e-le-botteghe-storiche-e-la-torino-social-factory.html",
        ),
    ],
}
