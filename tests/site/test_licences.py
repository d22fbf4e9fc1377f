"""Every third-party file in the repository carries its licence and is listed, with its
compatibility with the EUPL-1.2, in docs/licenze.md."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LICENCES = (ROOT / "docs" / "licenze.md").read_text()
# One folder per third-party component; fonts are a component of their own.
COMPONENTS = sorted(
    [p for p in (ROOT / "static" / "vendor").iterdir() if p.is_dir()]
    + [p for p in (ROOT / "static" / "vendor").glob("*/fonts/*") if p.is_dir()]
    + [ROOT / "tests" / "e2e" / "vendor"]
)
LICENCE_NAMES = ("LICENSE", "LICENCE", "OFL.txt", "COPYING")
# SPDX ids that may sit beside EUPL-1.2 code: permissive ones and those in its appendix.
# Apache-2.0 is permissive: its files may sit in an EUPL work, keeping the licence notice.
COMPATIBLE = {
    "BSD-2-Clause", "BSD-3-Clause", "MIT", "Apache-2.0", "OFL-1.1", "MPL-2.0", "CC-BY-4.0"
}  # fmt: skip


def licence_files(folder):
    return [p for p in folder.iterdir() if p.name.startswith(LICENCE_NAMES)]


@pytest.mark.parametrize("folder", COMPONENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_vendored_component_has_its_licence_file(folder):
    assert licence_files(folder), f"{folder.relative_to(ROOT)} has no licence file"


@pytest.mark.parametrize("folder", COMPONENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_vendored_component_is_listed_with_a_compatible_licence(folder):
    rows = [line for line in LICENCES.splitlines() if f"`{folder.relative_to(ROOT)}/`" in line]
    assert rows, f"{folder.relative_to(ROOT)} is not listed in docs/licenze.md"
    for row in rows:
        spdx = row.split("|")[4].strip().split(" ")[0]
        assert spdx in COMPATIBLE, row
        for licence in licence_files(folder):
            assert str(licence.relative_to(ROOT)) in LICENCES


def test_an_unlisted_component_would_be_caught(tmp_path):
    """Negative control: a new vendored folder without a licence file is found."""
    (tmp_path / "nuova-libreria").mkdir()
    (tmp_path / "nuova-libreria" / "lib.js").write_text("// ...")
    assert licence_files(tmp_path / "nuova-libreria") == []
    assert "`static/vendor/nuova-libreria/`" not in LICENCES
