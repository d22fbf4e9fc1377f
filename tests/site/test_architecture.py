"""The arrows point one way: the project package composes the apps; the apps may use
``torino_social_factory.common`` (and the site's template tags) and nothing else of
it; ``projects`` and ``events`` never import each other; ``common`` imports nothing
else of the project."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("projects", "events")


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def python_files(package):
    return sorted((ROOT / package).rglob("*.py"))


def forbidden_imports(package, allowed):
    found = []
    for path in python_files(package):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in {"torino_social_factory", *APPS} and top != package:
                if not any(module == ok or module.startswith(ok + ".") for ok in allowed):
                    found.append(f"{path.relative_to(ROOT)}: {module}")
    return found


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_common_from_the_project_package_and_never_the_other_app(app):
    assert forbidden_imports(app, allowed=["torino_social_factory.common"]) == []


def test_common_imports_nothing_else_of_the_project():
    found = []
    for path in python_files("torino_social_factory/common"):
        for module in imported_modules(path):
            if module.split(".")[0] in {"torino_social_factory", *APPS} and not module.startswith(
                "torino_social_factory.common"
            ):
                found.append(f"{path.relative_to(ROOT)}: {module}")
    # Relative imports out of the package ("from .. import x") are forbidden too.
    for path in python_files("torino_social_factory/common"):
        tree = ast.parse(path.read_text())
        found += [
            f"{path.relative_to(ROOT)}: relative import level {node.level}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level > 1
        ]
    assert found == []


def test_the_rule_would_catch_an_app_importing_the_site_package(tmp_path, monkeypatch):
    """The check itself can fail: a file importing the site's models is reported."""
    app = tmp_path / "events"
    app.mkdir()
    (app / "bad.py").write_text("from torino_social_factory.models import SiteSettings\n")
    (app / "good.py").write_text("from torino_social_factory.common.i18n import in_language\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert forbidden_imports("events", allowed=["torino_social_factory.common"]) == [
        "events/bad.py: torino_social_factory.models"
    ]
