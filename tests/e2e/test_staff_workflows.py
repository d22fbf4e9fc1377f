"""The staff's workspace in a real browser (Debian's Chromium, never downloaded).

- an editor (Redazione) writes with the visual editor, creates and publishes a project
  with an image, and finds it on the public site;
- reception (Accoglienza) checks an attendee in from a phone-sized screen.

Logins go through the real form: django-axes needs the request in authenticate().
"""

import os
import re

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

pytestmark = pytest.mark.e2e


@pytest.fixture
def staff_browser(browser):
    """The session's Chromium of tests/e2e/conftest.py: one Playwright per process
    (a second sync_playwright() inside the first one's loop is refused)."""
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
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

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
    """The live server with the three roles: a transactional test flushes the tables
    after each test, the groups of the data migration included, so re-apply them."""
    from io import StringIO

    from django.core.management import call_command

    call_command("sync_roles", stdout=StringIO())
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


def _photo(tmp_path):
    from PIL import Image

    path = tmp_path / "orto.jpg"
    Image.new("RGB", (900, 600), (40, 120, 60)).save(path, "JPEG")
    return path


def test_editor_creates_and_publishes_a_project_with_an_image(staff_browser, staff_site, tmp_path):
    from projects.models import Organisation, Project

    Organisation.objects.create(slug="rete-orti", name="Rete Orti Urbani APS")
    make_staff("redazione", "Redazione")
    page = open_page(staff_browser)
    log_in(page, staff_site.url, "redazione")
    page.locator('#content-main a[href="/admin/projects/project/add/"]').click()
    page.locator("#id_title").press_sequentially("Orti condivisi in Barriera")
    assert page.input_value("#id_slug") == "orti-condivisi-in-barriera"  # filled by the admin
    page.fill("#id_summary", "Un orto di quartiere aperto a tutti.")
    page.select_option("#id_status", "in_corso")
    for field, text in (
        ("description", "Ogni sabato si semina insieme."),
        ("objectives", "Coltivare insieme e conoscersi."),
        ("results", "Quaranta famiglie coinvolte."),
    ):
        page.locator(f"#id_{field}-editor").click()
        page.keyboard.type(text)
    # The lead organisation, chosen by typing its name (the admin's autocomplete).
    lead = page.locator("#participations-0")
    lead.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Orti")
    page.locator(".select2-results__option", has_text="Rete Orti Urbani APS").click()
    lead.locator("select[name=participations-0-role]").select_option("lead")
    page.check("#id_is_published")
    page.set_input_files("#id_cover_image", str(_photo(tmp_path)))
    page.click("input[name=_save]")
    # Alt text is required with an image: the form says so and keeps everything else.
    page.locator(".errornote").wait_for()
    assert page.get_by_text("Il testo alternativo è obbligatorio").first.is_visible(), page.locator(
        "#content-main"
    ).inner_text()[:2000]
    page.set_input_files("#id_cover_image", str(_photo(tmp_path)))
    page.fill("#id_cover_image_alt", "Persone che seminano in un orto tra i palazzi")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/projects/project/$"))
    project = Project.objects.get(slug="orti-condivisi-in-barriera")
    assert project.is_published and project.cover_image
    assert "<p>Ogni sabato si semina insieme.</p>" in project.description.replace("<br>", "")
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]

    visitor = open_page(staff_browser)
    visitor.goto(f"{staff_site.url}/progetti/")
    visitor.get_by_role("link", name="Orti condivisi in Barriera").first.click()
    visitor.wait_for_url(re.compile(r"/progetti/orti-condivisi-in-barriera/$"))
    assert visitor.locator("h1", has_text="Orti condivisi in Barriera").count() == 1
    assert visitor.locator('img[alt="Persone che seminano in un orto tra i palazzi"]').count() >= 1
    assert "Ogni sabato si semina insieme." in visitor.content()
    page.context.close()
    visitor.context.close()


def test_reception_checks_an_attendee_in_from_a_phone(staff_browser, staff_site):
    from datetime import timedelta

    from django.utils import timezone

    from events import services
    from events.models import Event, Registration

    now = timezone.now()
    event = Event.objects.create(
        slug="risultati",
        title="Presentazione dei risultati",
        summary="Un pomeriggio con i progetti.",
        starts_at=now + timedelta(hours=2),
        ends_at=now + timedelta(hours=6),
        venue_name="Triciclo / Glocal Factory",
        address="via Regaldi 7/11, Torino",
        capacity=50,
        registration_opens_at=now - timedelta(days=5),
        is_published=True,
    )
    for i, name in enumerate(["Maria Rossi", "Luca Bianchi", "Anna Verdi"]):
        services.register(event=event, name=name, email=f"{i}@example.org")
    make_staff("accoglienza", "Accoglienza")

    page = open_page(staff_browser, width=390, height=844)
    log_in(page, staff_site.url, "accoglienza")
    page.get_by_role("link", name="Apri l'accoglienza").click()
    page.wait_for_url(re.compile(rf"/admin/accoglienza/{event.pk}/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    page.fill("#door-q", "bianc")
    row = page.locator("#door-list li", has_text="Luca Bianchi")
    assert page.locator("#door-list li:visible").count() == 1
    button = row.get_by_role("button", name="Fai entrare")
    box = button.bounding_box()
    assert box["height"] >= 44  # a thumb-sized target
    button.click()
    row.get_by_role("button", name="Annulla entrata").wait_for()
    assert page.locator('[data-count="checked_in"]').first.inner_text() == "1"
    bianchi = Registration.objects.get(event=event, name="Luca Bianchi")
    assert bianchi.checked_in_at is not None
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]
    page.context.close()


def test_admin_pages_work_in_the_browser_under_the_site_csp(staff_browser, staff_site):
    """The admin's own scripts (calendar, autocomplete, collapsible fieldsets, inlines)
    and ours run with script-src 'self' and style-src 'self': no relaxation for /admin/."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from events import services
    from events.models import Event

    now = timezone.now()
    event = Event.objects.create(
        slug="csp",
        title="Evento di prova",
        summary="s",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
        venue_name="via Regaldi",
        address="via Regaldi 7, Torino",
        capacity=10,
        registration_opens_at=now - timedelta(days=1),
        is_published=True,
    )
    registration = services.register(event=event, name="Maria Rossi", email="m@example.org")
    get_user_model().objects.create_superuser("capo", password=PASSWORD)
    page = open_page(staff_browser)
    log_in(page, staff_site.url, "capo")
    for path in (
        "/admin/",
        f"/admin/events/event/{event.pk}/change/",
        "/admin/events/registration/",
        f"/admin/events/registration/{registration.registration.pk}/change/",
        "/admin/events/outboxmessage/",
        "/admin/projects/project/add/",
        "/admin/torino_social_factory/sitesettings/",
        "/admin/admin/logentry/",
        f"/admin/accoglienza/{event.pk}/",
        f"/admin/accoglienza/{event.pk}/elenco/",
    ):
        response = page.goto(staff_site.url + path)
        assert response.status == 200, path
    # The calendar shortcut of a date field is drawn by the admin's JavaScript.
    page.goto(f"{staff_site.url}/admin/events/event/{event.pk}/change/")
    assert page.locator(".datetimeshortcuts").count() >= 1
    violations = [e for e in page.csp_errors if "Content Security Policy" in e]
    assert not violations, violations
    page.context.close()
