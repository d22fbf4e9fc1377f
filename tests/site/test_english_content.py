"""The English edition's content: every seeded text has an English twin a person wrote,
the seed and the data migrations fill it without touching staff's words, and every page
type of /en/ and its machine outputs (JSON-LD, feeds, open-data JSON) are in English.
"""

import importlib
import json
import re
from datetime import date
from html import unescape
from io import StringIO

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from django.utils.html import strip_tags

from events import seed as events_seed
from events.models import Event
from projects import seed as projects_seed
from projects.models import District, Organisation, Place, Project, ProjectUpdate, Theme
from projects.seed_data_en import PROPER_NAMES
from tests.public_pages import html_pages
from torino_social_factory import seed_content
from torino_social_factory.models import Page, SiteSettings

# model -> the translatable fields the seed writes
SEEDED_FIELDS = {
    Project: ("title", "summary", "description", "objectives", "activities", "results",
              "key_facts", "funding_note"),
    Place: ("name",),
    Organisation: ("description", "legal_form"),
    Theme: ("name",),
    District: ("name",),
    Page: ("title", "summary", "body"),
    Event: ("title", "summary", "description", "venue_name"),
    SiteSettings: ("site_tagline", "site_description", "city_name", "area_name", "fund_name",
                   "programme_axis", "funding_total_label", "organisations_total_label"),
}  # fmt: skip

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def seeded_pairs():
    """(row, field, Italian, English) for every seeded translatable text that is set."""
    for model, fields in SEEDED_FIELDS.items():
        for row in model.objects.all():
            for field in fields:
                italian = (getattr(row, field) or "").strip()
                if italian:
                    yield row, field, italian, (getattr(row, f"{field}_en") or "").strip()


def sentences(html_text):
    """The Italian sentences of a seeded text worth looking for (names are too short)."""
    text = unescape(strip_tags(html_text))
    for sentence in re.split(r"(?<=[.:;!?])\s+|\n+", text):
        sentence = " ".join(sentence.split())
        if len(sentence) >= 40:
            yield sentence


def italian_sentences():
    found = set()
    for _row, _field, italian, _english in seeded_pairs():
        if italian not in PROPER_NAMES:
            found.update(sentences(italian))
    return found


def italian_url(obj):
    # The test thread keeps the language of the last request: name the one we mean.
    with translation.override("it"):
        return obj.get_absolute_url()


def main_of(body):
    return body.split("<main", 1)[1].split("</main>", 1)[0]


def json_ld_blocks(body):
    return [json.loads(block) for block in JSON_LD.findall(body)]


# --- The twins --------------------------------------------------------------------------------


def test_every_seeded_text_has_an_english_twin_that_is_not_the_italian(seeded):
    pairs = list(seeded_pairs())
    assert len(pairs) > 100, "the seed wrote fewer texts than expected"
    empty = [f"{type(r).__name__} {r.pk}.{f}_en" for r, f, _it, en in pairs if not en]
    same = [
        f"{type(r).__name__} {r.pk}.{f}_en = {en!r}"
        for r, f, it, en in pairs
        if en == it and it not in PROPER_NAMES
    ]
    assert not empty, "English twins missing:\n" + "\n".join(empty)
    assert not same, "English twins identical to the Italian (not a proper name):\n" + "\n".join(
        same
    )


def test_no_english_twin_carries_an_italian_sentence(seeded):
    italian = italian_sentences()
    for row, field, _it, english in seeded_pairs():
        leaked = [s for s in sentences(english) if s in italian]
        assert not leaked, f"{type(row).__name__} {row.pk}.{field}_en: {leaked}"


def test_the_check_would_catch_a_copied_or_missing_twin(seeded):
    Project.objects.filter(slug="abito").update(
        summary_en=Project.objects.get(slug="abito").summary
    )
    Event.objects.filter(slug="workshop-inclusione-sociale").update(description_en="")
    with pytest.raises(AssertionError, match=r"(?s)missing.*Event"):
        test_every_seeded_text_has_an_english_twin_that_is_not_the_italian(None)
    Event.objects.filter(slug="workshop-inclusione-sociale").update(description_en="<p>x</p>")
    with pytest.raises(AssertionError, match="identical"):
        test_every_seeded_text_has_an_english_twin_that_is_not_the_italian(None)


def test_english_twins_fit_their_fields(seeded):
    for row, field, _it, english in seeded_pairs():
        limit = type(row)._meta.get_field(f"{field}_en").max_length
        assert limit is None or len(english) <= limit, (row, field)


# --- Seed and data migrations -----------------------------------------------------------------


