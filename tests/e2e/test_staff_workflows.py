"""The staff's workspace in a real browser (Debian's Chromium, never downloaded).

- an editor (Redazione) writes with the visual editor, creates and publishes a project
  with an image, and finds it on the public site;
- reception (Accoglienza) checks an attendee in from a phone-sized screen.

Logins go through the real form: django-axes needs the request in authenticate().
"""

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # ORM set-up next to Playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "porta-di-via-regaldi-2020"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Chromium non trovato in /usr/bin/chromium: test nel browser dello staff saltati",
    ),
]


@pytest.fixture
def staff_browser(browser):
    """The suite's one Chromium (tests/e2e/conftest.py): a second sync Playwright in
    the same process would clash with the first one's event loop."""
    return browser


def open_page(browser, *, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="it-IT")
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.csp_errors = errors
    return page


def make_staff(username, group_name):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    # Live-server tests flush the database, groups from the data migration included.
    call_command("sync_roles", stdout=StringIO())
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


@pytest.fixture
def staff_site(live_server, transactional_db):
    return live_server


def test_editor_rewrites_a_content_page_with_the_visual_editor(staff_browser, staff_site):
    from torino_social_factory.models import Page

    Page.objects.create(slug="faq", title="Domande frequenti", body="<p>Vecchio testo</p>")
    make_staff("redazione", "Redazione")
    page = open_page(staff_browser)
    log_in(page, staff_site.url, "redazione")
    page.click("text=Pagine")
    page.click("text=Domande frequenti")
    editor = page.locator("#id_body-editor")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Come ci si iscrive")
    italian = page.get_by_role("group", name="Italiano")
    italian.get_by_role("button", name="Titolo di sezione", exact=True).click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Dalla pagina dell'evento.")
    italian.get_by_role("button", name="Grassetto", exact=True).click()
    page.keyboard.type(" Gratis.")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/torino_social_factory/page/$"))
    body = Page.objects.get(slug="faq").body
    assert "<h2>Come ci si iscrive</h2>" in body
    assert "Dalla pagina dell'evento." in body and "Gratis." in body
    assert "<b>" in body or "<strong>" in body
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]
    page.goto(f"{staff_site.url}/faq/")
    assert page.locator("main h2", has_text="Come ci si iscrive").count() == 1
    page.context.close()
