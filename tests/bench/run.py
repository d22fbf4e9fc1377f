#!/usr/bin/env python3
"""`make bench`: the seeded site under gunicorn with production settings, measured.

Everything runs on loopback in scratch databases (temporary SQLite files; the PostgreSQL
database tsf_bench for the registration burst) — never the real database. Each part is
a module of this folder with a ``run(bench)`` function (see common.py); a part that
fails is reported as failed and the others still run. Every figure is printed beside
its target, MISSED where missed, and the whole is written to tests/bench/RESULTS.md with
the machine used.

Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (32), BENCH_WORKERS (nproc+1),
BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/tsf_bench), BENCH_SKIP_LIGHTHOUSE=1,
BENCH_ONLY (comma-separated module names, e.g. "weight,lighthouse").
"""

import importlib
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HERE, Bench, Report, machine  # noqa: E402
from pages import discover  # noqa: E402

# Parts measured on the seeded site with the page cache on, then parts that start their
# own scratch site. Another part is one more module name here.
ON_THE_SITE = ["compression", "throughput", "weight", "lighthouse"]
OWN_SITE = ["uncached", "catalogue", "registration_burst"]


def run_part(name, bench):
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            return  # a part another branch brings, not here yet
        raise
    try:
        module.run(bench)
    except Exception as error:  # noqa: BLE001 - one broken part must not hide the others
        traceback.print_exc()
        bench.report.failed(name, f"{type(error).__name__}: {error}")


def main():
    only = {n.strip() for n in os.environ.get("BENCH_ONLY", "").split(",") if n.strip()}
    started = time.time()
    report = Report()
    report.say("# Benchmark results")
    report.say("")
    report.say(
        f"Run with `make bench` on {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {machine()}."
    )
    report.say(
        "Server, load generator and browser share the machine (loopback), so absolute "
        "figures are a floor; on a machine shared with other work they are noisy, and "
        "the ratios are what the throughput target is about. Each server's output (its "
        "request log) is in `tests/bench/out/`."
    )
    report.say("")
    with tempfile.TemporaryDirectory(prefix="tsf-bench-") as workdir:
        bench = Bench(report=report, workdir=Path(workdir))
        with bench.site("site") as (base, _env):
            bench.base = base
            bench.urls, bench.static_css = discover(base)
            for name in ON_THE_SITE:
                if not only or name in only:
                    run_part(name, bench)
        for name in OWN_SITE:
            if not only or name in only:
                run_part(name, bench)
    report.summary()
    report.say(f"Total benchmark time: {time.time() - started:.0f} s.")
    (HERE / "RESULTS.md").write_text("\n".join(report.lines) + "\n")
    print(f"\nWritten {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