def test_seed_fills_empty_english_fields_and_never_overwrites_staff_text(seeded):
    Project.objects.filter(slug="abito").update(summary_en="Our own summary.", objectives_en="")
    Event.objects.filter(slug="presentazione-primi-risultati").update(description_en="")
    Organisation.objects.filter(legal_form="ODV").update(legal_form_en="")
    Place.objects.filter(name="Orti").update(name_en="Allotments")
    # staff removed the Italian text: no English twin is forced in
    Project.objects.filter(slug="biagio").update(results="", results_en="")

    call_command("seed", stdout=StringIO())

    abito = Project.objects.get(slug="abito")
    assert abito.summary_en == "Our own summary."
    assert "community tailoring workshop" in abito.objectives_en
    assert (
        "fifteen social innovation projects"
        in Event.objects.get(slug="presentazione-primi-risultati").description_en
    )
    assert Organisation.objects.get(legal_form="ODV").legal_form_en.startswith("ODV (")
    assert Place.objects.get(name="Orti").name_en == "Allotments"
    assert Project.objects.get(slug="biagio").results_en == ""


def test_reseeding_a_translated_site_changes_nothing(seeded):
    before = {p.pk: p.updated_at for p in Project.objects.all()}
    assert projects_seed.fill_english() == 0
    assert events_seed.fill_english() == 0
    assert seed_content.fill_english() == 0
    assert {p.pk: p.updated_at for p in Project.objects.all()} == before


def _blank_english():
    """A site seeded before the English edition: every English twin empty."""
    for model, fields in SEEDED_FIELDS.items():
        model.objects.update(**{f"{field}_en": "" for field in fields})


@pytest.mark.parametrize(
    "app, migration",
    [
        ("projects", "0003_english_seed_content"),
        ("events", "0002_english_seed_content"),
        ("torino_social_factory", "0006_english_seed_content"),
    ],
)
def test_data_migrations_fill_a_site_seeded_before_the_twins(seeded, app, migration):
    _blank_english()
    module = importlib.import_module(f"{app}.migrations.{migration}")
    module.fill_english(apps, None)
    filled = [
        (type(r).__name__, f) for r, f, _it, en in seeded_pairs() if en and r._meta.app_label == app
    ]
    missing = [
        (type(r).__name__, f)
        for r, f, _it, en in seeded_pairs()
        if not en and r._meta.app_label == app
    ]
    assert filled and not missing, missing


# --- Every page type of /en/ ------------------------------------------------------------------


@pytest.fixture
def english_pages(seeded):
    return [page for page in html_pages() if page.url.startswith("/en/")]


def test_every_english_page_type_shows_english_content(client, english_pages):
    italian = italian_sentences()
    assert len(italian) > 50
    for page in english_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        body = response.content.decode()
        assert '<html lang="en">' in body, page.url
        main = main_of(body)
        assert 'lang="it"' not in main, page.url
        text = " ".join(unescape(strip_tags(main)).split())
        leaked = [s for s in italian if s in text]
        assert not leaked, f"{page.url} shows Italian seed text: {leaked[:3]}"
        assert "available in Italian only" not in body, page.url


def test_every_english_page_type_describes_itself_in_english_for_machines(client, english_pages):
    italian = italian_sentences()
    for page in english_pages:
        body = client.get(page.url).content.decode()
        blocks = json_ld_blocks(body)
        (web_page,) = [b for b in blocks if b.get("@type") == "WebPage"]
        assert web_page["inLanguage"] == "en", page.url
        assert web_page["name"] and web_page["description"], page.url
        for block in blocks:
            text = json.dumps(block, ensure_ascii=False)
            leaked = [s for s in italian if s in text]
            assert not leaked, f"{page.url} JSON-LD {block.get('@type')}: {leaked[:2]}"


def test_object_pages_give_machines_the_english_fields(client, seeded):
    project = Project.objects.get(slug="abito")
    body = client.get(f"/en{italian_url(project)}").content.decode()
    (data,) = [b for b in json_ld_blocks(body) if b.get("@type") == "Project"]
    assert data["name"] == project.title_en
    assert data["description"] == project.summary_en
    assert "European Social Fund" in data["funder"]["name"]
    (web_page,) = [b for b in json_ld_blocks(body) if b.get("@type") == "WebPage"]
    assert web_page["description"] == project.summary_en
    assert f'<meta property="og:description" content="{project.summary_en}">' in body

    event = Event.objects.get(slug="presentazione-primi-risultati")
    body = client.get(f"/en{italian_url(event)}").content.decode()
    (data,) = [b for b in json_ld_blocks(body) if b.get("@type") == "Event"]
    assert data["name"] == event.title_en
    assert data["description"] == event.summary_en
    assert data["inLanguage"] == "en"
    assert data["organizer"]["name"] == "City of Turin"
    breadcrumb = body.split('breadcrumb-item active" aria-current="page">', 1)[1]
    breadcrumb = breadcrumb.split("</li>", 1)[0]
    assert breadcrumb.strip() == event.title_en.replace("'", "&#x27;")


def test_italian_pages_keep_the_italian_for_machines(client, seeded):
    project = Project.objects.get(slug="abito")
    body = client.get(italian_url(project)).content.decode()
    (data,) = [b for b in json_ld_blocks(body) if b.get("@type") == "Project"]
    assert data["description"] == project.summary
    (web_page,) = [b for b in json_ld_blocks(body) if b.get("@type") == "WebPage"]
    assert web_page["inLanguage"] == "it"


