"""Compressed answers (brotli where the client asks, else gzip) for every response that
carries no per-visitor secret.

BREACH recovers a secret from the size of compressed responses that also reflect text
an attacker chose. Django masks the CSRF token anew in every response, which defeats
it for that token; we do not lean on it alone: a response that used a CSRF token, set
a cookie, read the session, belongs to a logged-in user, answers a POST or is marked
private is sent uncompressed. That covers the registration and lost-link forms, the
registrant's personal page and the admin: small pages, where the saving would be a few
kilobytes. Everything else (the public pages, open data, feeds) is the same for every
visitor and is compressed. Static files are compressed once by whitenoise at
collectstatic time.
"""

import gzip

import brotli
from django.utils.cache import patch_vary_headers

ENCODINGS = ("br", "gzip")
# Fast enough to run on every uncached page (about 1 ms for 50 KB) and within 10 % of
# brotli's best size on our HTML; quality 11 would cost 40-80 ms per page.
BROTLI_QUALITY = 5
BROTLI_MIN_WINDOW, BROTLI_MAX_WINDOW = 16, 22  # log2 of the window's bytes
GZIP_LEVEL = 6
MIN_SIZE = 200  # smaller bodies grow when compressed
COMPRESSIBLE_TYPES = (
    "text/html",
    "text/plain",
    "text/csv",
    "text/calendar",
    "text/xml",
    "application/json",
    "application/geo+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
)


def accepted_encoding(request):
    """The encoding to answer with: "br", "gzip" or None (identity)."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not header:
        return None
    accepted = set()
    for part in header.lower().split(","):
        name, _sep, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=")
        if params and quality.replace(".", "").strip("0") == "":
            continue  # q=0: explicitly refused
        accepted.add(name.strip())
    return next((name for name in ENCODINGS if name in accepted or "*" in accepted), None)


def encode(body, encoding):
    if encoding == "br":
        # A window just larger than the body compresses it as well as brotli's default
        # 4 MB one, without allocating (and faulting in) megabytes on every page.
        window = min(max(len(body).bit_length(), BROTLI_MIN_WINDOW), BROTLI_MAX_WINDOW)
        return brotli.compress(body, quality=BROTLI_QUALITY, lgwin=window, mode=brotli.MODE_TEXT)
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def carries_no_secret(request, response):
    """True when the response is the same for every visitor who asks for this URL."""
    if request.method not in ("GET", "HEAD") or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.accessed or session.modified):
        return False
    if "_cached_user" in request.__dict__ and request.user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store"))


def compressible(response):
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip()
    return (
        content_type in COMPRESSIBLE_TYPES
        and not response.streaming
        and not response.has_header("Content-Encoding")
    )


def weaken_etag(response):
    # The compressed body is another representation of the same page: a weak ETag
    # still lets ConditionalGetMiddleware answer 304 for any of them.
    etag = response.get("ETag")
    if etag and not etag.startswith("W/"):
        response.headers["ETag"] = "W/" + etag


def compress_response(request, response):
    """Compress `response` in place when the client accepts it and it is safe to."""
    if not compressible(response) or not carries_no_secret(request, response):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    encoding = accepted_encoding(request)
    if encoding is None or len(response.content) < MIN_SIZE:
        return response
    response.content = encode(response.content, encoding)
    response.headers["Content-Length"] = str(len(response.content))
    response.headers["Content-Encoding"] = encoding
    weaken_etag(response)
    return response


class CompressionMiddleware:
    """Compresses what the page cache did not already serve compressed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "compressed", False):
            return response
        return compress_response(request, response)
