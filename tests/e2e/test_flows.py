"""The visitor's flows in a real browser, written against the public URL contract:
browse the catalogue down to a project and its organisation, register, open the
personal link, cancel, and the person waiting is promoted; register with the keyboard only.
"""

import re

import pytest
from django.core import mail

from tests.e2e.conftest import screenshot
from tests.public_pages import first_event

pytestmark = pytest.mark.e2e

PERSONAL_LINK = re.compile(r"(/(?:en/)?iscrizione/(?!link-perso)[A-Za-z0-9_\-.~]{16,}/)")


def test_home_catalogue_filter_project_organisation(site, page):
    page.goto(site.url + "/")
    page.get_by_role("link", name="Esplora i progetti").click()
    page.wait_for_url(re.compile(r"/progetti/$"))
    screenshot(page, "progetti")
    total = page.locator("main a[href^='/progetti/']").count()

    # Filter by the first theme, the way a visitor does (works without JavaScript).
    filters = page.locator("main form[method=get]").filter(has=page.locator("[name=tema]")).first
    theme = filters.locator("[name=tema]").first
    if theme.evaluate("el => el.tagName") == "SELECT":
        theme.select_option(index=1)
    else:
        theme.check(force=True)  # Bootstrap Italia draws the box on the label
    filters.locator("[type=submit]").first.click()
    page.wait_for_url(re.compile(r"[?&]tema="))
    screenshot(page, "progetti-filtrati")
    results = page.locator("main a[href^='/progetti/']:not([href*='?'])")
    assert 0 < results.count() <= max(total, 1)

    results.first.click()
    page.wait_for_url(re.compile(r"/progetti/[\w-]+/$"))
    assert page.locator("h1").count() == 1
    screenshot(page, "progetto")

    page.locator("main a[href^='/organizzazioni/']").first.click()
    page.wait_for_url(re.compile(r"/organizzazioni/[\w-]+/$"))
    assert page.locator("h1").count() == 1
    screenshot(page, "organizzazione")


def event_url():
    return first_event().get_absolute_url()


def open_registration_form(page, site):
    page.goto(site.url + event_url())
    page.locator("main").get_by_role(
        "link", name=re.compile(r"iscriviti|iscrizione", re.I)
    ).first.click()
    page.wait_for_url(re.compile(r"/iscrizione/$"))
    return page.locator("main form[method=post]").first


def fill_registration(form, *, name, email):
    form.locator("input[name=name], input[autocomplete=name]").first.fill(name)
    form.locator("input[type=email]").first.fill(email)
    for box in form.locator(
        "input[type=checkbox][required], input[type=checkbox][name*=privacy]"
    ).all():
        box.check(force=True)  # Bootstrap Italia draws the box on the label


def personal_link(site, email):
    """The personal link in the latest e-mail to ``email`` among those sent so far."""
    for message in reversed(mail.outbox):
        if email in message.to:
            bodies = [message.body] + [alt[0] for alt in getattr(message, "alternatives", [])]
            for body in bodies:
                found = PERSONAL_LINK.search(body)
                if found:
                    return site.url + found.group(1)
    raise AssertionError(f"no personal link e-mailed to {email}")


def register_in_browser(page, site, send_outbox, *, name, email):
    form = open_registration_form(page, site)
    fill_registration(form, name=name, email=email)
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("main .invalid-feedback:visible").count() == 0, page.url
    send_outbox()
    return personal_link(site, email)


def test_register_open_the_link_cancel_and_the_waitlisted_person_is_promoted(
    site, page, send_outbox
):
    from events.models import Event, Registration

    event = Event.objects.get(pk=first_event().pk)
    event.capacity = 1
    event.waitlist_enabled = True
    event.save()

    first_link = register_in_browser(
        page, site, send_outbox, name="Rita Levi-Montalcini", email="rita@example.org"
    )
    screenshot(page, "iscrizione-confermata")
    register_in_browser(page, site, send_outbox, name="Primo Levi", email="primo@example.org")
    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {"rita@example.org": "confirmed", "primo@example.org": "waitlisted"}

    page.goto(first_link)
    screenshot(page, "pagina-personale")
    assert "Rita Levi-Montalcini" in page.locator("main").inner_text()
    page.locator("main").get_by_role("link", name=re.compile(r"annulla iscrizione", re.I)).click()
    page.wait_for_load_state()
    # A second step: nothing is cancelled until the person confirms.
    assert Registration.objects.get(email="rita@example.org").status == "confirmed"
    page.locator("main").get_by_role("button", name=re.compile(r"sì, annulla", re.I)).click()
    page.wait_for_load_state()
    screenshot(page, "iscrizione-annullata")

    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {"rita@example.org": "cancelled", "primo@example.org": "confirmed"}
    send_outbox()
    promoted = [m for m in mail.outbox if "primo@example.org" in m.to]
    assert len(promoted) >= 2, "the promoted person must be told by e-mail"


def tab_to(page, predicate_js, limit=150):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate_js}; }}"):
            return
    raise AssertionError(f"Tab never reached: {predicate_js}")


def test_keyboard_only_registration(site, page):
    from events.models import Registration

    page.goto(site.url + event_url())
    tab_to(page, "el.tagName === 'A' && /iscri/i.test(el.textContent) && !!el.closest('main')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/iscrizione/$"))

    typed = {"text": "Natalia Ginzburg", "email": "natalia@example.org"}
    submitted = False
    for _ in range(80):
        page.keyboard.press("Tab")
        el = page.evaluate(
            """() => { const el = document.activeElement;
              return {tag: el.tagName, type: el.type || '', name: el.name || '',
                      required: !!el.required, inForm: !!el.closest('main form[method=post]'),
                      autocomplete: el.autocomplete || ''}; }"""
        )
        if not el["inForm"]:
            continue
        if el["tag"] == "INPUT" and el["type"] in {"text", "email"}:
            value = typed["email"] if el["type"] == "email" else typed["text"]
            if el["type"] == "text" and el["autocomplete"] not in {"name", ""}:
                continue
            page.keyboard.type(value)
        elif el["type"] == "checkbox" and (el["required"] or "privacy" in el["name"]):
            page.keyboard.press("Space")
        elif el["type"] == "submit" or (el["tag"] == "BUTTON" and el["type"] in {"submit", ""}):
            page.keyboard.press("Enter")
            submitted = True
            break
    assert submitted, "the submit button is not reachable with Tab"
    page.wait_for_load_state()
    screenshot(page, "iscrizione-da-tastiera")
    assert Registration.objects.filter(email="natalia@example.org").exists()
