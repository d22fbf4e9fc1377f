"""The English twins of the catalogue's seed content (projects/seed_data.py).

Written in our own words from ../shared/data/tsf_facts.json: the same facts as the
Italian text, nothing added, no press citations (the sources are listed apart) and
the summary not repeated in the longer text. Keyed by slug (projects), by Italian
label (legal forms, place names) and by number (districts), so the Italian module can
change without the two colliding. ``seed`` writes these only into English fields that
are still empty: what staff wrote is never overwritten.
"""

# Words that stay the same in English: names of projects, organisations, places,
# neighbourhoods and programmes. The one list that the test of the English edition
# accepts as "identical to the Italian on purpose".
PROPER_NAMES = frozenset(
    {
        "Abito",
        "Loving the Alien",
        "Fattore Comunità",
        "Cuqù – La Culla del Quartiere",
        "MirafioriSìcura",
        "G-Local Factory",
        "Non di Solo Pane",
        "Vallette al Centro",
        "Prometeo",
        "Biagio",
        "Triciclo Reuse Centre",
        "C.A.R.O.T.A.",
        # places
        "Emporio Abito",
        "Mufant – Museo del Fantastico e della Fantascienza",
        "Parco del Fantastico",
        "Cuqù",
        "Laboratori di Barriera",
        "Casa nel Parco / Locanda nel Parco",
        # event venues
        "Triciclo / Glocal Factory",
        "Nuvola Lavazza",
        # legal forms known by their Italian acronym
        "ODV",
        "APS",
    }
)

# Italian place name -> English. A name that is a name stays (see PROPER_NAMES); one
# that describes the place ("Sede dei servizi di…") is translated.
PLACE_NAMES = {
    "Emporio Abito": "Emporio Abito",
    "Mufant – Museo del Fantastico e della Fantascienza": (
        "Mufant – Museo del Fantastico e della Fantascienza"
    ),
    "Parco del Fantastico": "Parco del Fantastico",
    "Sede dei servizi di corso Giambone": "Service point in corso Giambone",
    "Sede dei servizi di via Monastir": "Service point in via Monastir",
    "Cuqù": "Cuqù",
    "Forno sociale": "Social bakery",
    "MiraBike e MiraCulture (CPG)": "MiraBike and MiraCulture (CPG)",
    "G-Local Factory negli spazi di TriCircolo": "G-Local Factory at the TriCircolo premises",
    "Laboratori di Barriera": "Laboratori di Barriera",
    "Casa Circondariale “G. Lorusso e L. Cutugno”": (
        "“G. Lorusso e L. Cutugno” prison (Casa Circondariale)"
    ),
    "Portineria di quartiere (ex edicola)": "Neighbourhood concierge (former newsstand)",
    "Triciclo Reuse Centre": "Triciclo Reuse Centre",
    "Casa nel Parco / Locanda nel Parco": "Casa nel Parco / Locanda nel Parco",
    "Orti": "Vegetable gardens",
}

# Italian legal form label -> English label (the Italian acronym is kept and explained).
LEGAL_FORMS = {
    "ODV": "ODV (voluntary organisation)",
    "APS": "APS (association for social promotion)",
    "associazione": "association",
    "associazione onlus": "non-profit association (onlus)",
    "cooperativa sociale": "social cooperative",
    "cooperativa sociale onlus": "non-profit social cooperative (onlus)",
    "cooperativa sociale di tipo B": "type B social cooperative (work integration)",
    "società cooperativa onlus": "non-profit cooperative society (onlus)",
    "società cooperativa sociale": "social cooperative society",
    "consorzio sociale": "social consortium",
    "fondazione onlus": "non-profit foundation (onlus)",
}

DISTRICTS = {n: f"District {n}" for n in range(1, 9)}

