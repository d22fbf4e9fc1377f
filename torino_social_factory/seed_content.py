"""Seed text for the content pages and the site figures.

Written in our own words from ../shared/data/tsf_facts.json (sources are listed
there). Nothing here is invented: where a fact is unknown the text says so or stays
silent. Staff edit every page in the admin afterwards; ``seed`` never overwrites a
page that staff have changed since it was seeded.
"""

SITE_FIGURES = {
    # tsf_cose, torinoclick_evento, gaiaitalia_2020, vita_2020, pnmetro_2021_nsp
    "funded_projects_total": 15,
    # torinoclick_evento (gen. 2020): "circa trenta realtà del terzo settore"
    "organisations_total_label": "circa 30",
    # torinoclick_evento, gaiaitalia_2020, vita_2020, tsf_cose: 1,5 M€ for the 15 projects
    "funding_total_label": "1,5 milioni di euro",
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
        "body_en": "",
    },
    {
        "slug": "privacy",
        "title": "Informativa sulla privacy",
        "title_en": "Privacy notice",
        "summary": "Quali dati personali tratta questo sito, perché, per quanto tempo e con quali diritti.",
        "summary_en": "",
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
        "body_en": "",
    },
    {
        "slug": "cookie",
        "title": "Cookie",
        "title_en": "Cookies",
        "summary": "Questo sito non usa cookie per chi lo visita, salvo quelli tecnici dei moduli di iscrizione.",
        "summary_en": "",
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
        "body_en": "",
    },
    {
        "slug": "note-legali",
        "title": "Note legali",
        "title_en": "Legal notes",
        "summary": "Licenza dei contenuti e dei dati, e condizioni d'uso del sito.",
        "summary_en": "",
        "body": """
<h2>Licenza dei contenuti</h2>
<p>Salvo dove indicato diversamente, i testi e i dati pubblicati in questo sito sono
rilasciati con licenza
<a href="https://creativecommons.org/licenses/by/4.0/deed.it">Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)</a>:
puoi copiarli, distribuirli e modificarli, anche per fini commerciali, citando la fonte
«Città di Torino – Torino Social Factory».</p>
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
        "body_en": "",
    },
    {
        "slug": "accessibilita",
        "title": "Accessibilità",
        "title_en": "Accessibility",
        "summary": "Come il sito è reso accessibile e come segnalare un problema.",
        "summary_en": "",
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
        "body_en": "",
    },
    {
        "slug": "faq",
        "title": "Domande frequenti",
        "title_en": "Frequently asked questions",
        "summary": "Risposte brevi alle domande più comuni sul programma e sulle iscrizioni.",
        "summary_en": "",
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
        "body_en": "",
    },
]
