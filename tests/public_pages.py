"""The one list of public pages the proof tests walk (cache, fuzzing, browser, axe).

Adding a page type is one line in PAGES (or in ``object_pages`` for pages of a row).
Call it with the seed loaded: the pages of a row are those of the seed's first project,
organisation and event.
"""

from dataclasses import dataclass, field

from django.urls import reverse, translate_url


@dataclass(frozen=True)
class PublicPage:
    kind: str  # the page type: home, content page, list, map, open data, event…
    url: str
    # GET parameters the page reads (the URL contract: shareable filters); the fuzzer
    # also sends unknown ones.
    params: tuple = field(default=())
    html: bool = True  # False for CSV/JSON/GeoJSON/RSS exports


CATALOGUE_FILTERS = ("tema", "circoscrizione", "quartiere", "stato", "organizzazione", "q", "page")

# (kind, URL name, GET parameters, is HTML)
PAGES = [
    ("home", "home", (), True),
    ("content page", "programme", (), True),
    ("content page", "privacy", (), True),
    ("content page", "cookie", (), True),
    ("content page", "legal_notes", (), True),
    ("content page", "accessibility", (), True),
    ("content page", "faq", (), True),
    ("list", "projects:list", CATALOGUE_FILTERS, True),
    ("organisations", "projects:organisation_list", ("q", "page"), True),
    ("map", "projects:map", CATALOGUE_FILTERS, True),
    ("open data", "open_data", CATALOGUE_FILTERS, True),
    ("open data export", "projects:projects_csv", CATALOGUE_FILTERS, False),
    ("open data export", "projects:projects_json", CATALOGUE_FILTERS, False),
    ("open data export", "projects:organisations_csv", CATALOGUE_FILTERS, False),
    ("open data export", "projects:organisations_json", CATALOGUE_FILTERS, False),
    ("open data export", "projects:places_csv", CATALOGUE_FILTERS, False),
    ("open data export", "projects:places_geojson", CATALOGUE_FILTERS, False),
    ("open data catalogue", "open_data_catalogue_rdf", (), False),
    ("open data catalogue", "open_data_catalogue_ttl", (), False),
    ("open data package", "open_data_datapackage", (), False),
    ("events", "events:list", (), True),
    ("lost link", "events:lost_link", (), True),
]


def public_pages(*, english=True, objects=True):
    """Every public page type; call it with the seed data loaded."""
    pages = [PublicPage(kind, reverse(name), params, html) for kind, name, params, html in PAGES]
    known = {page.url for page in pages}
    pages += [page for page in _discovered_pages() if page.url not in known]
    if objects:
        pages += object_pages()
    if english:
        pages += [
            PublicPage(p.kind + " (en)", translate_url(p.url, "en"), p.params, p.html)
            for p in pages
            if p.html and not p.url.startswith("/en/")
        ]
    return pages


NON_HTML_SUFFIXES = (".csv", ".json", ".geojson", ".rss", ".xml", ".ics", ".atom", ".rdf", ".ttl")


def _discovered_pages():
    """Routes without arguments in the apps' namespaces that PAGES does not list yet,
    so a new page is fuzzed and scanned even before someone adds its line above."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif (
                isinstance(pattern, URLPattern)
                and namespace in {"projects", "events"}
                and pattern.name
                and not getattr(pattern.pattern, "converters", {})
            ):
                url = reverse(f"{namespace}:{pattern.name}")
                params = CATALOGUE_FILTERS if namespace == "projects" else ()
                found.append(PublicPage("other", url, params, not url.endswith(NON_HTML_SUFFIXES)))

    walk(get_resolver().url_patterns, None)
    return found


def html_pages(**kwargs):
    return [page for page in public_pages(**kwargs) if page.html]


def object_pages():
    """Pages of one row each: the first project, organisation and event of the seed."""
    pages = []
    for kind, loader in (
        ("project", first_project),
        ("organisation", first_organisation),
        ("event", first_event),
    ):
        obj = loader()
        assert obj is not None, f"the seed has no {kind}: load it first"
        pages.append(PublicPage(kind, obj.get_absolute_url()))
    event = first_event()
    pages.append(
        PublicPage("registration form", reverse("events:register", kwargs={"slug": event.slug}))
    )
    pages.append(
        PublicPage("calendar file", reverse("events:ics", kwargs={"slug": event.slug}), html=False)
    )
    return pages


def first_project():
    from projects.models import Project

    return Project.objects.published().order_by("pk").first()


def first_organisation():
    from projects.models import Organisation

    return Organisation.objects.order_by("pk").first()


def first_event():
    from events.models import Event

    return Event.objects.filter(is_published=True).order_by("starts_at", "pk").first()


# Pages whose URL must answer with the site's own 404 page.
NOT_FOUND_URLS = ["/pagina-che-non-esiste/", "/en/page-that-does-not-exist/"]