# slug -> English fields. ``objectives`` is plain text (the loader makes it a
# paragraph), ``results`` a list (the loader makes it a bulleted list).
PROJECTS = {
    "abito": {
        "title": "Abito",
        "summary": (
            "A solidarity shop where second-hand clothes donated by residents are sorted and "
            "displayed as in a real store: people on low incomes choose them free of charge "
            "with a points card and give time and skills back to the community."
        ),
        "objectives": (
            "Clothes that are not given out become the raw material of a community tailoring "
            "workshop, which is also a place to learn and a possible way into work."
        ),
        "results": [
            "started in 2019",
            "about 1,000 members one year after opening",
            "one points card per household, access after an interview and a means test (ISEE)",
        ],
    },
    "loving-the-alien": {
        "title": "Loving the Alien",
        "summary": (
            "Brings psychiatric rehabilitation and fantasy culture together: people with "
            "mental health problems work on a steady basis in two craft workshops (costumes "
            "for cosplayers and stage sets)."
        ),
        "objectives": (
            "The large garden next to the Mufant museum has been turned into the “Parco del "
            "Fantastico” (Fantasy Park), with sculptures inspired by science fiction, and it "
            "hosts a yearly festival on diversity and urban regeneration."
        ),
        "results": [
            "4 strands: tailoring for cosplayers, a stage-set workshop, the Parco del "
            "Fantastico and the Festival del Fantastico",
            "8 people with mental health problems working steadily in the workshops",
            "7 installations in place, 8 more planned by the end of 2021",
            "first edition of the festival on 18-20 September 2020",
        ],
    },
    "fattore-comunita": {
        "title": "Fattore Comunità",
        "summary": (
            "Opens a local service point for families in the south of the city that helps "
            "them find their way through welfare benefits, tax and paperwork, health and "
            "looking after the home."
        ),
        "objectives": (
            "Alongside the services it runs pre-vocational workshops for vulnerable people "
            "and young people, and occasions for families to meet and help each other."
        ),
        "results": [
            "services started in March 2019",
            "more than 1,300 families served",
            "about 100 people in courses and workshops (10 women starting work as home "
            "carers, about 90 young people trained in community facilitation)",
        ],
    },
    "cuqu": {
        "title": "Cuqù – La Culla del Quartiere",
        "summary": (
            "A centre for children from 0 to 6 and their parents in multi-ethnic San "
            "Salvario, designed to help families combine work and private life: baby parking "
            "with long opening hours, a toy library, coworking, a midwife's desk and "
            "psychological support."
        ),
        "objectives": (
            "“Neighbourhood mums” go with foreign families as they start to use the local services."
        ),
        "results": [
            "opened on 4 May 2019",
            "for families with children aged 0 to 6",
            "free or reduced-price access for families in financial difficulty",
            "Atypica: a cooperative from Collegno founded in 1991",
        ],
    },
    "mirafiorisicura": {
        "title": "MirafioriSìcura",
        "summary": (
            "Brings three neighbourhood services to Mirafiori Sud: a community bike workshop "
            "that encourages cycling to school and work, a social bakery open to residents "
            "and a cultural café with a low environmental impact."
        ),
        "objectives": (
            "The same services are a training ground for young people from the area who "
            "are looking for work."
        ),
        "results": [
            "three services: MiraBike (community bike workshop and bike bus), MiraSocial "
            "(social bakery), MiraCulture (cultural eco-café)",
            "services running since mid-2019",
            "training courses for young people; 3 trainees on work placements",
        ],
    },
    "g-local-factory": {
        "title": "G-Local Factory",
        "summary": (
            "A neighbourhood incubator for people who have craft skills but not the means to "
            "make and sell their work: it offers sewing and creative courses, events on "
            "sustainable fashion and work placements for vulnerable people."
        ),
        "objectives": (
            "It works as a network of equals between for-profit and non-profit businesses "
            "and, together with TriCircolo, makes via Regaldi a crafts hub for Barriera di "
            "Milano."
        ),
        "results": [
            "started in November 2019",
            "sewing and creative courses, webinars on sustainable fashion, work placements "
            "for people in difficulty",
            "a “network enterprise” model joining for-profit and non-profit organisations",
        ],
    },
    "non-di-solo-pane": {
        "title": "Non di Solo Pane",
        "summary": (
            "A social bakery and workshop in via Baltea that makes sourdough bread from local "
            "flours and, at the same time, trains and employs disadvantaged people, above "
            "all young migrants and refugees."
        ),
        "objectives": (
            "The work placements come with practical lessons in Italian and maths and with "
            "health sessions organised with the CCM."
        ),
        "results": [
            "sourdough and unrefined flours from the Parco di Stupinigi supply chain",
            "2 people hired two years after the start",
            "15 work placements (bread, pizza, pastry)",
            "5 open workshops and 10 health sessions with the CCM",
        ],
    },
    "vallette-al-centro": {
        "title": "Vallette al Centro",
        "summary": (
            "Starts from the computer workshop that Eta Beta runs in Turin's prison: inmates "
            "are trained and produce publications and games, with support on their way into "
            "work."
        ),
        "objectives": (
            "Outside the prison, the project offers information and support to inmates' "
            "families and brings the subject of prison into the schools and libraries of "
            "Circoscrizione 5."
        ),
        "results": [
            "funded by the European Social Fund through PON Metro",
            "25 applicants, 6 in further training, 4 in training, 3 hired",
            "80 people at the information desk, 8 supported into work",
            "two classes of the IIS Zerboni school took part",
            "presented at the 2019 Salone del Libro, Turin's book fair",
        ],
    },
    "prometeo": {
        "title": "Prometeo",
        "summary": (
            "A network of activities against loneliness among older people, especially "
            "those with little money: meetings, courses, visits around the city and "
            "intergenerational sessions where students teach them to use technology."
        ),
        "objectives": (
            "During the Covid emergency it added a telephone listening service with a psychologist."
        ),
        "results": [
            "running since 2016",
            "measure: PON Città Metropolitane, Axis 3, Measure 3.3.1 A4",
            "fundraising campaign #ioaiutoilmiovicino",
            "activities: dance therapy, art courses, guided tours, “Internauti” (young "
            "people teaching older people technology), telephone support during the pandemic",
        ],
    },
    "biagio": {
        "title": "Biagio",
        "summary": (
            "A neighbourhood concierge that grew out of the Biagio project, housed in a "
            "former newsstand in Porta Palazzo: it offers small everyday services (errands, "
            "parcel collection, translations, babysitting, help with technology) and a "
            "programme of cultural activities."
        ),
        "objectives": (
            "The concierges are often people at risk of exclusion; during the lockdown the "
            "concierge helped older people and young people who had dropped out of distance "
            "learning."
        ),
        "results": [
            "listening to the community since late 2018 (“Portale dei Saperi”, more than "
            "250 conversations)",
            "a three-wheeled concierge presented on 5 October 2019",
            "premises opened on 9 July 2020",
            "during the lockdown: deliveries of essential goods; 120 young people lost to "
            "distance learning traced, 70 brought back",
            "inspired by the Parisian model “Lulu dans ma rue”",
        ],
    },
    "tricircolo": {
        "title": "Triciclo Reuse Centre",
        "summary": (
            "A centre for reuse and the circular economy in Barriera di Milano, a "
            "neighbourhood with a tradition of crafts: equipped workshops where craftspeople "
            "and enthusiasts transform recovered materials, with courses, meetings, swaps "
            "and markets."
        ),
        "objectives": (
            "Rather than selling products, it sets out to offer services to craftspeople and "
            "to put them in touch with customers and possible investors."
        ),
        "results": [
            "spaces open every day from 9 am to craftspeople and hobbyists",
            "home to Glocal Factory and to 7 craftspeople who reuse bicycle materials",
            "also the venue of the event of 23 January 2020",
            "the project has come to an end",
        ],
    },
    "carota": {
        "title": "C.A.R.O.T.A.",
        "summary": (
            "Uses food as a lever against poverty in Mirafiori Sud: the Locanda nel Parco "
            "serves low-cost meals and every day offers free meals to people in difficulty, "
            "using unsold food collected from the area's markets and shops."
        ),
        "objectives": (
            "The project adds free desks for listening, job guidance and financial "
            "education, and solidarity vegetable gardens run with Orti Generali."
        ),
        "results": [
            "a two-year project",
            "a mixed canteen: paying customers and people referred by social services at the "
            "same table; “suspended meals” paid forward",
            "3 free desks: social listening, job guidance, financial education",
            "solidarity vegetable gardens for 10 households and a shared garden for the kitchen",
            "more than 15 tonnes of leftover produce reused in three years",
        ],
        "funding_note": "approximate amount: about 100 thousand euro over two years",
    },
}
