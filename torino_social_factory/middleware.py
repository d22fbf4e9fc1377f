import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_path

from . import cache as content


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PageCacheMiddleware:
    """Whole-page cache for anonymous visitors, keyed by (content version, language, path).

    It sits right after SecurityMiddleware and WhiteNoise, so a cached page costs about
    what a static file costs: one cheap query for the content version, one cache read.
    What it stores is the finished response of everything below it (CSP, frame and
    language headers included); SecurityMiddleware above it still adds HSTS per request.

    A page is stored only when nothing about it belongs to one visitor: a 200 HTML answer
    to a GET from a visitor without a session, that set no cookie, read no session, used
    no CSRF token, carries no CSP nonce and did not ask to stay private. Personal pages
    (/iscrizione/...) and the admin are never looked up nor stored.

    Any change to public content bumps the version in the same transaction
    (``torino_social_factory.cache``), so the next request, in any process, renders
    afresh. Entries also expire after PAGE_CACHE_SECONDS so that time-dependent text
    ("registrations close…") moves on. Responses carry an ETag and Last-Modified (the
    time of rendering), so ConditionalGetMiddleware answers revalidations with 304.
    """

    HEADER = "X-Page-Cache"

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = re.compile(settings.PAGE_CACHE_EXCLUDED_PATHS)
        self.seen_version = None

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        # Read for every request that reaches Django (static files never do), so staff
        # bypassing the cache still see site settings changed in another process.
        version = content.current()
        self.forget_derived_caches(version)
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = self.key(request, version)
        cached = cache.get(key)
        if cached is not None:
            status, body, headers = cached
            response = HttpResponse(body, status=status, headers=headers)
            response.headers[self.HEADER] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and self.cacheable_response(request, response):
            response.headers["ETag"] = f'"{hashlib.md5(response.content).hexdigest()}"'
            response.headers["Last-Modified"] = http_date()
            patch_cache_control(response, no_cache=True)  # browsers revalidate: 304
            headers = dict(response.items())
            cache.set(
                key, (response.status_code, response.content, headers), settings.PAGE_CACHE_SECONDS
            )
            response.headers[self.HEADER] = "miss"
        return response

    def cacheable_request(self, request):
        if request.method not in ("GET", "HEAD"):
            return False
        if len(request.get_full_path()) > settings.PAGE_CACHE_MAX_PATH:
            return False
        if self.excluded.search(request.path_info):
            return False
        # A session cookie means staff (or someone who once logged in): never the cache,
        # so staff always see the live page. Messages are shown once to one visitor.
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    def cacheable_response(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False
        session = getattr(request, "session", None)
        if session is not None and (session.accessed or session.modified):
            return False
        if "_cached_user" in request.__dict__ and request.user.is_authenticated:
            return False
        if "nonce-" in response.get("Content-Security-Policy", ""):
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store")):
            return False
        return "cookie" not in response.get("Vary", "").lower()

    @staticmethod
    def key(request, version):
        # LocaleMiddleware has not run yet: the language comes from the URL, as it will
        # for the view (i18n_patterns without a prefix for Italian).
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        path = hashlib.md5(request.get_full_path().encode()).hexdigest()
        scheme = "s" if request.is_secure() else ""
        return f"page:{version}:{language}:{scheme}{request.get_host()}:{path}"

    def forget_derived_caches(self, version):
        """Drop this process's copies of data derived from the content (site settings,
        "last updated" date) when another process changed it. With a shared cache the
        change already deleted them; with local memory only this process can."""
        if version != self.seen_version:
            if self.seen_version is not None:
                from .freshness import forget
                from .models import SiteSettings

                cache.delete(SiteSettings.CACHE_KEY)
                forget()
            self.seen_version = version
