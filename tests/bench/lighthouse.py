"""Lighthouse, mobile profile, on every page type (npm's lighthouse, Debian's Chromium)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import HERE, ROOT

sys.path.insert(0, str(ROOT))
from tests.e2e.chromium import CHROMIUM  # noqa: E402

VERSION = "12.8.2"
CATEGORIES = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
         "--disable-component-update --disable-sync --no-first-run")  # fmt: skip


def binary():
    path = HERE / "node_modules" / ".bin" / "lighthouse"
    if not path.exists() and shutil.which("npm"):
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(HERE),
                f"lighthouse@{VERSION}",
            ],  # fmt: skip
            capture_output=True,
            text=True,
        )
    return path if path.exists() else None


def scores(url):
    out = Path(tempfile.mkdtemp()) / "report.json"
    result = subprocess.run(
        [
            str(binary()),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={FLAGS}",
        ],  # fmt: skip
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=240,
    )
    if result.returncode != 0 or not out.exists():
        raise RuntimeError((result.stderr.strip().splitlines() or ["no output"])[-1])
    report = json.loads(out.read_text())
    failing = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]  # fmt: skip
    return {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}, failing


def scores_with_retry(url):
    """Lighthouse sometimes fails to record the trace of a page load (NO_NAVSTART,
    NO_FCP) on a busy machine, whatever the page: such a run says nothing about the
    page, so it runs once more; a page that fails twice is reported as failed."""
    try:
        return scores(url)
    except (RuntimeError, subprocess.TimeoutExpired):
        return scores(url)


def run(bench):
    report = bench.report
    report.section("Lighthouse (mobile)")
    if os.environ.get("BENCH_SKIP_LIGHTHOUSE"):
        report.say("Skipped (BENCH_SKIP_LIGHTHOUSE set).")
        report.say("")
        return
    if not binary() or not Path(CHROMIUM).exists():
        report.failed("Lighthouse", "`lighthouse` (npm) or Chromium is not available")
        return
    rows, notes = [], []
    for name, path in bench.urls.items():
        try:
            found, failing = scores_with_retry(bench.base + path)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            report.failed(f"Lighthouse {name}", error)
            continue
        cells = [
            report.figure(f"{name} {c}", str(found[c]), f"≥ {t}", found[c] >= t)
            for c, t in CATEGORIES.items()
        ]
        rows.append((name, *cells))
        if failing:
            notes.append(f"{name}: audits below 1: {', '.join(sorted(failing))}.")
    report.table(("page", *CATEGORIES), rows)
    for note in notes:
        report.say(note)
        report.say("")
    report.say(
        "Over plain HTTP on loopback best practices cannot credit HTTPS/HSTS; performance "
        "is Lighthouse's simulated slow-4G phone, so it moves with the machine's load."
    )
    report.say("")
