"""URL reversing for the links every page prints many times.

A project card links its project, lead organisation, districts, neighbourhoods and
themes; a list of forty cards reverses hundreds of URLs, and ``reverse`` walks the
resolver each time. The answer only depends on the name, the arguments, the active
language (i18n_patterns puts /en/ in front) and the script prefix, and the URL
configuration never changes while the process runs: so it is remembered per process.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=8192)
def _reverse(viewname, args, language, prefix, urlconf):
    return reverse(viewname, args=args or None, urlconf=urlconf)


def reverse_cached(viewname, *args):
    """``reverse(viewname, args=args)``, remembered; positional arguments only."""
    return _reverse(viewname, args, get_language(), get_script_prefix(), get_urlconf())
