"""publiccode.yml at the repository root is valid against the publiccode.yml standard,
checked offline with the reference parser's rules (tools/publiccode_check.py)."""

import copy
from pathlib import Path

import pytest
from PIL import Image

from tools.publiccode_check import check, load

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def publiccode():
    return load(ROOT / "publiccode.yml")


def test_publiccode_yml_is_valid_with_no_warnings(publiccode):
    errors, warnings = check(publiccode, ROOT)
    assert errors == []
    assert warnings == []


def test_it_describes_the_software_the_issue_asks_for(publiccode):
    assert publiccode["platforms"] == ["web"]
    assert publiccode["softwareType"] == "standalone/web"
    assert publiccode["legal"]["license"] == "EUPL-1.2"
    assert set(publiccode["description"]) == {"it", "en"}
    assert publiccode["localisation"]["availableLanguages"] == ["it", "en"]
    assert {d["name"] for d in publiccode["dependsOn"]["open"]} >= {"PostgreSQL", "Redis"}
    assert publiccode["maintenance"]["contacts"], "contacts are there for the City to fill"
    for key in ("name", "url", "landingURL", "softwareVersion", "releaseDate", "categories"):
        assert publiccode[key], key


def test_version_matches_the_project(publiccode):
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'version = "{publiccode["softwareVersion"]}"' in pyproject


def test_screenshots_are_small_pngs_of_the_site(publiccode):
    screenshots = {s for d in publiccode["description"].values() for s in d["screenshots"]}
    assert len(screenshots) >= 5
    for name in screenshots:
        path = ROOT / name
        assert path.stat().st_size < 150_000, name
        with Image.open(path) as image:
            assert image.format == "PNG" and image.width <= 1000, name


def test_the_licence_file_is_the_eupl(publiccode):
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("European Union Public Licence\nV. 1.2")
    assert "Appendix" in text and "Compatible Licences" in text


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d["legal"].update(license="GPL"), "legal.license"),
        (lambda d: d["description"]["en"].pop("features"), "features"),
        (lambda d: d["description"]["it"].update(shortDescription="x" * 151), "shortDescription"),
        (lambda d: d["description"]["it"]["screenshots"].append("docs/nope.png"), "no such file"),
        (lambda d: d["description"]["it"]["screenshots"].append("docs/a.jpeg"), "extension"),
        (lambda d: d.update(softwareType="web"), "softwareType"),
        (lambda d: d.update(publiccodeYmlVersion="0.6"), "publiccodeYmlVersion"),
        (lambda d: d["maintenance"].pop("contacts"), "maintenance.contacts"),
        (lambda d: d["localisation"].update(availableLanguages=["it_IT"]), "BCP 47"),
        (lambda d: d.update(platforms="web"), "platforms"),
    ],
)
def test_the_check_rejects_what_the_parser_rejects(publiccode, change, expected):
    """Negative controls, each one a rule of publiccode-parser-go."""
    broken = copy.deepcopy(publiccode)
    change(broken)
    errors, _warnings = check(broken, ROOT)
    assert any(expected in error for error in errors), errors
