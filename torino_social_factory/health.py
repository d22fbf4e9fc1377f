"""Readiness: may a load balancer send visitors to this process?

``/healthz`` stays the cheap liveness probe (the process answers). ``/readyz`` checks
what a visitor needs and answers JSON, 200 or 503:

- **database**: a ``SELECT 1`` on the default connection;
- **cache**: a value written and read back (Redis when configured: the page cache
  and the rate limits live there, and a dead Redis fails every page);
- **catalogues**: each language other than the source one translates a known
  string (a deploy that forgot ``make messages`` serves English visitors Italian);
- **outbox**: the pending e-mails, the age of the oldest one and the undeliverable
  ones. A backlog older than ``READINESS_OUTBOX_MAX_AGE`` seconds means the sender is
  not running: the answer says ``degraded`` so monitoring alerts, but stays 200,
  because taking every web server out of the balancer would turn late e-mails into
  a site that is down.

The middleware answers before the page cache, which reads the content version from
the database on every request and would fail with a 500 when the database is down.
"""

import json
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Min, Q
from django.http import HttpResponse
from django.utils import timezone, translation

from events.models import OutboxMessage

from .checks import catalogue_problems

PENDING = Q(status=OutboxMessage.Status.PENDING)
# A string every page shows (the main menu), with its translation in every catalogue.
KNOWN_STRING = "Eventi"


def _timed(check):
    started = time.perf_counter()
    try:
        result = check()
    except Exception as exc:  # noqa: BLE001 — a failing dependency is the answer, not a 500
        result = {"ok": False, "error": type(exc).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "engine": connection.vendor}


def check_cache():
    key = f"readyz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache = caches["default"]
    cache.set(key, value, 10)
    ok = cache.get(key) == value
    cache.delete(key)
    return {"ok": ok, "backend": type(cache).__name__}


def check_catalogues():
    """The catalogue this process loaded translates, and the files on disk are neither
    missing nor older than their .po (checks.py)."""
    languages = {}
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        with translation.override(code):
            languages[code] = translation.gettext(KNOWN_STRING) != KNOWN_STRING
    problems = [message for _id, message in catalogue_problems()]
    result = {"ok": all(languages.values()) and not problems, "languages": languages}
    if problems:
        result["problems"] = problems
    return result


def check_outbox():
    counts = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.FAILED]
    ).aggregate(
        pending=Count("pk", filter=PENDING),
        failed=Count("pk", filter=~PENDING),
        oldest=Min("created_at", filter=PENDING),
    )
    oldest = counts["oldest"]
    age = round((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {
        "ok": age <= settings.READINESS_OUTBOX_MAX_AGE,
        "pending": counts["pending"],
        "oldest_pending_seconds": age,
        "max_age_seconds": settings.READINESS_OUTBOX_MAX_AGE,
        "failed": counts["failed"],
    }


# What a visitor cannot do without (503 when one fails), and what only staff notice.
REQUIRED = {"database": check_database, "cache": check_cache, "catalogues": check_catalogues}
REPORTED = {"outbox": check_outbox}


def readiness():
    """(HTTP status, report)."""
    checks = {name: _timed(check) for name, check in REQUIRED.items()}
    if checks["database"]["ok"]:
        checks.update({name: _timed(check) for name, check in REPORTED.items()})
    else:
        checks.update({name: {"ok": False, "error": "database unavailable"} for name in REPORTED})
    if not all(checks[name]["ok"] for name in REQUIRED):
        status, word = 503, "down"
    elif not all(checks[name]["ok"] for name in REPORTED):
        status, word = 200, "degraded"
    else:
        status, word = 200, "ok"
    return status, {"status": word, "checks": checks}


def readyz(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    status, report = readiness()
    response = HttpResponse(
        json.dumps(report, indent=2) + "\n", status=status, content_type="application/json"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


class ReadinessMiddleware:
    """Answer ``/readyz`` before anything that needs the database (see above)."""

    PATH = "/readyz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == self.PATH:
            return readyz(request)
        return self.get_response(request)
