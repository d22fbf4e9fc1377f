"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

No browser is ever downloaded: Playwright launches /usr/bin/chromium (or CHROMIUM_PATH).
Without it every e2e test is skipped with one clear message.
"""

import os
import re
from io import StringIO
from pathlib import Path

import pytest

from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# to prepare data are still plain synchronous calls, so Django's guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).parent / "artifacts"
SKIP_MESSAGE = "Chromium non trovato: test nel browser saltati; installa chromium e chromium-driver"


def pytest_collection_modifyitems(config, items):
    if HAVE_CHROMIUM:
        return
    skip = pytest.mark.skip(reason=SKIP_MESSAGE)
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not HAVE_CHROMIUM:
        terminalreporter.write_line(SKIP_MESSAGE, yellow=True, bold=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The seeded site (demo dates, so registration is open) on the live server."""
    from django.core.management import call_command

    settings.RATELIMIT_ENABLED = False
    settings.EVENTS_MIN_FILL_SECONDS = 0  # a robot fills forms faster than any person
    call_command("seed", demo=True, stdout=StringIO())
    return live_server


def new_page(browser, *, width=1280, height=900, bypass_csp=False):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="it-IT",
        bypass_csp=bypass_csp,  # only for injecting axe-core; the site's own CSP stays on
        service_workers="block",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser):
    page = new_page(browser, width=320, height=640)
    yield page
    page.context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "page"
    page.screenshot(path=ARTIFACTS / f"{safe}.png", full_page=True)
