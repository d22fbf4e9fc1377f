"""The trimmed Bootstrap Italia stylesheet keeps every rule the pages can use.

`make css` (PurgeCSS, tools/css/purge.mjs) builds it from the vendored stylesheet and the
list tools/css_usage.py extracts from templates and scripts; the output is committed, so
these checks need no node. They fail when a template or a script gains a Bootstrap
Italia class and nobody rebuilt the stylesheet.
"""

import re
from pathlib import Path

import pytest

from tools.css_usage import from_script, from_template, stylesheet_classes, used

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "vendor" / "bootstrap-italia" / "css"
FULL = VENDOR / "bootstrap-italia.min.css"
TRIMMED = VENDOR / "bootstrap-italia.site.min.css"
SELECTOR_LIST = re.compile(r"([^{}]+){")


def selector_pieces(css):
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selectors in SELECTOR_LIST.findall(css):
        if selectors.lstrip().startswith("@"):
            continue
        yield from (piece.strip() for piece in re.split(r",(?![^(]*\))", selectors))


def missing_classes(classes, full_css, trimmed_css):
    """Classes of `classes` that a rule of the full stylesheet styles (a selector whose
    classes are all in use) but that no rule of the trimmed one mentions."""
    kept = stylesheet_classes(trimmed_css)
    missing = set()
    for piece in selector_pieces(full_css):
        needed = stylesheet_classes(piece + "{}")
        if needed and needed <= classes:
            missing |= needed - kept
    return missing


@pytest.fixture(scope="module")
def stylesheets():
    return FULL.read_text(), TRIMMED.read_text()


@pytest.fixture(scope="module")
def classes_in_use():
    found = used()
    return set(found["classes"]) | set(found["undetermined"])


def test_every_bootstrap_italia_class_the_pages_use_is_in_the_trimmed_stylesheet(
    stylesheets, classes_in_use
):
    missing = missing_classes(classes_in_use, *stylesheets)
    assert not missing, f"run `make css`: the trimmed stylesheet lacks {sorted(missing)}"


def test_the_check_fails_for_a_class_a_new_template_would_bring(stylesheets, classes_in_use):
    full, trimmed = stylesheets
    # A Bootstrap Italia component no page uses today, as a new template would add it.
    absent = sorted(stylesheet_classes(full) - stylesheet_classes(trimmed) - classes_in_use)
    newcomer = next(name for name in absent if name.startswith("btn-"))
    assert missing_classes(classes_in_use | {newcomer}, full, trimmed) == {newcomer}


def test_the_trimmed_stylesheet_is_a_fraction_of_the_full_one(stylesheets):
    full, trimmed = stylesheets
    assert len(trimmed) < len(full) / 5
    assert trimmed.startswith("/*! Bootstrap Italia"), "the licence header is kept"


def test_the_keyboard_focus_ring_survives_the_trimming(stylesheets):
    _full, trimmed = stylesheets
    assert ":focus:not([data-focus-mouse=true])" in list(selector_pieces(trimmed))


def test_classes_passed_to_includes_and_toggled_by_scripts_count_as_used():
    found = {name: set() for name in ("tags", "classes", "ids", "attribute_names")}
    found |= {"attribute_values": set(), "undetermined": set()}
    from_template(
        '{% include "includes/menu_items.html" with link_class="nav-link" %}'
        '<a class="btn {{ extra }}{% if on %} active{% endif %}" data-x="y">{% translate "card" %}</a>',
        found,
    )
    from_script("el.classList.add('expanded'); document.createElement(`div`);", found)
    assert {"nav-link", "btn", "active"} <= found["classes"]
    assert "card" not in found["classes"], "words people read are not classes"
    assert {"expanded", "div"} <= found["undetermined"]
    assert "a" in found["tags"] and "data-x" in found["attribute_names"]


@pytest.mark.django_db
def test_pages_load_the_trimmed_stylesheet_not_the_full_one(client):
    html = client.get("/").content.decode()
    assert "bootstrap-italia.site.min.css" in html
    assert "bootstrap-italia.min.css" not in html
