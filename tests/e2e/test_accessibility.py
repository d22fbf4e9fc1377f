"""axe-core (vendored, no network) on every public page type: zero WCAG A/AA violations."""

from pathlib import Path

import pytest

from tests.e2e.conftest import new_page, screenshot
from tests.public_pages import NOT_FOUND_URLS, html_pages

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations)",
        WCAG_TAGS,
    )


def describe(url, violations):
    lines = []
    for v in violations:
        lines.append(f"{url}: [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(node['target'])}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


@pytest.fixture
def scanner(browser):
    page = new_page(
        browser, bypass_csp=True
    )  # to inject axe; the page's own CSP is tested elsewhere
    yield page
    page.context.close()


def scan(scanner, url, *, name=None, prepare=None):
    scanner.goto(url)
    if prepare:
        prepare(scanner)
    violations = axe_violations(scanner)
    if name:
        screenshot(scanner, name)
    return describe(url, violations)


def scan_all(scanner, base, urls):
    reports = [scan(scanner, base + url) for url in urls]
    reports = [r for r in reports if r]
    print("\n".join(reports))
    return reports


def test_every_public_page_has_no_wcag_violations(site, scanner):
    urls = [page.url for page in html_pages()]
    reports = scan_all(scanner, site.url, urls)
    assert reports == [], "\n" + "\n".join(reports)


def test_the_404_page_has_no_wcag_violations(site, scanner):
    reports = scan_all(scanner, site.url, NOT_FOUND_URLS)
    assert reports == [], "\n" + "\n".join(reports)


def test_the_phone_layout_has_no_wcag_violations(site, browser):
    phone = new_page(browser, width=320, height=640, bypass_csp=True)
    try:
        reports = scan_all(phone, site.url, ["/", "/il-programma/"])
        assert reports == [], "\n" + "\n".join(reports)
    finally:
        phone.context.close()


def test_the_catalogue_with_filters_applied_has_no_wcag_violations(site, scanner):
    from projects.models import District, Theme

    theme = Theme.objects.order_by("pk").first()
    district = District.objects.order_by("pk").first()
    query = f"?tema={theme.slug}&circoscrizione={district.number}&q=a"
    reports = scan_all(scanner, site.url, [f"/progetti/{query}", f"/mappa/{query}"])
    assert reports == [], "\n" + "\n".join(reports)


def test_an_english_page_in_italian_with_its_note_has_no_wcag_violations(site, scanner):
    from django.core.cache import cache

    from projects.models import Project

    Project.objects.filter(slug="abito").update(summary_en="", objectives_en="")
    cache.clear()
    report = scan(scanner, site.url + "/en/progetti/abito/", name="english-italian-only-note")
    assert scanner.locator("main [role=note]", has_text="available in Italian only").count() == 1
    assert report == "", "\n" + report


def test_the_registration_form_with_errors_shown_has_no_wcag_violations(site, scanner):
    from tests.e2e.test_flows import open_registration_form

    open_registration_form(scanner, site)
    scanner.locator("main form[method=post] [type=submit]").first.click()
    scanner.wait_for_load_state()
    assert scanner.locator(".invalid-feedback, .alert-danger, [aria-invalid=true]").count() > 0
    violations = axe_violations(scanner)
    screenshot(scanner, "registration-errors")
    report = describe(scanner.url, violations)
    assert not report, "\n" + report


def test_the_personal_page_has_no_wcag_violations(site, scanner, send_outbox):
    from tests.e2e.test_flows import register_in_browser

    link = register_in_browser(
        scanner, site, send_outbox, name="Grazia Deledda", email="grazia@example.org"
    )
    report = scan(scanner, link, name="personal-page")
    assert not report, "\n" + report


def test_the_scanner_really_reports_violations(scanner):
    """Negative control: a page with known faults must fail, or the zeros above mean nothing."""
    scanner.set_content(
        '<html><head><title>x</title></head><body><main><img src="data:,">'
        '<p style="color:#777;background:#888">poco contrasto</p>'
        '<input type="text"></main></body></html>'
    )
    found = {v["id"] for v in axe_violations(scanner)}
    assert {"image-alt", "color-contrast", "label", "html-has-lang"} <= found, found
