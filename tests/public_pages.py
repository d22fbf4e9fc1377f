"""The one list of public pages the proof tests walk (cache, fuzzing, browser, axe).

Adding a page type is one line in PAGES (or in ``_object_pages`` for pages of a row).
URL names that do not resolve to a real view yet (the apps' placeholders before their
issues land) are left out, so the same list works before and after the merge.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, resolve, reverse, translate_url


@dataclass(frozen=True)
class PublicPage:
    kind: str  # the page type, as issue 6 names it
    url: str
    # GET parameters the page reads (DESIGN §3); the fuzzer also sends unknown ones.
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
    ("open data", "projects:open_data", (), True),
    ("open data export", "projects:projects_csv", CATALOGUE_FILTERS, False),
    ("open data export", "projects:projects_json", CATALOGUE_FILTERS, False),
    ("open data export", "projects:organisations_csv", CATALOGUE_FILTERS, False),
    ("open data export", "projects:organisations_json", CATALOGUE_FILTERS, False),
    ("open data export", "projects:places_geojson", CATALOGUE_FILTERS, False),
    ("events", "events:list", (), True),
    ("lost link", "events:lost_link", (), True),
]


def real_url(name, *args, **kwargs):
    """The URL of a name that resolves to a real view, else None (placeholders)."""
    try:
        url = reverse(name, args=args, kwargs=kwargs)
    except NoReverseMatch:
        return None
    if resolve(url).func.__name__ == "placeholder":
        return None
    return url


def public_pages(*, english=True, objects=True):
    """Every public page type that exists now; call it with the seed data loaded."""
    pages = []
    for kind, name, params, html in PAGES:
        url = real_url(name)
        if url:
            pages.append(PublicPage(kind, url, params, html))
    known = {page.url for page in pages}
    pages += [page for page in _discovered_pages() if page.url not in known]
    if objects:
        pages += _object_pages()
    if english:
        pages += [
            PublicPage(p.kind + " (en)", translate_url(p.url, "en"), p.params, p.html)
            for p in pages
            if p.html and not p.url.startswith("/en/")
        ]
    return pages


NON_HTML_SUFFIXES = (".csv", ".json", ".geojson", ".rss", ".xml", ".ics", ".atom")


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
                url = real_url(f"{namespace}:{pattern.name}")
                if url:
                    params = CATALOGUE_FILTERS if namespace == "projects" else ()
                    found.append(
                        PublicPage("other", url, params, not url.endswith(NON_HTML_SUFFIXES))
                    )

    walk(get_resolver().url_patterns, None)
    return found


def html_pages(**kwargs):
    return [page for page in public_pages(**kwargs) if page.html]


def _object_pages():
    """Pages of one row each: the first project, organisation and event of the seed."""
    pages = []
    for kind, loader in (
        ("project", _first_project),
        ("organisation", _first_organisation),
        ("event", _first_event),
    ):
        obj = loader()
        if obj is not None:
            pages.append(PublicPage(kind, obj.get_absolute_url()))
    event = _first_event()
    if event is not None:
        url = real_url("events:register", slug=event.slug)
        if url:
            pages.append(PublicPage("registration form", url))
        url = real_url("events:ics", slug=event.slug)
        if url:
            pages.append(PublicPage("calendar file", url, html=False))
    return pages


def catalogue_ready():
    from projects import models

    return hasattr(models, "Organisation") and hasattr(models.Project, "_meta")


def events_ready():
    from events import models

    return hasattr(models, "Registration") and hasattr(models.Event, "_meta")


def events_services_ready():
    try:
        from events import services
    except ImportError:
        return False
    return hasattr(services, "register") and events_ready()


def _first_project():
    if not catalogue_ready():
        return None
    from projects.models import Project

    return Project.objects.published().order_by("pk").first()


def _first_organisation():
    if not catalogue_ready():
        return None
    from projects.models import Organisation

    return Organisation.objects.order_by("pk").first()


def _first_event():
    if not events_ready():
        return None
    from events.models import Event

    queryset = Event.objects.all()
    if hasattr(queryset, "public"):
        queryset = queryset.public()
    return queryset.filter(is_published=True).order_by("starts_at", "pk").first()


# Pages whose URL must answer with the site's own 404 page.
NOT_FOUND_URLS = ["/pagina-che-non-esiste/", "/en/page-that-does-not-exist/"]
