"""Site-wide views: home, content pages, feedback, health and machine files."""

from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import connection
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_safe

from events.models import Event
from projects.listing import CARD_TEMPLATE, Fragment
from projects.models import Organisation, Project

from . import page_cache
from .checks import catalogue_problems
from .common import share_image
from .common.i18n import FallbackLog, current_language, text_in_language
from .common.ratelimit import over_limit
from .context_processors import FEEDBACK_SALT
from .forms import FeedbackForm
from .models import Page, PageFeedback, SiteSettings


def home(request):
    version = getattr(request, "content_version", None)
    next_event = Event.objects.next_public()
    site_settings = SiteSettings.load(version=version)
    return render(
        request,
        "pages/home.html",
        {
            "programme": Page.objects.filter(slug=Page.Slug.PROGRAMME).first(),
            "figures": key_figures(site_settings),
            "next_event": next_event,
            "next_event_open": bool(next_event) and next_event.registration_state() == "open",
            "featured_cards": page_cache.derived(
                f"home-cards:{current_language()}", featured_cards, version=version
            ),
        },
    )


def featured_cards():
    """The home's project cards, rendered once for the content version and language as
    the list keeps its own: they change only with the content, and their projects, the
    relations they show and their markup are most of what the home would redo."""
    cards = []
    for project in Project.objects.featured():
        log = FallbackLog()
        context = {"project": project, "heading_level": 3, FallbackLog.CONTEXT_KEY: log}
        cards.append(Fragment(render_to_string(CARD_TEMPLATE, context), log.fields))
    return cards


@require_safe
def home_share_image(request):
    """The site's own picture: every page without one of its own shares it."""
    site_settings = request.site_settings
    return share_image.response(
        request,
        text_in_language(site_settings, "site_tagline") or site_settings.site_name,
        details=site_settings.programme_name,
    )


def key_figures(site_settings):
    """Figures for the home page: counted from the catalogue where we can, else from
    the values staff keep in the site settings (nothing is made up when both are empty)."""
    figures = []
    label = partial(text_in_language, site_settings)
    if site_settings.funded_projects_total:
        figures.append((site_settings.funded_projects_total, _("progetti finanziati")))
    if site_settings.organisations_total_label:
        figures.append((label("organisations_total_label"), _("realtà del terzo settore")))
    if site_settings.funding_total_label:
        figures.append((label("funding_total_label"), _("di contributi a fondo perduto")))
    if site_settings.ideas_accompanied:
        figures.append((site_settings.ideas_accompanied, _("idee accompagnate nel 2018")))
    return figures


def content_page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(
        request,
        "pages/content_page.html",
        {
            "page": page,
            "breadcrumbs": [(text_in_language(page, "title"), None)],
            "last_updated": page.updated_at,
            "active_section": "programme" if slug == Page.Slug.PROGRAMME else "",
        },
    )


def site_map(request):
    """The site map for people: every public page, grouped as the menu groups them."""
    return render(
        request,
        "pages/site_map.html",
        {
            "pages": Page.objects.order_by("slug"),
            "projects": Project.objects.published().order_by("title", "pk"),
            "organisations": Organisation.objects.public().order_by("name", "pk"),
            "events": Event.objects.listed().order_by("-starts_at", "pk"),
            "breadcrumbs": [(_("Mappa del sito"), None)],
        },
    )


@csrf_exempt  # deliberately cookie-less: see context_processors.feedback_token
def feedback(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = FeedbackForm(request.POST)
    if not _same_site_post(request) or not _valid_feedback_token(request.POST.get("form_token")):
        return render(request, "pages/feedback_rejected.html", _feedback_context(), status=403)
    if not form.is_valid():
        return render(request, "pages/feedback_thanks.html", _feedback_context(form), status=400)
    if form.cleaned_data["website"]:
        # A bot filled the hidden field: answer as if accepted, store nothing.
        return render(request, "pages/feedback_thanks.html", _feedback_context(form))
    if _over_feedback_limit(request):
        return render(
            request, "pages/feedback_thanks.html", _feedback_context(form, limited=True), status=429
        )
    PageFeedback.objects.create(
        path=form.cleaned_data["path"],
        useful=form.cleaned_data["useful"] == "yes",
        comment=form.cleaned_data["comment"],
        language=request.LANGUAGE_CODE,
    )
    return render(request, "pages/feedback_thanks.html", _feedback_context(form))


def _feedback_context(form=None, **extra):
    return {"form": form, "breadcrumbs": [(_("Il tuo riscontro"), None)], **extra}


def _valid_feedback_token(token):
    try:
        return signing.loads(token or "", salt=FEEDBACK_SALT) == "feedback"
    except signing.BadSignature:
        return False


def _same_site_post(request):
    """Browsers send Origin on POST; when they do it must be ours."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.get_host() or origin in settings.CSRF_TRUSTED_ORIGINS


def _over_feedback_limit(request):
    return over_limit(request, "feedback", settings.FEEDBACK_RATE_LIMIT)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    # A bad Host header is refused before LocaleMiddleware runs: take the language
    # from the path here, so /en/ still answers in English.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        return render(request, "400.html", status=400)


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    # A site without its translation catalogues answers, but not as it should.
    if problems := catalogue_problems():
        text = "\n".join(message for _id, message in problems)
        return HttpResponse(text, content_type="text/plain", status=503)
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return HttpResponse(
        render_to_string("robots.txt", {"site_url": settings.SITE_URL}), content_type="text/plain"
    )
