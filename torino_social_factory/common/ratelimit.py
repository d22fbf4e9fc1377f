"""How many times one address may post a form in an hour, and single-use form tokens.

Counts live in the ``limits`` cache, which every worker process shares: Redis when
``REDIS_URL`` is set, else a table in the database (Django's database cache). A
process's own memory would give each gunicorn worker its own count.
"""

import hashlib
import zlib

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


def client_address(request):
    """The visitor's address. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies it is the
    address the outermost one saw: each proxy appends the address it received the
    request from to X-Forwarded-For, so the n-th entry from the right is the last one
    a trusted machine wrote; whatever the client put further left is ignored."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < trusted:
        # Fewer entries than proxies: the request did not come through all of them.
        return forwarded[0] if forwarded else remote
    return forwarded[-trusted]


def _limits():
    return caches["limits"]


class _atomic_on_database_cache:
    """Make add + incr one step when the counts are a database table.

    Django's database cache does incr as read-then-write, which loses counts when
    workers hit it together. In a transaction (SQLite: IMMEDIATE, which takes the write
    lock at BEGIN; PostgreSQL: plus an advisory lock on the key) the two are atomic.
    """

    def __init__(self, backend, key):
        self.backend, self.key = backend, key
        self.atomic = None

    def __enter__(self):
        if not isinstance(self.backend, DatabaseCache):
            return
        alias = router.db_for_write(self.backend.cache_model_class)
        self.atomic = transaction.atomic(using=alias)
        self.atomic.__enter__()
        connection = connections[alias]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(self.key.encode()) - 2**31]
                )

    def __exit__(self, *exc):
        if self.atomic is not None:
            return self.atomic.__exit__(*exc)
        return False


def over_limit(request, scope, limit, *, period=3600):
    """Count this request against ``scope`` and say whether the address is over ``limit``.

    Turned off with ``DJANGO_RATELIMIT_ENABLED=0`` for load tests that send every
    request from one address.
    """
    if not settings.RATELIMIT_ENABLED:
        return False
    backend = _limits()
    key = f"rate:{scope}:{client_address(request)}"
    with _atomic_on_database_cache(backend, key):
        backend.add(key, 0, period)
        try:
            return backend.incr(key) > limit
        except ValueError:  # the key expired between add and incr
            return False


def use_once(scope, value, *, period):
    """True the first time ``value`` is presented in ``scope`` (within ``period``
    seconds), False ever after: a solved challenge or a form start cannot be replayed."""
    digest = hashlib.sha256(str(value).encode()).hexdigest()
    key = f"once:{scope}:{digest}"
    backend = _limits()
    # In a transaction of its own on the database cache: a busy database then raises
    # (the form answers "riprova tra poco") instead of add() quietly saying "used".
    with _atomic_on_database_cache(backend, key):
        return backend.add(key, 1, period)
