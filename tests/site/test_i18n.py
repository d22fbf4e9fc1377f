"""The English edition: every page in both languages, the switch, the fallback, the
catalogue of interface strings, formats, and the pages that must stay as they are.

The page lists come from tests/public_pages.py, so a page added there is walked here
too; ``assert_switch_lands_on_same_page`` takes any URL list.
"""

import re
from datetime import UTC, datetime
from decimal import Decimal
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tests.html import read
from tests.public_pages import NOT_FOUND_URLS, html_pages, object_pages
from tools.untranslated import untranslated
from torino_social_factory import views
from torino_social_factory.models import Page

LOCALE_EN = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"

# Words of the Italian frame that an English page must not show (a cheap smoke check:
# the .po check below is the real one).
ITALIAN_FRAME_WORDS = [
    "Ultimo aggiornamento",
    "Questa pagina ti è stata utile",
    "Vai al contenuto principale",
    "Menu principale",
    "Chiudi il menu",
    "Dichiarazione di accessibilità",
    "Note legali",
    "Mappa del sito",
    "Fondo sociale europeo",
    "Unione europea",
    "Tutti i progetti",
    "Pagina iniziale",
    "Innovazione sociale nelle periferie",
    "Cerca nei progetti",
    "Invia",
]


@pytest.fixture(autouse=True)
def _italian_outside_requests():
    """reverse() and get_absolute_url() follow the active language, which the last
    request of an earlier test may have left at "en": start every test in Italian."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def italian_path(url):
    """English lives under /en/ with the same paths as Italian (the URL contract)."""
    return url[3:] if url.startswith("/en/") else url


def english_path(url):
    return "/en" + italian_path(url)


def language_of(url):
    return "en" if url.startswith("/en/") else "it"


def html_lang(response):
    match = re.search(r'<html[^>]*\blang="([^"]+)"', response.content.decode())
    return match and match.group(1)


def switch_href(response, to_language):
    """The href of the language switch link to ``to_language`` (there is exactly one)."""
    page = read(response)
    links = [a["href"] for a in page.find("a") if a.get("hreflang") == to_language]
    assert len(links) == 1, f"{response.request['PATH_INFO']}: switch links {links}"
    return links[0]


def assert_switch_lands_on_same_page(client, urls):
    """For each Italian URL: the switch goes to the same page under /en/, which answers,
    names the same object (same canonical counterpart) and switches straight back.

    Works for any page with a URL; the project, organisation and event pages come in
    through ``object_pages``.
    """
    problems = []
    for url in urls:
        italian = client.get(url)
        if italian.status_code != 200:
            problems.append(f"{url}: {italian.status_code}")
            continue
        english_url = switch_href(italian, "en")
        if english_url != english_path(url):
            problems.append(f"{url}: switch to {english_url}")
            continue
        english = client.get(english_url)
        if english.status_code != 200:
            problems.append(f"{english_url}: {english.status_code}")
            continue
        back = switch_href(english, "it")
        if back != url:
            problems.append(f"{english_url}: switch back to {back}, not {url}")
        alternates = {
            a["hreflang"]: a["href"]
            for a in read(english).find("link", rel="alternate")
            if "hreflang" in a
        }
        if alternates.get("it") != settings.SITE_URL + url:
            problems.append(f"{english_url}: hreflang it is {alternates.get('it')}")
        if italian.cookies or english.cookies:
            problems.append(f"{url}: the switch set a cookie")
    assert not problems, "\n".join(problems)


class VisibleText(HTMLParser):
    """Text and human-readable attributes of a page, leaving out what is marked Italian
    (lang="it": the fallback content and the "Italiano" switch link)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    VOID |= {"source", "track", "wbr"}
    READABLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, is Italian)
        self.chunks = []
        self.skip = 0  # inside <script>/<style>

    def italian(self):
        return any(flag for _tag, flag in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        is_italian = attrs.get("lang", "").startswith("it") and tag != "html"
        if not (self.italian() or is_italian):
            self.chunks += [attrs[a] for a in self.READABLE_ATTRIBUTES if attrs.get(a)]
            if tag == "meta" and attrs.get("name") == "description":
                self.chunks.append(attrs.get("content", ""))
        if tag in {"script", "style"}:
            self.skip += 1
        if tag not in self.VOID:
            self.stack.append((tag, is_italian))

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.skip -= 1
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skip and not self.italian():
            self.chunks.append(data)

    @classmethod
    def of(cls, response):
        parser = cls()
        parser.feed(response.content.decode())
        return " ".join(" ".join(parser.chunks).split())


# --- Every page, both languages ----------------------------------------------------------


def test_every_public_page_answers_in_both_languages_with_its_lang(client, seeded):
    pages = html_pages()
    assert any(p.url.startswith("/en/") for p in pages)
    problems = []
    for page in pages:
        response = client.get(page.url)
        if response.status_code != 200:
            problems.append(f"{page.url}: {response.status_code}")
        elif html_lang(response) != language_of(page.url):
            problems.append(f"{page.url}: <html lang={html_lang(response)}>")
    assert not problems, "\n".join(problems)


def test_every_public_page_has_hreflang_alternates_for_both_languages(client, seeded):
    for page in html_pages():
        italian_url = italian_path(page.url)
        alternates = {
            a["hreflang"]: a["href"]
            for a in read(client.get(page.url)).find("link", rel="alternate")
            if "hreflang" in a
        }
        assert alternates == {
            "it": settings.SITE_URL + italian_url,
            "en": settings.SITE_URL + english_path(italian_url),
            "x-default": settings.SITE_URL + italian_url,
        }, page.url


def test_english_pages_show_no_italian_frame_words(client, seeded):
    problems = []
    for page in html_pages():
        if not page.url.startswith("/en/"):
            continue
        text = VisibleText.of(client.get(page.url))
        problems += [f"{page.url}: «{word}»" for word in ITALIAN_FRAME_WORDS if word in text]
    assert not problems, "\n".join(problems)


def test_the_smoke_check_would_catch_an_italian_frame(client, seeded):
    # Negative control: the same check on an Italian page finds the words.
    text = VisibleText.of(client.get("/privacy/"))
    assert "Ultimo aggiornamento" in text
    assert "Questa pagina ti è stata utile" in text


def test_english_frame_speaks_english(client, seeded):
    text = VisibleText.of(client.get("/en/"))
    for phrase in ["Last updated:", "Was this page useful?", "Skip to main content"]:
        assert phrase in text
    assert "European Union" in text and "European Social Fund" in text


# --- The switch ----------------------------------------------------------------------------


def test_switch_lands_on_the_same_content_page_and_back(client, seeded):
    urls = [reverse("home")] + [page.get_absolute_url() for page in Page.objects.all()]
    assert len(urls) == 1 + len(Page.Slug)
    assert_switch_lands_on_same_page(client, urls)


def test_switch_lands_on_the_same_object_page(client, seeded):
    """Project, organisation and event pages."""
    urls = [page.url for page in object_pages() if page.html]
    assert urls
    assert_switch_lands_on_same_page(client, urls)


def test_english_content_page_shows_the_english_object(client, seeded):
    page = Page.objects.get(slug="privacy")
    body = client.get("/en/privacy/").content.decode()
    assert f"<h1>{page.title_en}" in body or f">{page.title_en}</h1>" in body
    assert page.title not in body.split("<main", 1)[1]


def test_no_view_sets_the_language_in_a_cookie(client, seeded):
    with pytest.raises(NoReverseMatch):
        reverse("set_language")
    response = client.get("/en/il-programma/")
    assert response.cookies == {}
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies
    # The language comes from the path only: a browser asking for English at "/" gets Italian.
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "it"


# --- Fallback ------------------------------------------------------------------------------


def test_missing_english_text_falls_back_to_italian_marked_lang_it(client, seeded):
    Page.objects.filter(slug="cookie").update(title_en="", summary_en="", body_en="")
    page = Page.objects.get(slug="cookie")
    body = client.get("/en/cookie/").content.decode()
    assert f'<span lang="it">{page.title}</span>' in body
    assert '<div lang="it">' in body
    assert "Chi consulta il sito non riceve alcun cookie" in body
    assert html_lang(client.get("/en/cookie/")) == "en"


def test_seeded_pages_have_their_english_text(client, seeded):
    for page in Page.objects.all():
        assert page.title_en and page.summary_en and page.body_en, page.slug
        body = client.get(english_path(page.get_absolute_url())).content.decode()
        assert 'lang="it"' not in body.split("<main", 1)[1], page.slug


# --- Seed ----------------------------------------------------------------------------------


def test_seed_fills_empty_english_fields_of_existing_pages_and_keeps_staff_text(db):
    call_command("seed", stdout=StringIO())
    # As if seeded before the English edition, then partly translated by staff.
    Page.objects.filter(slug="privacy").update(summary_en="", body_en="")
    Page.objects.filter(slug="cookie").update(title_en="Cookies (our wording)", body_en="")
    Page.objects.filter(slug="faq").update(title="FAQ della redazione")

    call_command("seed", stdout=StringIO())

    privacy, cookie, faq = (Page.objects.get(slug=s) for s in ("privacy", "cookie", "faq"))
    assert privacy.summary_en.startswith("What personal data")
    assert "Data controller" in privacy.body_en
    assert cookie.title_en == "Cookies (our wording)"
    assert "Visitors to the site receive no cookies" in cookie.body_en
    assert faq.title == "FAQ della redazione"


def test_seed_leaves_a_fully_translated_page_untouched(db):
    call_command("seed", stdout=StringIO())
    Page.objects.filter(slug="privacy").update(body_en="<p>Staff text.</p>")
    before = Page.objects.get(slug="privacy").updated_at
    call_command("seed", stdout=StringIO())
    page = Page.objects.get(slug="privacy")
    assert page.body_en == "<p>Staff text.</p>"
    assert page.updated_at == before


# --- The catalogue of interface strings -----------------------------------------------------


def untranslated_entries(po_path):
    """The check `make translations` runs (tools/untranslated.py), one line an entry."""
    return [f"{po_path.name}: {why}: {msgid!r}" for msgid, why in untranslated(po_path)]


def test_no_interface_string_is_left_untranslated_or_fuzzy():
    po_files = sorted(LOCALE_EN.glob("*.po"))
    assert po_files, "locale/en/LC_MESSAGES/django.po is missing"
    missing = [line for po in po_files for line in untranslated_entries(po)]
    assert not missing, "Run `make translations` and translate:\n" + "\n".join(missing)


def test_the_po_check_finds_untranslated_and_fuzzy_entries(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Tradotto", msgstr="Translated"))
    po.append(polib.POEntry(msgid="Da tradurre", msgstr=""))
    po.append(polib.POEntry(msgid="Incerto", msgstr="Unsure", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Vecchio", msgstr="", obsolete=True))
    path = tmp_path / "django.po"
    po.save(str(path))
    assert untranslated_entries(path) == [
        "django.po: untranslated: 'Da tradurre'",
        "django.po: fuzzy: 'Incerto'",
    ]


def test_compiled_catalogue_is_the_one_in_use():
    with translation.override("en"):
        assert translation.gettext("Questa pagina ti è stata utile?") == "Was this page useful?"
        assert str(Page._meta.verbose_name_plural) == "pages"


# --- Admin and error pages -------------------------------------------------------------------


def test_admin_stays_italian_and_unprefixed(client, db):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert html_lang(response) == "it"
    assert "area riservata" in response.content.decode()
    assert client.get("/en/admin/login/").status_code == 404


def test_not_found_page_is_english_under_en(client, seeded):
    english = [url for url in NOT_FOUND_URLS if url.startswith("/en/")]
    assert english
    for url in english:
        response = client.get(url)
        assert response.status_code == 404
        assert html_lang(response) == "en"
        assert "Page not found" in response.content.decode()
        assert "Pagina non trovata" not in response.content.decode()


def test_bad_request_page_is_english_under_en(client, seeded):
    response = client.get("/en/", HTTP_HOST="not-our-host.example")
    assert response.status_code == 400
    body = response.content.decode()
    assert html_lang(response) == "en"
    assert "Bad request" in body and "Richiesta non valida" not in body


def test_csrf_failure_page_is_english_under_en(seeded):
    request = RequestFactory().post("/en/eventi/")
    with translation.override("en"):
        response = views.csrf_failure(request)
    body = response.content.decode()
    assert response.status_code == 403
    assert "The request was not accepted" in body
    assert "modulo" not in body


def test_server_error_page_is_bilingual_without_context():
    html = render_to_string("500.html")
    assert "Si è verificato un errore" in html
    assert '<section lang="en"' in html
    assert "Something went wrong" in html and 'href="/en/"' in html


# --- Sitemap -----------------------------------------------------------------------------------

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_sitemap_lists_both_languages_with_alternates_and_x_default(client, seeded):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = root.findall("s:url", SITEMAP_NS)
    locations = {u.find("s:loc", SITEMAP_NS).text for u in urls}
    for page in Page.objects.all():
        path = page.get_absolute_url()
        assert f"http://testserver{path}" in locations  # the sitemap names the request's host
        assert f"http://testserver{english_path(path)}" in locations
    for url in urls:
        links = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
        assert set(links) == {"it", "en", "x-default"}, url.find("s:loc", SITEMAP_NS).text
        assert links["x-default"] == links["it"]
        assert links["en"].startswith("http://testserver/en/")


# --- Dates, numbers, currency ---------------------------------------------------------------

START = datetime(2020, 1, 23, 15, 0, tzinfo=UTC)  # 16:00 in Turin
END = datetime(2020, 1, 23, 17, 0, tzinfo=UTC)
NEXT_DAY = datetime(2020, 1, 24, 12, 0, tzinfo=UTC)


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load formatting %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "language,expected",
    [("it", "1.500.000\u00a0€"), ("en", "€1,500,000")],
)
def test_euro_formats_amounts_per_language(language, expected):
    assert render("{{ amount|euro }}", language, amount=Decimal("1500000.00")) == expected


@pytest.mark.parametrize("language,expected", [("it", "1.234,50\u00a0€"), ("en", "€1,234.50")])
def test_euro_shows_cents_only_when_there_are_some(language, expected):
    assert render("{{ amount|euro }}", language, amount=Decimal("1234.5")) == expected


def test_euro_of_nothing_is_empty():
    assert render("{{ amount|euro }}", "it", amount=None) == ""


@pytest.mark.parametrize(
    "language,amount,expected",
    [
        ("it", 1_500_000, "1,5 milioni di euro"),
        ("en", 1_500_000, "€1.5 million"),
        ("it", 1_000_000, "1 milione di euro"),
        ("en", 1_000_000, "€1 million"),
    ],
)
def test_euro_millions_reads_like_the_press(language, amount, expected):
    assert render("{{ amount|euro_millions }}", language, amount=amount) == expected


@pytest.mark.parametrize("language,expected", [("it", "12.500"), ("en", "12,500")])
def test_number_groups_thousands_per_language(language, expected):
    assert render("{{ value|number }}", language, value=12500) == expected


def test_bare_numbers_are_never_grouped():
    # Years, ids and capacities printed with {{ }} must stay "2020".
    assert render("{{ year }}", "it", year=2020) == "2020"
    assert render("{{ year }}", "en", year=2020) == "2020"


@pytest.mark.parametrize(
    "language,expected",
    [
        ("it", "giovedì 23 gennaio 2020, 16:00–18:00"),
        ("en", "Thursday 23 January 2020, 16:00–18:00"),
    ],
)
def test_when_shows_a_same_day_event_with_one_date(language, expected):
    assert render("{{ start|when:end }}", language, start=START, end=END) == expected


@pytest.mark.parametrize(
    "language,expected",
    [
        ("it", "giovedì 23 gennaio 2020, 16:00 – venerdì 24 gennaio 2020, 13:00"),
        ("en", "Thursday 23 January 2020, 16:00 – Friday 24 January 2020, 13:00"),
    ],
)
def test_when_shows_both_dates_of_a_multi_day_event(language, expected):
    assert render("{{ start|when:end }}", language, start=START, end=NEXT_DAY) == expected


def test_when_without_an_end_shows_the_start():
    assert render("{{ start|when }}", "en", start=START) == "Thursday 23 January 2020, 16:00"


def test_dates_use_the_european_order_in_both_languages():
    assert render('{{ start|date:"DATE_FORMAT" }}', "en", start=START) == "23 January 2020"
    assert render('{{ start|date:"DATE_FORMAT" }}', "it", start=START) == "23 gennaio 2020"
    assert render('{{ start|date:"SHORT_DATE_FORMAT" }}', "en", start=START) == "23/01/2020"


def test_english_pages_date_the_last_update_in_english(client, seeded):
    text = VisibleText.of(client.get("/en/privacy/"))
    assert re.search(r"Last updated: \d{1,2} [A-Z][a-z]+ \d{4}", text), text[-300:]


def test_english_home_shows_the_figures_in_english(client, seeded):
    body = client.get("/en/").content.decode()
    assert "about 30" in body and "€1.5 million" in body
    assert "circa 30" not in body and "milioni di euro" not in body


# --- Compiled catalogues: the site will not start without them -------------------------------


@pytest.fixture
def bare_locale(tmp_path, settings):
    """A locale/ with the English .po only, as a checkout that skipped `make messages`."""
    po_dir = tmp_path / "en" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    po.append(polib.POEntry(msgid="Progetti", msgstr="Projects"))
    po.save(str(po_dir / "django.po"))
    settings.LOCALE_PATHS = [tmp_path]
    return po_dir


def check_ids():
    from django.core.checks import run_checks

    return [message.id for message in run_checks(tags=["translation"])]


def test_system_check_fails_loudly_on_a_missing_catalogue(bare_locale):
    assert "tsf.E001" in check_ids()
    from django.core.management.base import SystemCheckError

    with pytest.raises(SystemCheckError, match="catalogue .* is missing"):
        call_command("check", "--tag", "translation")


def test_system_check_fails_on_a_catalogue_older_than_its_po(bare_locale):
    import os

    call_command("compile_translations", stdout=StringIO())
    mo = bare_locale / "django.mo"
    os.utime(mo, (1, 1))
    assert "tsf.E002" in check_ids()


def test_system_check_passes_once_compiled(bare_locale):
    call_command("compile_translations", stdout=StringIO())
    assert not [i for i in check_ids() if i.startswith("tsf.")]


def test_system_check_wants_the_english_catalogue_even_without_its_po(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path]
    assert "tsf.E001" in check_ids()


def test_the_real_catalogues_are_compiled_and_current():
    from torino_social_factory.checks import catalogue_problems

    assert catalogue_problems() == [], "run `make messages`"


def test_healthz_is_not_ok_without_the_catalogues(client, db, bare_locale):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "catalogue" in response.content.decode()
    call_command("compile_translations", stdout=StringIO())
    assert client.get("/healthz").content == b"ok"


def test_gunicorn_entry_point_refuses_to_boot_without_the_catalogues(bare_locale):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    sys.modules.pop("torino_social_factory.wsgi", None)
    with pytest.raises(ImproperlyConfigured, match="make messages"):
        importlib.import_module("torino_social_factory.wsgi")
    call_command("compile_translations", stdout=StringIO())
    sys.modules.pop("torino_social_factory.wsgi", None)
    assert importlib.import_module("torino_social_factory.wsgi").application


def test_compiling_is_not_stopped_by_the_check_that_asks_for_it(bare_locale):
    from torino_social_factory.management.commands.compile_translations import Command

    # as `manage.py compile_translations` runs it: with the system checks
    Command(stdout=StringIO()).run_from_argv(["manage.py", "compile_translations"])
    assert (bare_locale / "django.mo").exists()
