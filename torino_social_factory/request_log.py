"""One line per request for operators: JSON, with timing, and no personal data.

The line (logger ``tsf.request``) carries the time, method, path, route name, status,
duration in milliseconds, size, whether the page cache answered and whether a staff
member asked. It never carries what could identify a person:

- no query string (search words and filters are typed by visitors);
- no personal token: the path of a personal page (``/iscrizione/<token>/…``) is
  logged with the token replaced by ``:token``, and any other path segment that
  looks like a secret (a long random string) or an address (``@``) is replaced too;
- no IP address, no user name, no e-mail, no cookie, no header.

Django's own ``django.request`` records ("Internal Server Error: /path") go through
``RedactPaths`` for the same reason.
"""

import json
import logging
import re
import time
from datetime import UTC, datetime

from django.conf import settings

logger = logging.getLogger("tsf.request")

SENSITIVE_KWARGS = {"token"}
# token_urlsafe() output: long, mixed case or underscores. Slugs are lower case and
# hashed static names carry a dot, so neither is caught.
SECRET_SEGMENT = re.compile(r"^(?=[A-Za-z0-9_-]{20,}$)(?=.*[A-Z_]).*$")
MAX_PATH = 300


def redact_path(path, resolver_match=None):
    if resolver_match is not None:
        for name, value in resolver_match.kwargs.items():
            if name in SENSITIVE_KWARGS and isinstance(value, str) and value:
                path = path.replace(f"/{value}", f"/:{name}")
    segments = path.split("/")
    for index, segment in enumerate(segments):
        if "@" in segment or "%40" in segment.lower() or SECRET_SEGMENT.match(segment):
            segments[index] = ":redacted"
    path = "/".join(segments)
    return path if len(path) <= MAX_PATH else path[:MAX_PATH] + "…"


def _size(response):
    if response.streaming:
        length = response.headers.get("Content-Length")
        return int(length) if length and length.isdigit() else None
    return len(response.content)


def _is_staff(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


class RequestLogMiddleware:
    """Outermost middleware: times everything below it, static files included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.REQUEST_LOG_ENABLED:
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        duration = (time.perf_counter() - started) * 1000
        match = getattr(request, "resolver_match", None)
        line = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": request.method,
            "path": redact_path(request.path, match),
            "route": match.view_name if match is not None else None,
            "status": response.status_code,
            "ms": round(duration, 1),
            "bytes": _size(response),
            "cache": response.headers.get("X-Page-Cache"),
            "staff": _is_staff(request),
        }
        logger.info(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
        return response


class RedactPaths(logging.Filter):
    """Redact request paths in Django's ``django.request`` records."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and isinstance(record.args, tuple):
            match = getattr(request, "resolver_match", None)
            record.args = tuple(
                redact_path(arg, match) if arg == request.path else arg for arg in record.args
            )
        return True
