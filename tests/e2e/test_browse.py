"""Browsing the site as people do: with a mouse, with the keyboard only, on a phone."""

import re

import pytest

from tests.e2e.conftest import screenshot
from tests.public_pages import html_pages

pytestmark = pytest.mark.e2e


def visible_h1(page):
    heading = page.locator("h1")
    assert heading.count() == 1
    return heading.inner_text().strip()


def test_browse_home_programme_and_content_pages(site, page):
    page.goto(site.url + "/")
    assert visible_h1(page) == "Torino Social Factory"
    screenshot(page, "home")

    page.get_by_role("link", name="Scopri il programma").click()
    page.wait_for_url(re.compile(r"/il-programma/$"))
    assert visible_h1(page)
    screenshot(page, "il-programma")

    for element, slug in (
        ("privacy-policy-link", "privacy"),
        ("legal-notes", "note-legali"),
        ("faq", "faq"),
    ):
        page.locator(f'footer a[data-element="{element}"]').first.click()
        page.wait_for_url(re.compile(rf"/{slug}/$"))
        assert visible_h1(page)
        screenshot(page, slug)


def test_the_language_switch_leads_to_the_english_page(site, page):
    page.goto(site.url + "/il-programma/")
    page.locator('a[hreflang="en"], a[lang="en"]').first.click()
    page.wait_for_url(re.compile(r"/en/"))
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "en-il-programma")


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, page):
    page.goto(site.url + "/il-programma/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href'),"
        " visible: document.activeElement.getBoundingClientRect().height > 0})"
    )
    assert focused["href"] == "#main", focused
    assert focused["visible"], "the skip link must become visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main, footer, .tsf-feedback')")


def test_every_interactive_element_shows_where_the_focus_is(site, page):
    """Tab through the home page: each stop is visible and has a focus indicator."""
    page.goto(site.url + "/")
    missing = []
    for _ in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => { const el = document.activeElement; if (el === document.body) return null;
              const s = getComputedStyle(el); const r = el.getBoundingClientRect();
              return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 40),
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                shadow: s.boxShadow !== 'none', visible: r.width > 0 && r.height > 0}; }"""
        )
        if state is None:
            break
        if not state["visible"] or not (state["outline"] or state["shadow"]):
            missing.append(state)
    assert missing == [], missing


@pytest.mark.parametrize("width", [320])
def test_phone_viewport_has_no_horizontal_scroll_and_shows_the_eu_strip(site, browser, width):
    from tests.e2e.conftest import new_page

    phone = new_page(browser, width=width, height=640)
    try:
        problems = []
        for public_page in html_pages(english=False):
            phone.goto(site.url + public_page.url)
            overflow = phone.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                wide = phone.evaluate(
                    """() => [...document.querySelectorAll('body *')].filter(el =>
                        el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                      .slice(0, 5).map(el => el.tagName + '.' + el.className)"""
                )
                problems.append(f"{public_page.url}: {overflow}px too wide ({wide})")
            strip = phone.locator('[data-element="eu-funding"]').first
            box = strip.bounding_box()
            if not strip.is_visible() or box is None or box["y"] + box["height"] > 640:
                problems.append(f"{public_page.url}: EU strip not visible without scrolling")
            emblem = phone.locator('[data-element="eu-funding"] img.eu-emblem').first
            if not emblem.is_visible():
                problems.append(f"{public_page.url}: EU emblem hidden on the phone")
        phone.goto(site.url + "/")
        screenshot(phone, "home-320px")
        assert problems == [], "\n".join(problems)
    finally:
        phone.context.close()


def test_the_main_menu_opens_on_the_phone(site, phone):
    phone.goto(site.url + "/")
    toggle = phone.locator(".custom-navbar-toggler, button[aria-controls]").first
    assert toggle.is_visible(), "at 320 px the main menu hides behind its button"
    toggle.click()
    link = phone.get_by_role("link", name="Il programma").first
    link.wait_for(state="visible")
    link.click()
    phone.wait_for_url(re.compile(r"/il-programma/$"))


def test_the_404_page_is_in_the_frame(site, page):
    response = page.goto(site.url + "/pagina-che-non-esiste/")
    assert response.status == 404
    assert page.locator('[data-element="eu-funding"]').count() == 1
    assert visible_h1(page)
    screenshot(page, "404")
