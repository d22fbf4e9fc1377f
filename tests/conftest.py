"""Shared fixtures. Every test gets a clean cache and its own MEDIA_ROOT."""

import pytest
from django.core.cache import cache

pytest_plugins = ["tests.fixtures_projects", "tests.fixtures_events"]


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations(django_db_blocker):
    """Tests see the same compiled catalogues as the running site."""
    from io import StringIO

    from django.core.management import call_command

    call_command("compile_translations", stdout=StringIO())
    # Catalogues loaded before the .mo files existed (a fresh checkout, as in CI) stay
    # cached without them: forget them so every test sees the compiled ones.
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db):
    """The real seed content, as `manage.py seed` loads it."""
    from io import StringIO

    from django.core.management import call_command

    call_command("seed", stdout=StringIO())
