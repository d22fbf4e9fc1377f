"""Search over every field, accent- and case-insensitive on SQLite as on PostgreSQL, with
highlights; chips that remove filters; the search label. (Run with DATABASE_URL=postgres://…
for the PostgreSQL side: the tests marked for it are skipped on SQLite.)"""

import re

import pytest
from django.db import connection

from projects import search
from projects.models import Project

BARRIERA = {"g-local-factory", "non-di-solo-pane", "tricircolo"}

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL: run with DATABASE_URL=postgres://…"
)


def found(q):
    return set(Project.objects.published().search(q).values_list("slug", flat=True))


def listed(client, query):
    html = client.get(f"/progetti/?{query}").content.decode()
    return set(re.findall(r'class="tsf-card-link" href="/progetti/([\w-]+)/"', html)), html


@pytest.mark.django_db
class TestOnTheSeed:
    @pytest.fixture(autouse=True)
    def _seed(self, seeded):
        pass

    def test_poverta_without_accent_finds_poverta(self):
        assert found("poverta") == found("POVERTÀ") == {"abito", "carota", "prometeo"}

    def test_barriera_finds_the_three_projects_of_the_quartiere(self):
        assert found("Barriera") == BARRIERA
        assert found("barriera di milano") == BARRIERA

    def test_anziani_finds_the_texts_that_say_anziane(self):
        # Prometeo's text speaks of «persone anziane», Biagio's of «anziani».
        assert {"prometeo", "biagio"} <= found("anziani")

    @pytest.mark.parametrize(
        "q, slug",
        [
            ("Patchanka", "carota"),  # an organisation
            ("cosplayer", "loving-the-alien"),  # the description
            ("Vallette", "vallette-al-centro"),  # a quartiere
            ("coesione sociale", "biagio"),  # a theme
            ("fighting new forms of poverty", "abito"),  # a theme's English name
        ],
    )
    def test_every_kind_of_field_is_searched(self, q, slug):
        assert slug in found(q)

    def test_circoscrizione_names_are_searched(self):
        from projects.models import District

        District.objects.filter(number=6).update(
            name="Circoscrizione 6 – Barriera di Milano, Falchera"
        )
        assert found("Falchera") == BARRIERA

    def test_every_word_must_be_found(self):
        assert found("pane barriera") == {"non-di-solo-pane"}
        assert found("parolachenonesiste barriera") == set()

    def test_the_list_highlights_why_each_card_matched(self, client):
        slugs, html = listed(client, "q=barriera")
        assert slugs == BARRIERA
        assert "<mark>Barriera</mark>" in html
        _slugs, html = listed(client, "q=Patchanka")
        hits = html[html.index("tsf-search-hits") :]
        assert "Organizzazioni" in hits[:400] and "<mark>Patchanka</mark>" in hits[:400]

    def test_a_highlight_in_the_text_is_a_short_escaped_snippet(self, client):
        _slugs, html = listed(client, "q=giardino")
        snippet = re.search(r"<dd>(.*?<mark>giardino</mark>.*?)</dd>", html).group(1)
        assert len(re.sub("<[^>]+>", "", snippet)) < 260

    def test_search_and_filters_export_the_same_rows(self, client):
        import csv
        import io

        response = client.get("/dati/progetti.csv?q=poverta")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert {row["slug"] for row in rows} == {"abito", "carota", "prometeo"}

    @postgresql_only
    def test_postgresql_stems_italian_words(self):
        # «laboratorio» and «laboratori» share the Italian stem.
        assert "loving-the-alien" in found("laboratorio")

    @postgresql_only
    def test_postgresql_forgives_a_typo(self):
        assert BARRIERA <= found("Barirera")

    @postgresql_only
    def test_postgresql_stemmed_match_reads_its_index_not_every_document(self):
        from projects.models import Project

        sql, params = search._stem_matches(Project, "laboratorio").query.sql_with_params()
        with connection.cursor() as cursor:
            # With a handful of rows a sequential scan may look cheaper: ask for the index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "project_search_vector_it" in plan


def test_fold_and_stem_are_accent_and_case_insensitive():
    assert search.fold("Povertà CITTÀ Perché") == "poverta citta perche"
    assert search.terms("Anziani, povertà!") == ["anzian", "povert"]
    assert search.terms("pane") == ["pane"]


def test_highlight_escapes_and_marks_the_word_whole():
    html = search.highlight("Città <b> e cittadini", ["citt"])
    assert html == "<mark>Città</mark> &lt;b&gt; e <mark>cittadini</mark>"


@pytest.mark.django_db
def test_search_document_follows_every_save(make_project):
    project = make_project("Orti in Barriera", description="<p>L&#x27;orto è di tutti</p>")
    assert "barriera" in project.search_document and "l'orto e di tutti" in project.search_document
    project.summary = "Nuova sintesi con Povertà"
    project.save(update_fields=["summary"])
    project.refresh_from_db()
    assert "poverta" in project.search_document


# --- Chips, panel and label -----------------------------------------------------------------


@pytest.mark.django_db
def test_active_filters_show_as_chips_that_each_remove_one(client, seeded):
    html = client.get("/progetti/?circoscrizione=6&tema=disoccupazione&q=pane").content.decode()
    chips = re.findall(
        r'<a class="chip chip-simple tsf-chip" href="([^"]+)"><span class="chip-label">([^<]+)</span>',
        html,
    )
    labels = [label for _href, label in chips]
    assert labels == ["Tema: disoccupazione", "Circoscrizione: Circoscrizione 6", "Ricerca: «pane»"]
    hrefs = {label: href.replace("&amp;", "&") for href, label in chips}
    assert hrefs["Tema: disoccupazione"] == "/progetti/?circoscrizione=6&q=pane"
    assert hrefs["Ricerca: «pane»"] == "/progetti/?tema=disoccupazione&circoscrizione=6"
    assert '<a class="tsf-chip-clear" href="/progetti/">Rimuovi tutti</a>' in html
    # Following a chip's link removes just that filter.
    slugs, _html = listed(client, hrefs["Ricerca: «pane»"].split("?", 1)[1])
    assert slugs == {"g-local-factory", "non-di-solo-pane", "tricircolo"}
    assert "3 attivi" in html


@pytest.mark.django_db
def test_no_chips_without_filters(client, seeded):
    html = client.get("/progetti/").content.decode()
    assert "tsf-chip" not in html and "Rimuovi tutti" not in html
    assert '<summary class="tsf-filter-summary">Filtra</summary>' in html


@pytest.mark.django_db
def test_filters_come_before_the_results_in_the_page(client, seeded):
    html = client.get("/progetti/").content.decode()
    assert html.index('id="id_q"') < html.index('class="tsf-card-link"')
    assert html.index("data-filter-panel") < html.index('id="results-title"')


@pytest.mark.django_db
def test_search_label_is_not_a_floating_label_over_the_field(client, seeded):
    html = client.get("/progetti/").content.decode()
    form = html[html.index("data-filter-form") :]
    # Bootstrap Italia floats labels inside .form-group over the input until its JS runs.
    assert 'class="form-group"' not in form[: form.index('id="id_q"')]
    assert '<label for="id_q" class="tsf-label">' in form
