"""The citizen's catalogue in Chromium: the filter panel on a phone, chips, tab order, the
search label, the map's marker icon and script."""

import re

import pytest

from tests.e2e.conftest import new_page

pytestmark = pytest.mark.e2e

SCREENS = None


@pytest.fixture
def phone390(browser):
    page = new_page(browser, width=390, height=844)
    yield page
    page.context.close()


@pytest.fixture
def desktop(browser):
    page = new_page(browser, width=1366, height=900)
    yield page
    page.context.close()


def test_on_a_phone_the_filter_panel_is_above_the_first_result(site, phone390):
    page = phone390
    page.goto(site.url + "/progetti/?circoscrizione=6")
    summary = page.locator(".tsf-filter-summary")
    first_card = page.locator(".tsf-card").first
    assert summary.is_visible()
    assert summary.inner_text().startswith("Filtra")
    assert "1 attivo" in summary.inner_text()
    assert summary.bounding_box()["y"] < first_card.bounding_box()["y"]
    # Folded: the checkboxes are hidden until the visitor opens the panel.
    assert not page.locator("#id_q").is_visible()
    summary.click()
    assert page.locator("#id_q").is_visible()
    assert page.locator("#id_q").bounding_box()["y"] < first_card.bounding_box()["y"]


def test_on_a_phone_the_chips_remove_filters(site, phone390):
    page = phone390
    page.goto(site.url + "/progetti/?circoscrizione=6&tema=disoccupazione")
    assert page.locator(".tsf-chip").count() == 2
    assert "3 progetti trovati" in page.locator("#results-title").inner_text()
    page.locator(".tsf-chip", has_text="Circoscrizione").click()
    page.wait_for_url(re.compile(r"/progetti/\?tema=disoccupazione$"))
    assert page.locator(".tsf-chip").count() == 1
    page.get_by_role("link", name="Rimuovi tutti").click()
    page.wait_for_url(re.compile(r"/progetti/$"))
    assert page.locator(".tsf-chip").count() == 0


def test_the_keyboard_reaches_the_filters_before_the_results(site, desktop):
    page = desktop
    page.goto(site.url + "/progetti/")
    presses = 0
    reached = None
    while presses < 80:
        page.keyboard.press("Tab")
        presses += 1
        focused = page.evaluate(
            "() => { const e = document.activeElement; return [e.id, e.className]; }"
        )
        if focused[0] == "id_q":
            reached = "filters"
            break
        if "tsf-card-link" in (focused[1] or ""):
            reached = "results"
            break
    assert reached == "filters", presses
    assert presses < 40


def test_on_a_desktop_the_panel_is_open_and_a_checkbox_applies_at_once(site, desktop):
    page = desktop
    page.goto(site.url + "/progetti/")
    assert page.locator("#id_q").is_visible()
    assert not page.locator(".tsf-filter-summary").is_visible()
    page.get_by_label(re.compile(r"^Circoscrizione 6")).check()
    page.wait_for_url(re.compile(r"circoscrizione=6"))
    assert "3 progetti trovati" in page.locator("#results-title").inner_text()


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_the_search_label_does_not_cover_the_typed_text_nor_block_clicks(
    site, browser, width, height
):
    page = new_page(browser, width=width, height=height)
    try:
        page.goto(site.url + "/progetti/")
        if not page.locator("#id_q").is_visible():
            page.locator(".tsf-filter-summary").click()
        label = page.locator("label[for=id_q]").bounding_box()
        field = page.locator("#id_q").bounding_box()
        assert label["y"] + label["height"] <= field["y"] + 1  # above, not on top
        # A click in the middle of the field lands on the field itself.
        x, y = field["x"] + field["width"] / 2, field["y"] + field["height"] / 2
        hit = page.evaluate(f"() => document.elementFromPoint({x}, {y}).id")
        assert hit == "id_q"
        page.locator("#id_q").click()
        page.keyboard.type("poverta")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"q=poverta"))
        assert "3 progetti trovati" in page.locator("#results-title").inner_text()
        assert page.locator("mark").count() >= 3
    finally:
        page.context.close()


# --- The map -----------------------------------------------------------------------------


def test_the_map_script_and_marker_icon_answer_and_show(site, desktop):
    from projects.models import Place

    Place.objects.filter(project__slug="tricircolo").update(
        latitude="45.083000", longitude="7.694000"
    )
    page = desktop
    answers = {}
    page.on("response", lambda r: answers.__setitem__(r.url.split("?")[0], r.status))
    # No internet in tests: tiles are refused, the page must still work.
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    page.goto(site.url + "/mappa/")
    page.get_by_role("button", name="Mostra mappa").click()
    marker = page.locator(".leaflet-marker-icon").first
    marker.wait_for()
    page.wait_for_function("() => document.querySelector('.leaflet-marker-icon').complete")
    assert page.evaluate("() => document.querySelector('.leaflet-marker-icon').naturalWidth") > 0
    icons = {url: status for url, status in answers.items() if "marker-icon" in url}
    scripts = {url: status for url, status in answers.items() if url.endswith("js/map.js")}
    assert icons and all(status == 200 for status in icons.values()), answers
    assert scripts and all(status == 200 for status in scripts.values()), answers
    assert not any("/mappa/marker-icon" in url for url in answers)


def test_staff_find_a_place_by_its_address_and_see_the_pin_before_saving(browser, site, make_staff):
    import json

    from django.core.management import call_command

    from projects.models import Place
    from tests.e2e.test_staff_workflows import log_in

    call_command("sync_roles", stdout=__import__("io").StringIO())
    editor = make_staff("Redazione")
    place = Place.objects.get(project__slug="non-di-solo-pane")
    page = new_page(browser, width=1366, height=900)
    asked = []

    def nominatim(route):
        asked.append(route.request.url)
        body = [{"lat": "45.0823100", "lon": "7.6941100", "display_name": "Via Baltea 3, Torino"}]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    try:
        page.route(re.compile(r"https://nominatim\.openstreetmap\.org/.*"), nominatim)
        page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
        log_in(page, site.url, editor)
        page.goto(f"{site.url}/admin/projects/project/{place.project_id}/change/")
        assert asked == []  # nothing is asked before the click
        page.get_by_role("button", name="Trova l'indirizzo sulla mappa").first.click()
        page.locator(".tsf-place-map .leaflet-marker-icon").wait_for()
        assert "q=via+Baltea+3%2C+Torino" in asked[0]
        assert page.locator("input[name=places-0-latitude]").input_value() == "45.082310"
        assert page.locator("input[name=places-0-longitude]").input_value() == "7.694110"
        assert (
            "Trovato: Via Baltea 3, Torino" in page.locator(".tsf-place-status").first.inner_text()
        )
        assert "Nominatim" in page.locator(".tsf-place-credit").first.inner_text()
        # A click on the map moves the pin and the coordinates with it.
        box = page.locator(".tsf-place-map").first.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.7)
        assert page.locator("input[name=places-0-latitude]").input_value() != "45.082310"
        page.locator("input[name=places-0-latitude]").fill("45.082310")
        page.locator("input[name=places-0-longitude]").fill("7.694110")
        page.locator("input[name=_save]").click()
        page.wait_for_url(re.compile(r"/admin/projects/project/$"))
    finally:
        page.context.close()
    place.refresh_from_db()
    assert (str(place.latitude), str(place.longitude)) == ("45.082310", "7.694110")
