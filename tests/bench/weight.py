"""First view in Chromium: what a phone downloads on its first visit to each page type,
compressed as sent (HTML, CSS, fonts, JS; images listed apart)."""

import sys
from pathlib import Path

from common import ROOT

sys.path.insert(0, str(ROOT))
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TARGET_KB = 80
KINDS = {"document": "html", "stylesheet": "css", "font": "fonts", "script": "js",
         "image": "images"}  # fmt: skip


def run(bench):
    report = bench.report
    report.section("First-view weight (Chromium, compressed bytes as sent)")
    if not Path(CHROMIUM).exists():
        report.failed("first-view weight", f"Chromium not found at {CHROMIUM}")
        return
    from playwright.sync_api import sync_playwright

    rows, heaviest = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in bench.urls.items():
            context = browser.new_context(viewport={"width": 412, "height": 823})
            page = context.new_page()
            sizes, files = {}, []

            def finished(request, sizes=sizes, files=files):
                kind = KINDS.get(request.resource_type, "other")
                body = request.sizes()["responseBodySize"]
                sizes[kind] = sizes.get(kind, 0) + body
                files.append((body, request.url.rsplit("/", 1)[-1] or request.url))

            page.on("requestfinished", finished)
            page.goto(bench.base + path, wait_until="networkidle")
            context.close()
            kb = {k: v / 1024 for k, v in sizes.items()}
            total = sum(kb.get(k, 0) for k in ("html", "css", "fonts", "js"))
            verdict = report.figure(f"{name} first view", f"{total:.1f} KB", f"≤ {TARGET_KB} KB",
                                    total <= TARGET_KB)  # fmt: skip
            rows.append((name, *(f"{kb.get(k, 0):.1f}" for k in ("html", "css", "fonts", "js",
                         "images")), len(files), verdict))  # fmt: skip
            heaviest.append((name, sorted(files, reverse=True)[:5]))
        browser.close()
    report.table(("page", "HTML KB", "CSS KB", "fonts KB", "JS KB", "images KB", "requests",
                  "HTML+CSS+fonts+JS"), rows)  # fmt: skip
    for name, files in heaviest:
        listed = ", ".join(f"{file} {size / 1024:.1f} KB" for size, file in files)
        report.say(f"Heaviest files of {name}: {listed}.")
        report.say("")
