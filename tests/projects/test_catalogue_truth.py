"""The seeded catalogue tells the truth well: circoscrizioni that filter, unknowns that stay
quiet, clean texts and their sources under «Fonti»."""

import csv
import importlib
import io
import re

import pytest
from django.utils.html import escape

from projects.models import District, Neighbourhood, Project, ProjectSource
from tests.html import read

BARRIERA = {"g-local-factory", "non-di-solo-pane", "tricircolo"}


def listed_slugs(client, query):
    slugs = set()
    for page in range(1, 10):
        response = client.get(f"/progetti/?{query}&page={page}")
        if response.status_code == 404:
            break
        slugs |= set(
            re.findall(
                r'class="tsf-card-link" href="/progetti/([\w-]+)/"', response.content.decode()
            )
        )
    return slugs


def test_circoscrizione_6_lists_the_three_barriera_projects_and_the_csv_agrees(client, seeded):
    assert listed_slugs(client, "circoscrizione=6") == BARRIERA
    response = client.get("/dati/progetti.csv?circoscrizione=6")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["slug"] for row in rows} == BARRIERA
    assert "3 progetti trovati" in client.get("/progetti/?circoscrizione=6").content.decode()


def test_every_seeded_neighbourhood_but_porta_palazzo_has_its_circoscrizione(seeded):
    assert set(Neighbourhood.objects.filter(district=None).values_list("slug", flat=True)) == {
        "porta-palazzo"
    }


def test_the_data_migration_places_and_cleans_a_site_seeded_before(seeded):
    """A site seeded by the old seed: no circoscrizioni, citations in the text, the summary
    repeated in «Obiettivi», no sources. The migration step brings it up to date and
    leaves what staff changed."""
    from django.apps import apps

    migration = importlib.import_module(
        "projects.migrations.0005_seeded_circoscrizioni_sources_clean_texts"
    )
    Neighbourhood.objects.exclude(slug="vallette").update(district=None)
    Neighbourhood.objects.filter(slug="vallette").update(district=District.objects.get(number=4))
    ProjectSource.objects.all().delete()
    abito = Project.objects.get(slug="abito")
    old_description = abito.summary + " Gli abiti non distribuiti diventano materia prima."
    Project.objects.filter(slug="abito").update(objectives=f"<p>{escape(old_description)}</p>")
    Project.objects.filter(slug="carota").update(
        funding_note="importo approssimato: circa 100 mila euro per due anni (TorinOggi, aprile 2019)",
        results="<ul><li>oltre 15 tonnellate di prodotti avanzati riutilizzati in tre anni "
        "(Repubblica, maggio 2021)</li></ul>",
    )
    Project.objects.filter(slug="prometeo").update(objectives="<p>Scritto dalla redazione.</p>")

    migration.forwards(apps, None)

    placed = dict(Neighbourhood.objects.values_list("slug", "district__number"))
    assert placed["barriera-di-milano"] == 6 and placed["aurora"] == 7
    assert placed["vallette"] == 4  # staff's choice stays
    assert placed["porta-palazzo"] is None
    abito.refresh_from_db()
    assert abito.objectives == "<p>Gli abiti non distribuiti diventano materia prima.</p>"
    carota = Project.objects.get(slug="carota")
    assert "TorinOggi" not in carota.funding_note and "Repubblica" not in carota.results
    assert Project.objects.get(slug="prometeo").objectives == "<p>Scritto dalla redazione.</p>"
    assert ProjectSource.objects.filter(project=abito).count() == 9
    migration.forwards(apps, None)  # a second run changes nothing
    assert ProjectSource.objects.filter(project=abito).count() == 9


def test_unknown_status_is_neither_shown_nor_offered(client, seeded):
    html = client.get("/progetti/").content.decode()
    assert "stato non indicato" not in html
    assert 'value="non_indicato"' not in html
    # The one project whose status is known still says it.
    assert "concluso" in html
    detail = client.get("/progetti/abito/").content.decode()
    assert "stato non indicato" not in detail and "?stato=" not in detail


def test_unknown_dates_and_amounts_are_not_shown(client, seeded):
    detail = client.get("/progetti/abito/").content.decode()
    assert "Inizio" not in detail and "Contributo:" not in detail
    assert "Contributo:" in client.get("/progetti/carota/").content.decode()


CITATION = re.compile(r"\((TorinOggi|Repubblica|la Repubblica|Corriere)[^)]*\)")


def test_public_texts_carry_no_press_citation_and_do_not_repeat_the_summary(client, seeded):
    for project in Project.objects.published():
        html = client.get(project.get_absolute_url()).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert not CITATION.search(main), project.slug
        objectives = main[main.index('id="obiettivi"') :]
        objectives = objectives[: objectives.index("</section>")]
        assert escape(project.summary) not in objectives, project.slug


def test_each_project_page_ends_with_its_linked_sources(client, seeded):
    response = client.get("/progetti/abito/")
    html = response.content.decode()
    assert '<h2 id="fonti-title">Fonti</h2>' in html
    fonti = html[html.index('id="fonti"') : html.index("</section>", html.index('id="fonti"'))]
    links = [a["href"] for a in read(response).find("a") if a.get("href", "").startswith("http")]
    assert (
        "http://www.torinoggi.it/2019/09/28/leggi-notizia/argomenti/fotogallery-2/articolo/scambio-di-vestiti-e-sartoria-popolare-con-abito-il-riuso-diventa-filiera-sociale.html"
        in links
    )
    assert "TorinOggi" in fonti and '<time datetime="2019-09-28">28 settembre 2019</time>' in fonti
    assert '<time datetime="2018-11">novembre 2018</time>' in fonti
    # The sources come last in the article.
    assert html.index('id="fonti"') > html.index('id="finanziamento"')


def test_a_source_date_must_be_a_year_a_month_or_a_day(make_project):
    from django.core.exceptions import ValidationError

    source = ProjectSource(
        project=make_project(),
        publisher="TorinOggi",
        url="https://example.org/",
        date="aprile 2019",
    )
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "AAAA" in str(error.value)
    source.date = "2019-04"
    source.full_clean()