def test_the_breadcrumb_marks_an_italian_title_on_an_english_page(client, seeded):
    Project.objects.filter(slug="prometeo").update(title_en="")
    cache.clear()
    body = client.get("/en/progetti/prometeo/").content.decode()
    breadcrumb = body.split('breadcrumb-item active" aria-current="page">', 1)[1]
    breadcrumb = breadcrumb.split("</li>", 1)[0]
    assert breadcrumb.strip() == '<span lang="it">Prometeo</span>'


def test_english_feeds_carry_the_english_entries(client, seeded):
    project = Project.objects.get(slug="abito")
    ProjectUpdate.objects.create(
        project=project,
        date=date(2020, 6, 1),
        title="Riapre l'emporio",
        title_en="The shop reopens",
        body="<p>Dopo la chiusura l'emporio riapre il lunedì.</p>",
        body_en="<p>After the closure the shop reopens on Mondays.</p>",
    )
    ProjectUpdate.objects.create(
        project=project, date=date(2020, 7, 1), title="Solo in italiano", body="<p>Testo.</p>"
    )
    for path in ("/en/feed/aggiornamenti.rss", "/en/feed/aggiornamenti.atom"):
        feed = client.get(path).content.decode()
        assert "Abito: The shop reopens" in feed, path
        assert "After the closure the shop reopens on Mondays." in feed
        assert "Riapre l&#x27;emporio" not in feed and "Riapre l'emporio" not in feed
        assert "Abito: Solo in italiano" in feed, "no English: the Italian entry stays"
        assert 'xml:lang="en"' in feed or "<language>en</language>" in feed
    italian = client.get("/feed/aggiornamenti.rss").content.decode()
    assert "Riapre l&#x27;emporio" in italian or "Riapre l'emporio" in italian


def test_english_open_data_json_names_its_fields_in_english(client, seeded):
    data = client.get("/en/dati/progetti.json").json()
    assert {"licence", "source", "generated", "filters", "projects"} <= set(data)
    row = next(p for p in data["projects"] if p["slug"] == "abito")
    assert {"title", "summary", "status", "themes", "lead", "lead_slug", "url"} <= set(row)
    assert row["title"] == "Abito" and row["summary"].startswith("Emporio solidale")
    organisations = client.get("/en/dati/organizzazioni.json").json()["organisations"]
    assert {"name", "legal_form", "projects"} <= set(organisations[0])
    italian = client.get("/dati/progetti.json").json()
    assert "progetti" in italian and "titolo" in italian["progetti"][0]


# --- The note: once, and only where a field is really empty --------------------------------------


def test_the_italian_only_note_shows_once_where_english_is_missing(client, seeded):
    Project.objects.filter(slug="abito").update(summary_en="", objectives_en="", results_en="")
    cache.clear()
    body = client.get("/en/progetti/abito/").content.decode()
    assert body.count("This text is available in Italian only.") == 1
    main = main_of(body)
    assert main.index("available in Italian only") < main.index("<h1")
    summary = Project.objects.get(slug="abito").summary
    assert f'<span lang="it">{summary}</span>' in body.replace("&#x27;", "'")
    assert main.count('<div lang="it">') == 2  # objectives and results

    # the list shows the Italian summary in a card: the note once there too
    list_body = client.get("/en/progetti/").content.decode()
    assert list_body.count("This text is available in Italian only.") == 1


def test_no_note_on_a_translated_page_nor_in_italian(client, seeded):
    cache.clear()
    assert "available in Italian only" not in client.get("/en/progetti/abito/").content.decode()
    Project.objects.filter(slug="abito").update(summary_en="")
    cache.clear()
    italian = client.get("/progetti/abito/").content.decode()
    assert "disponibile solo in italiano" not in italian
    assert 'lang="it"' not in main_of(italian)


def test_share_previews_name_the_page_language(client, seeded):
    assert '<meta property="og:locale" content="en_GB">' in client.get("/en/").content.decode()
    assert '<meta property="og:locale" content="it_IT">' in client.get("/").content.decode()


def test_english_data_dictionary_gives_the_english_json_keys(client, seeded):
    body = client.get("/en/dati/").content.decode()
    assert '<code>titolo</code><br><span class="small">JSON: <code>title</code>' in body
    assert "JSON: <code>" not in client.get("/dati/").content.decode()


def test_map_pins_name_places_and_projects_in_english(client, seeded):
    Place.objects.filter(name="Orti").update(latitude="45.0200", longitude="7.6200")
    cache.clear()
    body = client.get("/en/mappa/").content.decode()
    pins = json.loads(body.split('id="map-places" type="application/json">', 1)[1].split("<", 1)[0])
    assert [(pin["name"], pin["project"]) for pin in pins] == [
        ("Vegetable gardens", "C.A.R.O.T.A.")
    ]
