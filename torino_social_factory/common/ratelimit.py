"""How many times one address may post a form in an hour."""

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request, scope, limit, *, period=3600):
    """Count this request against ``scope`` and say whether the address is over ``limit``.

    Counts live in the default cache, so they hold across processes wherever the cache
    is shared. Turned off with ``DJANGO_RATELIMIT_ENABLED=0`` for load tests that send
    every request from one address.
    """
    if not settings.RATELIMIT_ENABLED:
        return False
    key = f"rate:{scope}:{client_address(request)}"
    cache.add(key, 0, period)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add and incr
        return False
