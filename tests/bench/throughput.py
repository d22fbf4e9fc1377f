"""Cached anonymous pages against a static file, many clients: the page cache's hit path
should cost about what whitenoise's static file costs."""

from common import CONNECTIONS, LOAD, LOAD_NAME, SECONDS, WORKERS, fetch

TARGET = 0.85
NOT_CACHED = {"registration form"}  # carries a CSRF token: rendered for each visitor


def run(bench):
    report = bench.report
    report.section("Throughput: cached pages against a static file")
    report.say(
        f"Load generator: {LOAD_NAME}; {CONNECTIONS} connections, {SECONDS} s per URL, "
        f"gunicorn {WORKERS} sync workers; `Accept-Encoding: gzip, br`. Target: every "
        f"cached page at ≥ {TARGET:.2f}× the static CSS file's requests/s."
    )
    report.say("")
    static = LOAD(bench.base + bench.static_css)
    rows = [("static CSS", f"`{bench.static_css}`", f"{static['rps']:.0f}", f"{static['p50']:.1f}",
             f"{static['p99']:.1f}", static["errors"], "1.00")]  # fmt: skip
    for name, path in bench.urls.items():
        fetch(bench.base + path, {"Accept-Encoding": "gzip, br"})  # as any earlier visitor
        r = LOAD(bench.base + path)
        ratio = r["rps"] / static["rps"]
        if name in NOT_CACHED:
            verdict = f"{ratio:.2f} (not cached: CSRF token)"
        else:
            verdict = report.figure(f"{name} vs static", f"{ratio:.2f}×", f"≥ {TARGET}×",
                                    ratio >= TARGET and not r["errors"])  # fmt: skip
        errors = f"{r['errors']} {r['socket']}".strip()
        rows.append((name, f"`{path}`", f"{r['rps']:.0f}", f"{r['p50']:.1f}", f"{r['p99']:.1f}",
                     errors, verdict))  # fmt: skip
    report.table(("page", "path", "requests/s", "p50 ms", "p99 ms", "errors", "vs static"), rows)
