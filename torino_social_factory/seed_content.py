"""Seed text for the content pages and the site figures.

Written in our own words from ../shared/data/tsf_facts.json (sources are listed
there). Nothing here is invented: where a fact is unknown the text says so or stays
silent. Staff edit every page in the admin afterwards; ``seed`` never overwrites a
page that staff have changed since it was seeded.
"""

# Who publishes the site and for which programme: every city-specific word of the page
# frame. The IPA code and the open-data contact are not in our sources, so they stay
# empty until the City fills them in the admin (the DCAT-AP_IT catalogue needs both).
SITE_CITY = {
    "site_name": "Torino Social Factory",
    "site_tagline": "Innovazione sociale nelle periferie di Torino",
    "site_tagline_en": "Social innovation in the outer neighbourhoods of Turin",
    "site_description": (
        "Torino Social Factory: i progetti di innovazione sociale nelle periferie di Torino "
        "cofinanziati dall'Unione europea (Fondo sociale europeo, PON Città Metropolitane "
        "2014-2020)."
    ),
    "site_description_en": (
        "Torino Social Factory: social innovation projects in the outer neighbourhoods of "
        "Turin, co-funded by the European Union (European Social Fund, PON Città "
        "Metropolitane 2014-2020)."
    ),
    # programme.promoter in tsf_facts.json; the address and web site were already in the
    # footer before they moved here
    "city_name": "Città di Torino",
    "city_name_en": "City of Turin",
    "city_url": "https://www.comune.torino.it/",
    "city_address": "Piazza Palazzo di Città, 1\n10122 Torino",
    "area_name": "Torino",
    "area_name_en": "Turin",
    "ipa_code": "",
    "contact_email": "",
    # programme.eu_fund and programme.axis: sicilians_fse, pnmetro_2018, repubblica_vallette
    "fund_name": "Fondo sociale europeo",
    "fund_name_en": "European Social Fund",
    "programme_name": "PON Città Metropolitane 2014-2020",
    "programme_axis": "Asse 3 Servizi per l'inclusione sociale",
    "programme_axis_en": "Axis 3 Services for social inclusion",
}

SITE_FIGURES = {
    # tsf_cose, torinoclick_evento, gaiaitalia_2020, vita_2020, pnmetro_2021_nsp
    "funded_projects_total": 15,
    # torinoclick_evento (gen. 2020): "circa trenta realtà del terzo settore"
    "organisations_total_label": "circa 30",
    "organisations_total_label_en": "about 30",
    # torinoclick_evento, gaiaitalia_2020, vita_2020, tsf_cose: 1,5 M€ for the 15 projects
    "funding_total_label": "1,5 milioni di euro",
    "funding_total_label_en": "€1.5 million",
    # tsf_cose, tsinnov_avvio, repubblica_2020, vita_2020
    "ideas_accompanied": 25,
}

