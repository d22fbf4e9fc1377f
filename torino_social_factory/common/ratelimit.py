"""How many times one address may post a form in an hour, and single-use form tokens.

Counts live in the ``limits`` cache, which every worker process shares: Redis when
``REDIS_URL`` is set, else a table in the database (Django's database cache). A
process's own memory would give each gunicorn worker its own count.
"""

import base64
import hashlib
import pickle
import zlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


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
    return _add(f"once:{scope}:{digest}", 1, period)


def keep(key, value, *, period):
    """Store ``value`` under ``key``, a new random key, for ``period`` seconds where
    every worker process reads it (``caches["limits"].get(key)``)."""
    _add(key, value, period)


# On the database cache, Django's add() costs five or six statements (it counts the
# whole table on every write, to cull it when full) and needs the transaction and the
# advisory lock above to be atomic. One INSERT … ON CONFLICT is atomic by itself and
# also raises when the database is busy (the form answers "riprova tra poco" instead of
# "already used"). Its expired rows go with ``forget_expired`` (the nightly purge).
def _add(key, value, period):
    backend = _limits()
    if isinstance(backend, DatabaseCache):
        alias = router.db_for_write(backend.cache_model_class)
        if connections[alias].vendor in {"postgresql", "sqlite"}:
            return _insert_unless_present(backend, alias, key, value, period)
    with _atomic_on_database_cache(backend, key):
        return backend.add(key, value, period)


def forget_expired():
    """Delete the expired rows of the database cache (Redis expires its keys itself).
    Returns how many went."""
    backend = _limits()
    if not isinstance(backend, DatabaseCache):
        return 0
    connection = connections[router.db_for_write(backend.cache_model_class)]
    ops = connection.ops
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {ops.quote_name(backend._table)} WHERE {ops.quote_name('expires')} < %s",
            [ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))],
        )
        return cursor.rowcount


def _insert_unless_present(backend, alias, key, value, period):
    """``backend.add`` in one statement: the row is written if the key is new or its
    row has expired; True if it was."""
    connection = connections[alias]
    ops = connection.ops
    table, expires = ops.quote_name(backend._table), ops.quote_name("expires")
    # As DatabaseCache writes them, so that its get() reads them back.
    now = timezone.now().replace(microsecond=0)
    pickled = base64.b64encode(pickle.dumps(value, backend.pickle_protocol)).decode("latin1")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({ops.quote_name('cache_key')}, {ops.quote_name('value')}, "
            f"{expires}) VALUES (%s, %s, %s) ON CONFLICT ({ops.quote_name('cache_key')}) "
            f"DO UPDATE SET {ops.quote_name('value')} = excluded.{ops.quote_name('value')}, "
            f"{expires} = excluded.{expires} WHERE {table}.{expires} < %s RETURNING 1",
            [
                backend.make_and_validate_key(key),
                pickled,
                ops.adapt_datetimefield_value(now + timedelta(seconds=period)),
                ops.adapt_datetimefield_value(now),
            ],
        )
        return cursor.fetchone() is not None
