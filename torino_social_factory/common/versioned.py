"""Values derived from public content, kept for one content version.

The site's page cache (``torino_social_factory.page_cache``) reads the content version
on every request and hangs it on the request (``request.content_version``); every
change to public content bumps it. A value computed from that content therefore never
has to be forgotten: it is kept under its version, in the shared cache and in the
process, and the next version simply asks for it anew.
"""

import time

from django.conf import settings
from django.core.cache import cache

# The values this process last used: name -> (version, expiry, value). Every request
# reads the version from the database, so an entry of an older version is never used
# and a change made in another process is seen at once; keeping them here spares every
# page a cache round trip (and an unpickling) per value. Values are shared by the
# requests of the process: they are only read.
_this_process = {}


def kept(name, compute, *, version):
    """``compute()``, kept for the content ``version``; without a version (outside a
    request the page-cache middleware saw) it is computed each time."""
    if version is None:
        return compute()
    now = time.monotonic()
    entry = _this_process.get(name)
    if entry is not None and entry[0] == version and now < entry[1]:
        return entry[2]
    value = cache.get_or_set(f"derived:{name}:{version}", compute, settings.PAGE_CACHE_SECONDS)
    # Kept no longer than the shared cache keeps it, for values that also age with time.
    _this_process[name] = (version, now + settings.PAGE_CACHE_SECONDS, value)
    return value


def forget():
    """Drop what this process keeps (the shared cache was replaced)."""
    _this_process.clear()