PAGES = [
    {
        "slug": "il-programma",
        "title": "Il programma",
        "title_en": "The programme",
        "summary": (
            "Torino Social Factory è la prima misura della Città di Torino a sostegno "
            "dell'innovazione sociale finanziata dal PON Città Metropolitane 2014-2020."
        ),
        "summary_en": (
            "Torino Social Factory is the City of Turin's first measure supporting social "
            "innovation, funded by the PON Città Metropolitane 2014-2020 programme."
        ),
        "body": """
<h2>Che cos'è</h2>
<p>Torino Social Factory è il programma con cui la Città di Torino, attraverso
l'Assessorato all'Innovazione, sostiene progetti del terzo settore che rigenerano i
quartieri periferici. È stata presentata come la prima misura per l'innovazione sociale
avviata in Italia nell'ambito del PON Metro.</p>
<p>I progetti affrontano cinque temi: la lotta alle nuove povertà, la vulnerabilità
sociale, la disoccupazione, l'integrazione culturale e la coesione sociale.</p>

<h2>Come è stato finanziato</h2>
<p>Le risorse vengono dal Programma Operativo Nazionale Città Metropolitane 2014-2020
(PON Metro), Asse 3 «Servizi per l'inclusione sociale», finanziato dal Fondo sociale
europeo. I contributi sono a fondo perduto: nel 2018 la dotazione annunciata era di
circa 1,4 milioni di euro; a gennaio 2020, con quindici progetti finanziati, l'importo
complessivo comunicato era di circa 1,5 milioni di euro.</p>

<h2>Come si è svolto</h2>
<ol>
<li><strong>Il bando (inizio 2018).</strong> La Città ha raccolto idee progettuali da
associazioni e cooperative sociali.</li>
<li><strong>L'accompagnamento (marzo–maggio 2018).</strong> Venticinque idee hanno
seguito un percorso con l'incubatore Make a Cube³ per verificarne la fattibilità
tecnica ed economica e l'impatto sociale.</li>
<li><strong>La graduatoria (novembre 2018).</strong> Dodici progetti sono stati ammessi
al contributo; gli altri sono stati accompagnati nella revisione del modello e nella
ricerca di altri fondi.</li>
<li><strong>L'attuazione.</strong> I progetti finanziati sono diventati quindici e sono
stati seguiti nell'attuazione e nella rendicontazione.</li>
</ol>

<h2>Dove</h2>
<p>Le aree di intervento sono state scelte dalla Città in base a tre indicatori: il
livello di occupazione, il tasso di scolarità e il degrado degli edifici abitativi.</p>

<h2>Il contesto</h2>
<p>Torino Social Factory è il progetto faro di Torino Social Impact, l'ecosistema
torinese dell'imprenditorialità e della finanza a impatto sociale, che a inizio 2020
riuniva più di settanta soggetti pubblici e privati.</p>

<h2>Che cosa trovi in questo sito</h2>
<p>Il catalogo descrive i progetti finanziati di cui sono pubblicamente documentati il
nome, gli enti e il quartiere. Dei quindici progetti, tre non sono ancora descritti:
la redazione li aggiungerà non appena le informazioni saranno verificate.</p>
""",
        "body_en": """
<h2>What it is</h2>
<p>Torino Social Factory is the programme through which the City of Turin, via its
Department for Innovation, supports projects by voluntary and community organisations
that regenerate the city's outer neighbourhoods. It was presented as the first social
innovation measure launched in Italy under the PON Metro programme.</p>
<p>The projects address five themes: tackling new forms of poverty, social
vulnerability, unemployment, cultural integration and social cohesion.</p>

<h2>How it was funded</h2>
<p>The funds come from the National Operational Programme for Metropolitan Cities
2014-2020 (PON Metro), Axis 3 “Services for social inclusion”, funded by the European
Social Fund. The contributions are non-repayable grants: in 2018 the announced budget
was about 1.4 million euro; in January 2020, with fifteen projects funded, the total
amount reported was about 1.5 million euro.</p>

<h2>How it worked</h2>
<ol>
<li><strong>The call (early 2018).</strong> The City collected project ideas from
associations and social cooperatives.</li>
<li><strong>Support (March–May 2018).</strong> Twenty-five ideas went through a
programme with the Make a Cube³ incubator to check their technical and economic
feasibility and their social impact.</li>
<li><strong>The ranking (November 2018).</strong> Twelve projects were awarded a grant;
the others were helped to revise their model and look for other funding.</li>
<li><strong>Implementation.</strong> The funded projects grew to fifteen and were
supported through implementation and reporting.</li>
</ol>

<h2>Where</h2>
<p>The City chose the areas of intervention on the basis of three indicators: the
employment level, the school attendance rate and the state of disrepair of housing.</p>

<h2>The context</h2>
<p>Torino Social Factory is the flagship project of Torino Social Impact, Turin's
ecosystem of social impact entrepreneurship and finance, which in early 2020 brought
together more than seventy public and private organisations.</p>

<h2>What you will find on this site</h2>
<p>The catalogue describes the funded projects whose name, organisations and
neighbourhood are publicly documented. Of the fifteen projects, three are not yet
described: the editorial team will add them as soon as the information has been
checked.</p>
""",
    },
    {
        "slug": "privacy",
        "title": "Informativa sulla privacy",
        "title_en": "Privacy notice",
        "summary": "Quali dati personali tratta questo sito, perché, per quanto tempo e con quali diritti.",
        "summary_en": (
            "What personal data this site processes, why, for how long and what your rights are."
        ),
        "body": """
<h2>Titolare del trattamento</h2>
<p>Il titolare del trattamento è la Città di Torino. I dati di contatto del titolare e
del Responsabile della protezione dei dati sono pubblicati sul sito istituzionale della
Città di Torino.</p>

<h2>Chi visita il sito</h2>
<p>Chi consulta le pagine non lascia dati personali: il sito non usa cookie di profilazione
né strumenti di statistica di terze parti e non carica risorse da altri siti. Il server
registra nei propri log tecnici l'indirizzo IP e la pagina richiesta per motivi di
sicurezza; i log sono conservati per il tempo strettamente necessario.</p>
<p>La mappa dei luoghi si carica solo se premi «Mostra mappa»: in quel momento il tuo
browser chiede le immagini della mappa al fornitore indicato sotto la mappa (per
impostazione OpenStreetMap), che riceve il tuo indirizzo IP.</p>

<h2>Chi si iscrive a un evento</h2>
<p>Per iscriverti trattiamo nome, indirizzo e-mail, l'eventuale ente o categoria e, se
scegli di indicarle, le esigenze di accessibilità. Li usiamo solo per gestire la
partecipazione all'evento: conferma, lista d'attesa, comunicazioni sull'evento e
registrazione all'ingresso. La base giuridica è l'esecuzione di un compito di interesse
pubblico della Città.</p>
<p>Le esigenze di accessibilità possono rivelare dati sulla salute: sono facoltative,
servono solo a organizzare l'accoglienza e vengono cancellate insieme agli altri dati.</p>
<p>I dati delle iscrizioni vengono resi anonimi automaticamente dopo lo svolgimento
dell'evento, entro il numero di giorni indicato nel modulo di iscrizione. Solo il
personale autorizzato della Città può consultarli o esportarli.</p>
<p>Poiché il programma è cofinanziato dal Fondo sociale europeo, i partecipanti sono
informati del sostegno dell'Unione europea.</p>

<h2>I tuoi diritti</h2>
<p>Puoi chiedere di accedere ai tuoi dati, correggerli o cancellarli, e puoi annullare
la tua iscrizione in qualsiasi momento dal link personale ricevuto per e-mail. Puoi
inoltre proporre reclamo al Garante per la protezione dei dati personali.</p>
""",
        "body_en": """
<h2>Data controller</h2>
<p>The data controller is the City of Turin. The contact details of the controller and
of the Data Protection Officer are published on the City of Turin's official
website.</p>

<h2>Visitors to the site</h2>
<p>People who browse the pages leave no personal data: the site uses no profiling
cookies or third-party analytics tools and loads no resources from other sites. For
security reasons, the server records the IP address and the page requested in its
technical logs; the logs are kept only for as long as strictly necessary.</p>
<p>The map of places loads only if you press “Show map”: at that point your browser
requests the map images from the provider shown under the map (OpenStreetMap by
default), which receives your IP address.</p>

<h2>People who register for an event</h2>
<p>To register you, we process your name, e-mail address, any organisation or category
and, if you choose to state them, your accessibility needs. We use them only to manage
your participation in the event: confirmation, waiting list, messages about the event
and check-in at the entrance. The legal basis is the performance of a task carried out
in the public interest by the City.</p>
<p>Accessibility needs may reveal health data: they are optional, are used only to
organise the welcome and are deleted together with the other data.</p>
<p>Registration data is automatically anonymised after the event, within the number of
days stated in the registration form. Only authorised City staff can view or export
it.</p>
<p>As the programme is co-funded by the European Social Fund, participants are informed
of the support of the European Union.</p>

<h2>Your rights</h2>
<p>You can ask to access, correct or delete your data, and you can cancel your
registration at any time from the personal link you received by e-mail. You can also
lodge a complaint with the Italian Data Protection Authority (Garante per la protezione
dei dati personali).</p>
""",
    },
    {
        "slug": "cookie",
        "title": "Cookie",
        "title_en": "Cookies",
        "summary": "Questo sito non usa cookie per chi lo visita, salvo quelli tecnici dei moduli di iscrizione.",
        "summary_en": (
            "This site uses no cookies for visitors, apart from the technical ones of the registration forms."
        ),
        "body": """
<p>Chi consulta il sito non riceve alcun cookie: non ci sono cookie di profilazione, di
statistica o di terze parti, e la lingua si sceglie dall'indirizzo della pagina.</p>
<p>Le sole eccezioni sono tecniche e non richiedono consenso:</p>
<ul>
<li>il modulo di iscrizione a un evento e il modulo «Hai perso il link?» impostano un
cookie di sicurezza (<code>csrftoken</code>) che protegge l'invio del modulo da falsificazioni;</li>
<li>il personale della Città che accede all'area riservata riceve un cookie di sessione
(<code>sessionid</code>) per restare autenticato.</li>
</ul>
<p>Il modulo «Questa pagina ti è stata utile?» funziona senza alcun cookie.</p>
""",
        "body_en": """
<p>Visitors to the site receive no cookies at all: there are no profiling, analytics or
third-party cookies, and the language is chosen through the page address.</p>
<p>The only exceptions are technical and need no consent:</p>
<ul>
<li>the event registration form and the “Lost your link?” form set a security cookie
(<code>csrftoken</code>) that protects the form from forged submissions;</li>
<li>City staff who log in to the staff area receive a session cookie
(<code>sessionid</code>) to stay logged in.</li>
</ul>
<p>The “Was this page useful?” form works without any cookie.</p>
""",
    },
    {
        "slug": "note-legali",
        "title": "Note legali",
        "title_en": "Legal notes",
        "summary": "Licenza dei contenuti e dei dati, e condizioni d'uso del sito.",
        "summary_en": "Licence of the content and data, and terms of use of the site.",
        "body": """
<h2 data-element="legal-notes-section">Licenza dei contenuti</h2>
<p data-element="legal-notes-body">In applicazione del principio «open by default» (articolo 52
del decreto legislativo 7 marzo 2005, n. 82, Codice dell'amministrazione digitale) e salvo dove
indicato diversamente, compresi i contenuti di terzi, i testi, i documenti e i dati pubblicati
in questo sito sono rilasciati con licenza
<a href="https://creativecommons.org/licenses/by/4.0/legalcode.it">Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)</a>.</p>
<p data-element="legal-notes-body">Puoi quindi condividerli (riprodurli, distribuirli,
comunicarli ed esporli al pubblico) e modificarli, con qualsiasi mezzo e per qualsiasi fine,
anche commerciale, con il solo obbligo di citare la fonte «Città di Torino – Torino Social
Factory» e senza aggiungere restrizioni.</p>
<p>Le fotografie e i loghi dei progetti e delle organizzazioni restano dei rispettivi
autori, indicati accanto all'immagine quando noti.</p>

<h2>Dati aperti</h2>
<p>I dati del catalogo sono scaricabili in formato CSV, JSON e GeoJSON dalla pagina
«Dati aperti», con la stessa licenza CC BY 4.0.</p>

<h2>Finanziamento</h2>
<p>Torino Social Factory è cofinanziato dall'Unione europea attraverso il Fondo sociale
europeo, nell'ambito del PON Città Metropolitane 2014-2020.</p>

<h2>Responsabilità</h2>
<p>Le descrizioni dei progetti sono redatte dalla Città a partire da fonti pubbliche e
dalle informazioni degli enti. Per segnalare un errore usa il modulo in fondo a ogni pagina.</p>
""",
        "body_en": """
<h2>Content licence</h2>
<p>Unless stated otherwise, the texts and data published on this site are released
under the
<a href="https://creativecommons.org/licenses/by/4.0/deed.en">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>
licence: you may copy, distribute and adapt them, including for commercial purposes,
provided you credit the source “Città di Torino – Torino Social Factory”.</p>
<p>Photographs and logos of the projects and organisations remain the property of their
authors, who are credited next to the image when known.</p>

<h2>Open data</h2>
<p>The catalogue data can be downloaded in CSV, JSON and GeoJSON format from the “Open
data” page, under the same CC BY 4.0 licence.</p>

<h2>Funding</h2>
<p>Torino Social Factory is co-funded by the European Union through the European Social
Fund, under the PON Città Metropolitane 2014-2020 programme.</p>

<h2>Liability</h2>
<p>The project descriptions are written by the City on the basis of public sources and
of information from the organisations. To report an error, use the form at the bottom
of every page.</p>
""",
    },
    {
        "slug": "accessibilita",
        "title": "Accessibilità",
        "title_en": "Accessibility",
        "summary": "Come il sito è reso accessibile e come segnalare un problema.",
        "summary_en": "How the site is made accessible and how to report a problem.",
        "body": """
<p>Il sito è progettato per rispettare i requisiti di accessibilità della Legge 4/2004
e delle Linee guida AgID, che richiamano le WCAG 2.1 livello AA. Le pagine si usano
con la sola tastiera, con i lettori di schermo e da telefono, e funzionano anche senza
JavaScript.</p>
<p>La dichiarazione di accessibilità ufficiale è pubblicata sulla piattaforma dell'AgID
ed è raggiungibile dal link «Dichiarazione di accessibilità» in fondo a ogni pagina.</p>
<h2>Segnalare un problema</h2>
<p>Se trovi un contenuto che non riesci a usare, descrivilo nel modulo «Questa pagina ti è
stata utile?» in fondo alla pagina, oppure usa il meccanismo di feedback indicato nella
dichiarazione di accessibilità.</p>
""",
        "body_en": """
<p>The site is designed to meet the accessibility requirements of Italian Law 4/2004
and of the AgID Guidelines, which refer to WCAG 2.1 level AA. The pages can be used with
the keyboard alone, with screen readers and on phones, and they also work without
JavaScript.</p>
<p>The official accessibility statement is published on the AgID platform and can be
reached from the “Accessibility statement” link at the bottom of every page.</p>
<h2>Reporting a problem</h2>
<p>If you find content that you cannot use, describe it in the “Was this page useful?”
form at the bottom of the page, or use the feedback mechanism given in the
accessibility statement.</p>
""",
    },
    {
        "slug": "faq",
        "title": "Domande frequenti",
        "title_en": "Frequently asked questions",
        "summary": "Risposte brevi alle domande più comuni sul programma e sulle iscrizioni.",
        "summary_en": (
            "Short answers to the most common questions about the programme and registrations."
        ),
        "body": """
<h2>Quanti sono i progetti finanziati?</h2>
<p>Quindici. Il catalogo descrive quelli di cui sono documentati pubblicamente il nome,
gli enti e il quartiere; la redazione aggiunge gli altri appena verificati.</p>
<h2>Chi ha finanziato i progetti?</h2>
<p>La Città di Torino, con le risorse del PON Città Metropolitane 2014-2020 cofinanziato
dal Fondo sociale europeo.</p>
<h2>Posso scaricare i dati?</h2>
<p>Sì: la pagina «Dati aperti» offre i dati dei progetti, delle organizzazioni e dei
luoghi in CSV, JSON e GeoJSON, con licenza CC BY 4.0.</p>
<h2>Mi sono iscritto a un evento ma non trovo più l'e-mail.</h2>
<p>Usa «Hai perso il link?» nella pagina dell'evento: ti inviamo di nuovo il tuo link personale.</p>
<h2>Come annullo l'iscrizione?</h2>
<p>Apri il link personale ricevuto per e-mail e premi «Annulla iscrizione». Il posto
passa alla prima persona in lista d'attesa.</p>
""",
        "body_en": """
<h2>How many projects were funded?</h2>
<p>Fifteen. The catalogue describes those whose name, organisations and neighbourhood
are publicly documented; the editorial team adds the others as soon as they have been
checked.</p>
<h2>Who funded the projects?</h2>
<p>The City of Turin, with funds from the PON Città Metropolitane 2014-2020 programme,
co-funded by the European Social Fund.</p>
<h2>Can I download the data?</h2>
<p>Yes: the “Open data” page offers the data on projects, organisations and places in
CSV, JSON and GeoJSON, under a CC BY 4.0 licence.</p>
<h2>I registered for an event but cannot find the e-mail.</h2>
<p>Use “Lost your link?” on the event page: we will send you your personal link
again.</p>
<h2>How do I cancel my registration?</h2>
<p>Open the personal link you received by e-mail and press “Cancel registration”. The
place goes to the first person on the waiting list.</p>
""",
    },
]


