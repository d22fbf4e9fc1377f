"""Which answers go out compressed, and how much they weigh."""

import brotli
from common import fetch

# Pages whose HTML carries a per-visitor secret (the CSRF token): sent uncompressed on
# purpose (BREACH), see torino_social_factory/compression.py.
SECRET_PAGES = {"registration form"}


def run(bench):
    report = bench.report
    report.section("HTML compression")
    report.say(
        "Each page fetched with `Accept-Encoding: gzip, br`. Pages with a CSRF token stay "
        "uncompressed by design (BREACH; Django's per-response masking of the token is "
        "kept as well); every other page must come compressed."
    )
    report.say("")
    rows = []
    for name, path in bench.urls.items():
        _status, body, headers = fetch(bench.base + path, {"Accept-Encoding": "gzip, br"})
        encoding = headers.get("Content-Encoding", "none")
        plain = len(brotli.decompress(body)) if encoding == "br" else len(body)
        if name in SECRET_PAGES:
            expected, ok = "none (CSRF token)", encoding == "none"
        else:
            expected, ok = "br", encoding == "br"
        verdict = report.figure(f"{name} encoding", encoding, expected, ok)
        rows.append((name, f"`{path}`", f"{plain / 1024:.1f} KB", f"{len(body) / 1024:.1f} KB",
                     verdict))  # fmt: skip
    report.table(("page", "path", "HTML", "sent", "Content-Encoding"), rows)
