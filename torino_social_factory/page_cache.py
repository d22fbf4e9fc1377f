"""The page cache: whole public pages for anonymous visitors, and the data derived
from public content, both keyed by one number that changes with the content.

- **The version** lives in one database row (``ContentVersion``). Every request that
  reaches Django reads it once; a cached page or derived value belongs to a version,
  so a change made by staff is seen at once in every gunicorn process and on every
  machine, with or without a shared cache.
- **What bumps it**: one receiver on every save, delete and many-to-many change of a
  model of the content apps, inside the same transaction as the change (a request
  that sees the new number also sees the new content; a rolled-back change bumps
  nothing).
- **What it ignores**: the models in ``IGNORED_MODELS``, which no public page shows,
  and a new row whose ``new_row_is_public`` says no public page shows it.
  We err on the side of bumping: a needless bump costs one re-render, a missed one
  shows old content.
"""

import hashlib
import re
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F
from django.db.models.functions import Greatest
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date, parse_http_date_safe

from . import compression
from .common import versioned

CONTENT_APPS = {"torino_social_factory", "projects", "events"}
IGNORED_MODELS = {
    "torino_social_factory.pagefeedback",
    "torino_social_factory.contentversion",
    "events.outboxmessage",
}


def affects_public_pages(model):
    meta = model._meta
    if model.__module__ == "__fake__":
        # A migration's historical model: the version table may not exist yet.
        return False
    return meta.app_label in CONTENT_APPS and meta.label_lower not in IGNORED_MODELS


def bump():
    """Make every cached page stale. Cheap: one UPDATE (an INSERT the very first time)."""
    from .models import ContentVersion

    changed = ContentVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not changed:
        ContentVersion.objects.bulk_create(
            [ContentVersion(pk=1, version=1, changed_at=timezone.now())], ignore_conflicts=True
        )


def move_past(version):
    """After the database was replaced (a restore): a version above both ``version``,
    the last one this site used, and the restored one. The caches may hold pages for
    every number up to ``version``, made from content the restore has replaced."""
    from .models import ContentVersion

    changed = ContentVersion.objects.filter(pk=1).update(
        version=Greatest(F("version"), version) + 1, changed_at=timezone.now()
    )
    if not changed:
        ContentVersion.objects.create(pk=1, version=version + 1, changed_at=timezone.now())


def current():
    """The current version number (0 before the first change). One query, in plain SQL:
    every request runs it, and the ORM would cost more than the cache hit. The
    connection is looked up once: each attribute read through ``django.db.connection``
    looks it up again, and that doubled the cost of this query."""
    from .models import ContentVersion

    database = connections[DEFAULT_DB_ALIAS]
    table = database.ops.quote_name(ContentVersion._meta.db_table)
    with database.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table} WHERE id = 1")  # noqa: S608 - no input
        row = cursor.fetchone()
    return row[0] if row else 0


def derived(name, compute, *, version=None):
    """A value computed from public content (site settings, "last updated"), cached for
    the current content version (``common.versioned``): no one ever has to forget it."""
    if version is None:
        version = current()
    return versioned.kept(name, compute, version=version)


def forget_derived(**kwargs):
    """setting_changed: the caches were replaced (tests do it for each test, whose
    rolled-back database starts again from the same version numbers)."""
    if kwargs.get("setting") in (None, "CACHES", "PAGE_CACHE_SECONDS"):
        versioned.forget()


def content_changed(sender, **kwargs):
    """post_save, post_delete and m2m_changed of any model."""
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return
    if kwargs.get("created") and not getattr(kwargs["instance"], "new_row_is_public", True):
        # A new row that no public page shows (a place on a waiting list: the pages
        # show the places left). During a burst of sign-ups this keeps one UPDATE of
        # the version row out of each waiting-list registration's locked transaction.
        return
    related = kwargs.get("model")
    if affects_public_pages(sender) or (related is not None and affects_public_pages(related)):
        bump()


def connect():
    from django.core.signals import setting_changed
    from django.db.models.signals import m2m_changed, post_delete, post_save

    setting_changed.connect(forget_derived, dispatch_uid="page-cache-forget-derived")
    post_save.connect(content_changed, dispatch_uid="page-cache-save")
    post_delete.connect(content_changed, dispatch_uid="page-cache-delete")
    m2m_changed.connect(content_changed, dispatch_uid="page-cache-m2m")


def _site_settings(version):
    from .models import SiteSettings

    return SiteSettings.load(version=version)


HEADER = "X-Page-Cache"  # "hit" or "miss" on what the cache answered or stored


