"""The staff's workspace in a real browser (Debian's Chromium, never downloaded).

- an editor (Redazione) writes with the visual editor, creates and publishes a project
  with an image, and finds it on the public site;
- reception (Accoglienza) checks an attendee in from a phone-sized screen.

Logins go through the real form: django-axes needs the request in authenticate().
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import STAFF_PASSWORD
from tests.e2e.conftest import new_page

pytestmark = pytest.mark.e2e


def open_page(browser, *, width=1280, height=900):
    """A page that records the console errors, Content Security Policy violations included."""
    page = new_page(browser, width=width, height=height)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.csp_errors = errors
    return page


def log_in(page, base_url, user):
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", STAFF_PASSWORD)
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


def test_editor_rewrites_a_content_page_with_the_visual_editor(browser, staff_site, make_staff):
    from torino_social_factory.models import Page

    Page.objects.create(slug="faq", title="Domande frequenti", body="<p>Vecchio testo</p>")
    editor = make_staff("Redazione")
    page = open_page(browser)
    log_in(page, staff_site.url, editor)
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


def test_editor_creates_and_publishes_a_project_with_an_image(
    browser, staff_site, make_staff, image_bytes, tmp_path
):
    from projects.models import Organisation, Project

    photo = tmp_path / "orto.jpg"
    photo.write_bytes(image_bytes(900, 600, color=(40, 120, 60)))
    Organisation.objects.create(slug="rete-orti", name="Rete Orti Urbani APS")
    editor = make_staff("Redazione")
    page = open_page(browser)
    log_in(page, staff_site.url, editor)
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
    page.set_input_files("#id_cover_image", str(photo))
    page.click("input[name=_save]")
    # Alt text is required with an image: the form says so and keeps everything else.
    page.locator(".errornote").wait_for()
    assert page.get_by_text("Il testo alternativo è obbligatorio").first.is_visible(), page.locator(
        "#content-main"
    ).inner_text()[:2000]
    page.set_input_files("#id_cover_image", str(photo))
    page.fill("#id_cover_image_alt", "Persone che seminano in un orto tra i palazzi")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/projects/project/$"))
    project = Project.objects.get(slug="orti-condivisi-in-barriera")
    assert project.is_published and project.cover_image
    assert "<p>Ogni sabato si semina insieme.</p>" in project.description.replace("<br>", "")
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]

    visitor = open_page(browser)
    visitor.goto(f"{staff_site.url}/progetti/")
    visitor.get_by_role("link", name="Orti condivisi in Barriera").first.click()
    visitor.wait_for_url(re.compile(r"/progetti/orti-condivisi-in-barriera/$"))
    assert visitor.locator("h1", has_text="Orti condivisi in Barriera").count() == 1
    assert visitor.locator('img[alt="Persone che seminano in un orto tra i palazzi"]').count() >= 1
    assert "Ogni sabato si semina insieme." in visitor.content()
    page.context.close()
    visitor.context.close()


def test_reception_checks_an_attendee_in_from_a_phone(
    browser, staff_site, make_staff, make_event, register
):
    from events.models import Registration

    now = timezone.now()
    event = make_event(
        slug="risultati",
        starts_at=now + timedelta(hours=2),
        ends_at=now + timedelta(hours=6),
        capacity=50,
        registration_opens_at=now - timedelta(days=5),
    )
    for i, name in enumerate(["Maria Rossi", "Luca Bianchi", "Anna Verdi"]):
        register(event, f"{i}@example.org", name=name)
    reception = make_staff("Accoglienza")

    page = open_page(browser, width=390, height=844)
    log_in(page, staff_site.url, reception)
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


def test_admin_pages_work_in_the_browser_under_the_site_csp(
    browser, staff_site, superuser, make_event, register
):
    """The admin's own scripts (calendar, autocomplete, collapsible fieldsets, inlines)
    and ours run with script-src 'self' and style-src 'self': no relaxation for /admin/."""
    now = timezone.now()
    event = make_event(
        slug="csp",
        title="Evento di prova",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
        capacity=10,
    )
    registration = register(event, "m@example.org")
    page = open_page(browser)
    log_in(page, staff_site.url, superuser)
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