def fill_english(apps=None):
    """Give the seeded pages and site settings their English where it is still empty.

    A field staff have written (English or Italian) is never touched; an English field
    whose Italian twin staff emptied stays empty. Returns the number of rows changed.
    ``apps``: the historical registry when a data migration calls this.
    """
    if apps is None:
        from django.apps import apps
    changed = 0
    pages = {page["slug"]: page for page in PAGES}
    for row in apps.get_model("torino_social_factory", "Page").objects.filter(slug__in=pages):
        empty = [
            field
            for field in ("title_en", "summary_en", "body_en")
            if pages[row.slug].get(field)
            and (getattr(row, field.removesuffix("_en")) or "").strip()
            and not (getattr(row, field) or "").strip()
        ]
        for field in empty:
            setattr(row, field, pages[row.slug][field])
        if empty:
            row.save(update_fields=[*empty, "updated_at"])
            changed += 1
    english = {k: v for k, v in {**SITE_CITY, **SITE_FIGURES}.items() if k.endswith("_en")}
    for settings_row in apps.get_model("torino_social_factory", "SiteSettings").objects.all():
        empty = [
            field
            for field in english
            if (getattr(settings_row, field.removesuffix("_en")) or "").strip()
            and not (getattr(settings_row, field) or "").strip()
        ]
        for field in empty:
            setattr(settings_row, field, english[field])
        if empty:
            settings_row.save(update_fields=[*empty, "updated_at"])
            changed += 1
    return changed
