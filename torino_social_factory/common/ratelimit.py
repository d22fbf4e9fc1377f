"""How many times one address may post a form in an hour, and single-use form tokens.

Counts live in the ``limits`` cache, which every worker process shares: Redis when
``REDIS_URL`` is set, else a table in the database (Django's database cache). A
process's own memory would give each gunicorn worker its own count.
"""

import base64
import hashlib
import pickle
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
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


def over_limit(request, scope, limit, *, period=3600):
    """Count this request against ``scope`` and say whether the address is over ``limit``.

    Turned off with ``DJANGO_RATELIMIT_ENABLED=0`` for load tests that send every
    request from one address.
    """
    if not settings.RATELIMIT_ENABLED:
        return False
    return _count(f"count:{scope}:{client_address(request)}", period) > limit


def _count(key, period):
    """Count one more request under ``key``; the number counted in its window, which
    starts with the first request and lasts ``period`` seconds."""
    backend = _limits()
    if isinstance(backend, DatabaseCache):
        return _increment_row(backend, router.db_for_write(backend.cache_model_class), key, period)
    # Redis: add() then incr() are each atomic, and incr() keeps the expiry add() set.
    backend.add(key, 0, period)
    try:
        return backend.incr(key)
    except ValueError:  # the key expired between add and incr
        return 0


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
# whole table on every write, to cull it when full) and is a read then a write, which
# two workers can interleave. One INSERT … ON CONFLICT is atomic by itself and
# also raises when the database is busy (the form answers "riprova tra poco" instead of
# "already used"). Its expired rows go with ``forget_expired`` (the nightly purge).
def _add(key, value, period):
    backend = _limits()
    if isinstance(backend, DatabaseCache):
        alias = router.db_for_write(backend.cache_model_class)
        return _insert_unless_present(backend, alias, key, value, period)
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


def _increment_row(backend, alias, key, period):
    """The count in one atomic statement. Django's database cache would not do: its
    incr() is a read then a write, and it sets the row's expiry again to the default
    timeout (five minutes) on every write, so "10 an hour" would become "10 every five
    minutes of silence". Here the window's end is written once, by its first request.
    The value is a plain number, not a pickle: only this function reads these rows."""
    connection = connections[alias]
    ops = connection.ops
    table, expires, value = (
        ops.quote_name(backend._table),
        ops.quote_name("expires"),
        ops.quote_name("value"),
    )
    now = timezone.now().replace(microsecond=0)
    expired = f"{table}.{expires} < %s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({ops.quote_name('cache_key')}, {value}, {expires}) "
            f"VALUES (%s, '1', %s) ON CONFLICT ({ops.quote_name('cache_key')}) DO UPDATE SET "
            f"{value} = CASE WHEN {expired} THEN '1' "
            f"ELSE CAST(CAST({table}.{value} AS INTEGER) + 1 AS TEXT) END, "
            f"{expires} = CASE WHEN {expired} THEN excluded.{expires} ELSE {table}.{expires} END "
            f"RETURNING {value}",
            [
                backend.make_and_validate_key(key),
                ops.adapt_datetimefield_value(now + timedelta(seconds=period)),
                ops.adapt_datetimefield_value(now),
                ops.adapt_datetimefield_value(now),
            ],
        )
        return int(cursor.fetchone()[0])


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
