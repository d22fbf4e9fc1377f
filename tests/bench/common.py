"""What every benchmark module shares: the report (each figure beside its target, MISSED
where missed), the production-like server, HTTP helpers and the load generators.

A module is a file in tests/bench/ with a ``run(bench)`` function; run.py lists them in
MODULES and calls each in turn. ``bench`` is a ``Bench``: the seeded site already running
(``bench.base``, ``bench.urls``), a scratch folder, ``bench.report`` to write figures, and
``bench.site(...)`` to start another scratch site (other data, other settings).
"""

import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
NPROC = os.cpu_count() or 1
WORKERS = int(os.environ.get("BENCH_WORKERS", str(NPROC + 1)))


# --- The report ---------------------------------------------------------------------------


@dataclass
class Figure:
    section: str
    name: str
    measured: str
    target: str
    ok: bool | None  # None: reported, no target


@dataclass
class Report:
    lines: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    section_title: str = ""

    def say(self, line=""):
        print(line, flush=True)
        self.lines.append(line)

    def section(self, title):
        self.section_title = title
        self.say(f"## {title}")
        self.say("")

    def table(self, headers, rows):
        self.say("| " + " | ".join(headers) + " |")
        self.say("|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|")
        for row in rows:
            self.say("| " + " | ".join(str(cell) for cell in row) + " |")
        self.say("")

    def figure(self, name, measured, target="", ok=None):
        """Record one figure; returns the text for a table cell: value, target, verdict."""
        self.figures.append(Figure(self.section_title, name, measured, target, ok))
        verdict = "" if ok is None else (" ok" if ok else " **MISSED**")
        return f"{measured}{f' (target {target})' if target else ''}{verdict}"

    def failed(self, what, error):
        self.figures.append(Figure(self.section_title, what, f"failed: {error}", "runs", False))
        self.say(f"**FAILED**: {what}: {error}")
        self.say("")

    def summary(self):
        self.section("Summary: every figure beside its target")
        rows = [
            (f.section, f.name, f.measured, f.target, "ok" if f.ok else "**MISSED**")
            for f in self.figures
            if f.ok is not None
        ]
        self.table(("part", "figure", "measured", "target", ""), rows)
        missed = sum(1 for f in self.figures if f.ok is False)
        self.say(f"{missed} of {len(rows)} targets MISSED." if missed else "Every target met.")
        self.say("")


# --- The server ---------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, port, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_RATELIMIT_ENABLED="0",
        DATABASE_URL=database_url,
        SITE_URL=f"http://127.0.0.1:{port}",
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def manage(env, *args):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


RESULT_MARK = "BENCH-RESULT:"


def shell(env, code):
    """Run Python in the site (manage.py shell -c) and return what it printed last with
    ``print(RESULT, value)``. Only that line is read: Django 5.2's shell announces
    "N objects imported automatically", and warnings or the seed may print too."""
    code = f"RESULT = {RESULT_MARK!r}\n" + code
    out = manage(env, "shell", "--no-imports", "-v", "0", "-c", code)
    results = [line[len(RESULT_MARK) :].strip() for line in out.splitlines()
               if line.startswith(RESULT_MARK)]  # fmt: skip
    if not results:
        raise RuntimeError(f"manage.py shell printed no result:\n{out[-2000:]}")
    return results[-1]


def prepare(env, *, seed=True):
    manage(env, "compile_translations")
    manage(env, "migrate", "--no-input")
    if seed:
        manage(env, "seed", "--demo")
    manage(env, "collectstatic", "--no-input", "-v0")


LOGS = HERE / "out"  # git ignores it


@contextmanager
def gunicorn(env, port, workers=WORKERS, log_name="site"):
    """The site under gunicorn until the block ends. Its output (one JSON line per
    request, as in production) goes to tests/bench/out/<log_name>.log: hundreds of
    thousands of lines would bury the figures on the terminal, and writing them there
    slows the server down."""
    LOGS.mkdir(exist_ok=True)
    log_path = LOGS / f"{log_name}.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [GUNICORN, "torino_social_factory.wsgi", "-b", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if fetch(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            tail = log_path.read_text()[-3000:]
            raise RuntimeError(f"gunicorn did not start ({log_path}):\n{tail}")
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.stylesheets = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])


def links(base, path):
    status, body, _headers = fetch(base + path)
    reader = Links()
    if status == 200:
        reader.feed(body.decode())
    return status, reader


def first_match(hrefs, pattern):
    return next((href for href in hrefs if re.fullmatch(pattern, href)), None)


# --- Load generation ----------------------------------------------------------------------


def _to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, seconds=SECONDS, connections=CONNECTIONS):
    threads = max(1, min(NPROC, connections))
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
        + ["-H", "Accept-Encoding: gzip, br", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _to_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": _to_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
        "socket": socket_errors.group(1) if socket_errors else "",
    }


def python_load(url, seconds=SECONDS, connections=CONNECTIONS):
    """Fallback when wrk is missing: keep-alive HTTP/1.1 from Python threads.
    Slower than wrk (the generator itself becomes the bottleneck): labelled as such."""
    host, port_path = url.split("//", 1)[1].split(":", 1)
    port, path = port_path.split("/", 1)
    latencies, errors, stop = [], [0], time.time() + seconds

    def worker():
        conn = HTTPConnection(host, int(port), timeout=10)
        local = []
        while time.time() < stop:
            start = time.perf_counter()
            conn.request("GET", "/" + path, headers={"Accept-Encoding": "gzip, br"})
            response = conn.getresponse()
            response.read()
            local.append((time.perf_counter() - start) * 1000)
            if response.status >= 400:
                errors[0] += 1
        latencies.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return {
        "rps": len(latencies) / seconds,
        "p50": statistics.median(latencies),
        "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)],
        "errors": errors[0],
        "socket": "",
    }


LOAD = wrk if shutil.which("wrk") else python_load
LOAD_NAME = "wrk" if LOAD is wrk else "Python threaded generator (fallback: wrk not installed)"


def machine():
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{ram / 1024 / 1024:.1f} GiB"
    except OSError:
        ram = "?"
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average at start {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    return (
        f"{NPROC} CPUs ({cpu}), {ram} RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}{load}"
    )


@dataclass
class Bench:
    """What run.py hands to each module."""

    report: Report
    workdir: Path
    base: str = ""  # the seeded site, page cache on
    urls: dict = field(default_factory=dict)  # page type -> path
    static_css: str = ""

    @contextmanager
    def site(self, name, *, seed=True, database_url=None, workers=WORKERS, setup=None, **env):
        """Another scratch site under gunicorn: its own SQLite file unless told
        otherwise; ``setup(env)`` runs after migrate/seed, before the server starts."""
        port = free_port()
        url = database_url or f"sqlite:///{self.workdir}/{name}.sqlite3"
        environment = production_env(url, port, **env)
        prepare(environment, seed=seed)
        if setup:
            setup(environment)
        with gunicorn(environment, port, workers=workers, log_name=name) as base:
            yield base, environment