class FetchFromPageCacheMiddleware:
    """Answers anonymous visitors from the page cache, keyed by (version, language,
    host, path, encoding); ``UpdatePageCacheMiddleware`` further down fills it. Django's
    own cache middleware is split the same way, for the same reason: the lookup wants to
    run as early as it can, the store wants the response of everything below it.

    The lookup sits right after WhiteNoise, the media files and /readyz, so a hit costs
    about what a static file costs: one cheap query for the content version, one cache
    read, and none of the middleware below (revalidation is answered here). A hit is a
    finished response, pickled whole, for the encoding this client accepts.

    Personal pages (/iscrizione/...), the admin and anyone with a session cookie are
    never looked up: staff always see the live page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = re.compile(settings.PAGE_CACHE_EXCLUDED_PATHS)
        # The URL prefixes of the other languages (/en/). Django's get_language_from_path
        # would also try "il-programma" as a language code, and fail slowly, on each hit.
        prefixes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
        self.language_prefix = re.compile(rf"^/({prefixes})/")

    def __call__(self, request):
        # Read for every request that reaches Django (static files never do): the
        # derived values of this request (site settings, last update) belong to it.
        request.content_version = version = current()
        if settings.PAGE_CACHE_ENABLED and self.cacheable_request(request):
            key = request.page_cache_key = self.key(request, version)
            response = cache.get(variant_key(key, compression.accepted_encoding(request)))
            if response is not None:
                return self.hit(request, response)
        # The site's frame words (name, city, EU fund) for the apps' views, read only
        # when a view asks: like django.contrib.sites' request.site.
        request.site_settings = SimpleLazyObject(partial(_site_settings, version))
        return self.get_response(request)

    def hit(self, request, response):
        response.headers[HEADER] = "hit"
        meta = request.META
        if "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta:
            # What ConditionalGetMiddleware does for the pages below: 304 when the
            # browser's copy is this one.
            last_modified = parse_http_date_safe(response["Last-Modified"])
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=last_modified, response=response
            )
        return response

    def cacheable_request(self, request):
        if request.method not in ("GET", "HEAD"):
            return False
        if (
            len(request.path) + len(request.META.get("QUERY_STRING", ""))
            > settings.PAGE_CACHE_MAX_PATH
        ):
            return False
        if self.excluded.search(request.path_info):
            return False
        # A session cookie means staff (or someone who once logged in): never the cache,
        # so staff always see the live page. Messages are shown once to one visitor.
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    def key(self, request, version):
        # LocaleMiddleware has not run yet: the language comes from the URL, as it will
        # for the view (i18n_patterns without a prefix for Italian).
        prefix = self.language_prefix.match(request.path_info)
        language = prefix[1] if prefix else settings.LANGUAGE_CODE
        path = hashlib.md5(request.get_full_path().encode()).hexdigest()
        scheme = "s" if request.is_secure() else ""
        # The Host header as sent, not get_host(): validating it costs as much as the
        # rest of a hit, and a host Django refuses never gets an entry stored (its
        # render answers 400, which is not cached), so it can only miss.
        host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        return f"page:{version}:{language}:{scheme}{host}:{path}"


def variant_key(key, encoding):
    return f"{key}:{encoding or 'identity'}"


class UpdatePageCacheMiddleware:
    """Stores what ``FetchFromPageCacheMiddleware`` looked up and did not find.

    It sits below revalidation and compression, so it sees the page as the view and the
    middleware below made it (CSP, frame and language headers included), plain. A page
    is stored only when nothing about it belongs to one visitor: a 200 HTML answer to a
    GET that set no cookie, read no session, used no CSRF token, carries no CSP nonce
    and did not ask to stay private.

    Entries expire after PAGE_CACHE_SECONDS so that time-dependent text ("registrations
    close…") moves on. Responses carry a weak ETag (one page, several encodings) and
    Last-Modified (the time of rendering), so browsers revalidate with a 304. Each page
    is stored once per encoding (plain, gzip, brotli), compressed once when stored: a
    hit reads only the one its client accepts and compresses nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        if key is None or request.method != "GET" or not self.cacheable_response(request, response):
            return response
        body = response.content
        response.headers["ETag"] = f'W/"{hashlib.md5(body).hexdigest()}"'
        response.headers["Last-Modified"] = http_date()
        patch_cache_control(response, no_cache=True)  # browsers revalidate: 304
        patch_vary_headers(response, ("Accept-Encoding",))
        status = response.status_code
        headers = {k: v for k, v in response.items() if k.lower() != "content-length"}
        plain = stored_response(status, headers, body, None)
        if len(body) >= compression.MIN_SIZE:
            variants = {None: plain} | {
                encoding: stored_response(
                    status, headers, compression.encode(body, encoding), encoding
                )
                for encoding in compression.ENCODINGS
            }
        else:  # smaller bodies grow when compressed: every client gets the plain one
            variants = dict.fromkeys((None, *compression.ENCODINGS), plain)
        cache.set_many(
            {variant_key(key, encoding): variant for encoding, variant in variants.items()},
            settings.PAGE_CACHE_SECONDS,
        )
        response = variants[compression.accepted_encoding(request)]
        response.headers[HEADER] = "miss"
        return response

    def cacheable_response(self, request, response):
        if response.status_code != 200 or response.streaming:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        if not compression.carries_no_secret(request, response):
            return False
        if "nonce-" in response.get("Content-Security-Policy", ""):
            return False
        return "cookie" not in response.get("Vary", "").lower()


def stored_response(status, headers, body, encoding):
    response = HttpResponse(body, status=status, headers=headers)
    response.headers["Content-Length"] = str(len(body))
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.compressed = True  # nothing left for CompressionMiddleware to do
    return response
