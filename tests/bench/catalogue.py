"""The catalogue's list rendered from scratch (page cache off), one client, 500 projects:
the plain list, a filter, a search, a search with a filter, and the map.

Targets of the catalogue journey: /progetti/ answers in ≤ 15 ms median and ≤ 30 ms p99.
The searches and the map are reported beside the same targets.

Alone: BENCH_ONLY=catalogue .venv/bin/python tests/bench/run.py
"""

from common import LOAD_NAME, SECONDS, shell
from uncached import MAKE_PROJECTS, PROJECTS, one_client

TARGET_P50, TARGET_P99 = 15, 30
PATHS = {
    "list": "/progetti/",
    "circoscrizione": "/progetti/?circoscrizione=6",
    "search": "/progetti/?q=barriera",
    "search + filter": "/progetti/?q=poverta&tema=nuove-poverta",
    "page 2": "/progetti/?page=2",
    "map": "/mappa/",
}


def run(bench):
    report = bench.report
    report.section(f"Catalogue list, uncached, one client, {PROJECTS} projects")
    published = {}

    def setup(env):
        published["n"] = shell(env, MAKE_PROJECTS.format(total=PROJECTS))

    rows = []
    with bench.site("catalogue", PAGE_CACHE_ENABLED="0", setup=setup) as (base, _env):
        for name, path in PATHS.items():
            one_client(base + path)  # warm the worker
            r = one_client(base + path)
            p50 = report.figure(f"{name} p50", f"{r['p50']:.1f} ms", f"≤ {TARGET_P50} ms",
                                r["p50"] <= TARGET_P50)  # fmt: skip
            p99 = report.figure(f"{name} p99", f"{r['p99']:.1f} ms", f"≤ {TARGET_P99} ms",
                                r["p99"] <= TARGET_P99)  # fmt: skip
            rows.append((name, f"`{path}`", f"{r['rps']:.0f}", p50, p99, r["errors"]))
    report.say(
        f"{published.get('n')} published projects in a scratch SQLite database, page cache "
        f"off, one connection, {SECONDS} s per page, {LOAD_NAME}."
    )
    report.say("")
    report.table(("page", "path", "requests/s", "p50", "p99", "errors"), rows)
