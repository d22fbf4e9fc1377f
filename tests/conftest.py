"""Shared fixtures. Every test gets a clean cache and its own MEDIA_ROOT."""

import os
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command

# With Redis (CI's second pass) several test runs may share one server: each run keeps
# its keys under its own prefix and clears only those, never the whole database.
TEST_CACHE_PREFIX = f"tsf-test-{os.getpid()}"

pytest_plugins = ["tests.events.fixtures"]


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


def _clear_test_cache():
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{TEST_CACHE_PREFIX}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": TEST_CACHE_PREFIX}
        for name, config in settings.CACHES.items()
    }
    _clear_test_cache()
    yield
    _clear_test_cache()


@pytest.fixture
def seeded(db):
    """The real seed content, as `manage.py seed` loads it."""
    from io import StringIO

    from django.core.management import call_command

    call_command("seed", stdout=StringIO())


@pytest.fixture
def send_outbox():
    """Run the outbox sender once, as cron does; return the e-mails it handed to Django's
    test mailbox (none when the test points the sender at a real SMTP server)."""

    def send():
        already = len(mail.outbox)
        call_command("send_outbox", stdout=StringIO(), stderr=StringIO())
        return mail.outbox[already:]

    return send
