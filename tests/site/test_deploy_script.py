"""The deploy recipe is run, not only written: deploy/check.py starts the commands of
the systemd units in a scratch folder on loopback with the production settings of
deploy/tsf.env.example, and its checks can fail."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "deploy" / "check.py"


def run_check(*args):
    return subprocess.run(
        [sys.executable, str(CHECK), *args], cwd=ROOT, capture_output=True, text=True, timeout=900
    )


@pytest.mark.concurrency
def test_the_units_commands_start_the_site_with_production_settings(tmp_path):
    result = run_check("--scratch", str(tmp_path / "scratch"))
    report = result.stdout
    assert result.returncode == 0, report + result.stderr[-2000:]
    assert "FAIL" not in report
    for line in (
        "ok   manage.py check --deploy --fail-level WARNING",
        "ok   tsf-web: gunicorn starts and /readyz answers 200",
        "ok   tsf-web: a missing page is the site's 404 (DEBUG is off)",
        "ok   tsf-web: an uploaded image is served (type, nosniff, long cache)",
        "ok   tsf-web: one JSON log line per request, with timing",
        "ok   tsf-purge.service: manage.py purge_registrations exits 0",
        "ok   tsf-backup.service: wrote a complete backup",
    ):
        assert line in report, report
    assert "ok   tsf-sender.service: keeps running" in report, report
    assert "ok   tsf-sender.service: stops cleanly on SIGTERM" in report, report
    env = (tmp_path / "scratch" / "tsf.env").read_text()
    assert 'DJANGO_DEBUG="0"\n' in env


def test_a_broken_unit_set_is_reported(tmp_path):
    units = tmp_path / "units"
    shutil.copytree(ROOT / "deploy" / "systemd", units)
    (units / "tsf-sender.service").unlink()
    web = units / "tsf-web.service"
    web.write_text(web.read_text().replace("--bind", "--access-logfile - --bind"))
    (units / "tsf-purge.service").unlink()
    result = run_check("--scratch", str(tmp_path / "scratch"), "--units", str(units), "--no-run")
    assert result.returncode == 1
    assert "FAIL tsf-sender.service is provided" in result.stdout
    assert "FAIL tsf-web: no gunicorn access log" in result.stdout
    assert "FAIL tsf-purge.timer: starts tsf-purge.service, which exists" in result.stdout


def test_the_readme_points_to_the_units_and_the_check():
    readme = (ROOT / "README.md").read_text()
    for name in ("tsf-web.service", "tsf-sender.service", "tsf-purge.timer", "nginx.conf"):
        assert name in readme
        assert any((ROOT / "deploy").rglob(name))
    assert "deploy/check.py" in readme
