"""Shared fixtures.

Every test gets a clean cache and its own MEDIA_ROOT. Beside them: the seed, the staff
(one superuser; one member of each role the roles migration creates), the outbox
sender, the one query counter and real image bytes. The event factories live in
tests/events/fixtures.py and the catalogue ones in tests/projects/conftest.py.
"""

import io
import os
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# With Redis (CI's second pass) several test runs may share one server: each run keeps
# its keys under its own prefix and clears only those, never the whole database.
TEST_CACHE_PREFIX = f"tsf-test-{os.getpid()}"

# The dashboard and admin tests build events too, so the event factories are shared.
pytest_plugins = ["tests.events.fixtures"]

# Every staff member the fixtures create has this password, for logins through the form.
STAFF_PASSWORD = "una-password-lunga-42"


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations(django_db_blocker):
    """Tests see the same compiled catalogues as the running site."""
    call_command("compile_translations", stdout=StringIO())
    # Catalogues loaded before the .mo files existed (a fresh checkout, as in CI) stay
    # cached without them: forget them so every test sees the compiled ones.
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()


def _clear_test_cache():
    for alias in caches.settings:
        backend = caches[alias]
        if isinstance(backend, RedisCache):
            client = backend._cache.get_client(write=True)
            keys = list(client.scan_iter(match=f"{TEST_CACHE_PREFIX}:*"))
            if keys:
                client.delete(*keys)
        elif isinstance(backend, DatabaseCache):
            # The limits' table (no Redis): a transactional test's rows would stay for
            # the next test. Tests without database access have none to clear.
            try:
                backend.clear()
            except (RuntimeError, DatabaseError):
                pass
        else:
            backend.clear()


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
    call_command("seed", stdout=StringIO())


# --- Staff --------------------------------------------------------------------------------


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("capo", "capo@example.org", STAFF_PASSWORD)


@pytest.fixture
def superuser_client(superuser):
    return _logged_in(superuser)


@pytest.fixture
def make_staff(db, django_user_model):
    """A staff member in one of the groups the roles migration creates: "Redazione"
    (editors), "Accoglienza" (reception at the door) or "Amministrazione"."""
    from django.contrib.auth.models import Group

    def make(group, username=None):
        user = django_user_model.objects.create_user(
            username or group.lower(), password=STAFF_PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def editor_client(make_staff):
    return _logged_in(make_staff("Redazione"))


@pytest.fixture
def reception_client(make_staff):
    return _logged_in(make_staff("Accoglienza"))


@pytest.fixture
def administration_client(make_staff):
    return _logged_in(make_staff("Amministrazione"))


# --- Helpers ------------------------------------------------------------------------------


@pytest.fixture
def send_outbox():
    """Run the outbox sender once, as cron does; return the e-mails it handed to Django's
    test mailbox (none when the test points the sender at a real SMTP server)."""

    def send():
        already = len(mail.outbox)
        call_command("send_outbox", stdout=StringIO(), stderr=StringIO())
        return mail.outbox[already:]

    return send


@pytest.fixture
def count_queries():
    """The SQL queries of one GET of ``url`` once the per-process caches (site settings,
    menus, the content version) are warm: ``warm`` GETs fill them first (two, because
    after a change the first read refills them). The page must answer 200."""

    def count(client, url, *, warm=2):
        for _ in range(warm):
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(captured)

    return count


@pytest.fixture
def image_bytes():
    """A small real image, JPEG unless told otherwise (optionally with GPS EXIF)."""
    from PIL import Image

    def make(width=1600, height=900, *, fmt="JPEG", gps=False, color=(200, 30, 30)):
        image = Image.new("RGB", (width, height), color)
        out = io.BytesIO()
        options = {}
        if gps:
            exif = Image.Exif()
            exif[0x010F] = "TestCamera"  # Make
            exif[0x8825] = {1: "N", 2: (45.0, 4.0, 12.0), 3: "E", 4: (7.0, 41.0, 10.0)}
            options["exif"] = exif.tobytes()
        image.save(out, format=fmt, **options)
        return out.getvalue()

    return make
