#!/usr/bin/env python3
"""`make bench`: the seeded site under gunicorn with production settings, measured.

Everything runs on loopback in scratch databases (a temporary SQLite file; the
PostgreSQL database tsf_bench for the registration burst) — never the real database.
Prints the figures and writes tests/bench/RESULTS.md. A page that does not answer stops
the run: the figures would describe a broken site.

Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (32), BENCH_WORKERS (nproc+1),
BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/tsf_bench), BENCH_SKIP_LIGHTHOUSE=1.
"""

import json
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
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (needs ROOT on the path)

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
NPROC = os.cpu_count() or 1
WORKERS = int(os.environ.get("BENCH_WORKERS", str(NPROC + 1)))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/tsf_bench")
REPORT = []  # markdown lines for RESULTS.md


def say(line=""):
    print(line, flush=True)
    REPORT.append(line)


# --- The server -----------------------------------------------------------------------


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


def manage(env, *args, quiet=True):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env, *, seed=True):
    manage(env, "compile_translations")
    manage(env, "migrate", "--no-input")
    if seed:
        manage(env, "seed", "--demo")
    manage(env, "collectstatic", "--no-input", "-v0")


@contextmanager
def gunicorn(env, port, workers=WORKERS):
    process = subprocess.Popen(
        [
            GUNICORN,
            "torino_social_factory.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if fetch(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
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


def first_match(hrefs, pattern, exclude=()):
    for href in hrefs:
        if re.fullmatch(pattern, href) and href not in exclude:
            return href
    return None


def discover(base):
    """The URLs to measure, found the way a visitor finds them."""
    _status, home = links(base, "/")
    css = next((h for h in home.stylesheets if "site" in h and h.endswith(".css")), None)
    status, catalogue = links(base, "/progetti/")
    assert status == 200, f"/progetti/ answers {status}"
    project = first_match(catalogue.hrefs, r"/progetti/[\w-]+/")
    assert project, "/progetti/ links no project page"
    status, events = links(base, "/eventi/")
    assert status == 200, f"/eventi/ answers {status}"
    event = first_match(events.hrefs, r"/eventi/[\w-]+/")
    assert event, "/eventi/ links no event page"
    urls = {"/": "/", "/progetti/": "/progetti/", "project page": project, "event page": event}
    return urls, css


# --- Load generation ---------------------------------------------------------------------


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, seconds=SECONDS, connections=CONNECTIONS):
    threads = max(1, min(NPROC, connections))
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip, br",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
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
        "p99": latencies[int(len(latencies) * 0.99) - 1],
        "errors": errors[0],
        "socket": "",
    }


LOAD = wrk if shutil.which("wrk") else python_load
LOAD_NAME = "wrk" if LOAD is wrk else "Python threaded generator (fallback: wrk not installed)"


# --- Parts of the benchmark --------------------------------------------------------------


def throughput(base, urls, css):
    say("## Throughput (anonymous visitors, page cache on)")
    say("")
    say(
        f"Load generator: {LOAD_NAME}; {CONNECTIONS} connections, {SECONDS} s per URL, "
        f"gunicorn {WORKERS} sync workers; `Accept-Encoding: gzip, br`."
    )
    say("")
    targets = dict(urls)
    if css:
        targets["static CSS"] = css
    results = {}
    for name, path in targets.items():
        fetch(base + path)  # warm the page cache, as any earlier visitor would
        results[name] = LOAD(base + path)
    static = results.get("static CSS", {}).get("rps")
    say("| URL | path | requests/s | p50 ms | p99 ms | errors | vs static |")
    say("|---|---|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        ratio = f"{r['rps'] / static:.0%}" if static else "n/a"
        errors = f"{r['errors']} {r['socket']}".strip()
        say(
            f"| {name} | `{targets[name]}` | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} "
            f"| {errors} | {ratio} |"
        )
    say("")
    return results


def page_weight(base, urls):
    say("## First-view weight (what Chromium downloads, compressed bytes)")
    say("")
    if not Path(CHROMIUM).exists():
        say("Skipped: Chromium not found.")
        say("")
        return
    from playwright.sync_api import sync_playwright

    heaviest = []
    say("| page | HTML | CSS | fonts | JS | images | total (HTML+CSS+fonts+JS) | requests |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in urls.items():
            context = browser.new_context(viewport={"width": 412, "height": 823})
            page = context.new_page()
            sizes, count, files = {}, [0], []

            def finished(request, sizes=sizes, count=count, files=files):
                kind = {
                    "document": "html",
                    "stylesheet": "css",
                    "font": "fonts",
                    "script": "js",
                    "image": "images",
                }.get(request.resource_type, "other")
                body = request.sizes()["responseBodySize"]
                sizes[kind] = sizes.get(kind, 0) + body
                count[0] += 1
                files.append((body, request.url.rsplit("/", 1)[-1]))

            page.on("requestfinished", finished)
            page.goto(base + path, wait_until="networkidle")
            context.close()
            kb = {k: v / 1024 for k, v in sizes.items()}
            heaviest.append((name, sorted(files, reverse=True)[:6]))
            total = sum(kb.get(k, 0) for k in ("html", "css", "fonts", "js"))
            verdict = "ok" if total <= 160 and kb.get("js", 0) <= 25 else "OVER"
            say(
                f"| {name} | {kb.get('html', 0):.1f} KB | {kb.get('css', 0):.1f} KB | "
                f"{kb.get('fonts', 0):.1f} KB | {kb.get('js', 0):.1f} KB | "
                f"{kb.get('images', 0):.1f} KB | **{total:.1f} KB** ({verdict}) | {count[0]} |"
            )
        browser.close()
    say("")
    for name, files in heaviest:
        listed = ", ".join(f"{file} {size / 1024:.1f} KB" for size, file in files)
        say(f"Heaviest files of {name}: {listed}.")
        say("")
    say(
        "Targets: ≤ 160 KB in all, JS ≤ 25 KB. HTML is sent as gunicorn serves it (no "
        "compression in Django); static files are whitenoise's pre-compressed brotli/gzip."
    )
    say("")


def revalidation(base):
    status, _body, headers = fetch(base + "/")
    etag = headers.get("ETag")
    status_304 = fetch(base + "/", {"If-None-Match": etag})[0] if etag else None
    say(
        f"Conditional GET: `/` has ETag {etag} and Last-Modified "
        f"`{headers.get('Last-Modified')}`; revalidation answers **{status_304}**."
    )
    say("")


MAKE_PROJECTS = """
from django.db import transaction
from projects.models import Project
total = int({total})
model = Project.objects.order_by("pk").first()
m2m = [f for f in Project._meta.many_to_many]
related = [r for r in Project._meta.related_objects if r.one_to_many and not r.related_model._meta.auto_created]
with transaction.atomic():
    existing = Project.objects.count()
    for i in range(total - existing):
        source = Project.objects.filter(pk=model.pk).first()
        rows = {{r.name: list(r.related_model.objects.filter(**{{r.field.name: source}})) for r in related}}
        values = {{f.name: list(getattr(source, f.name).all()) for f in m2m}}
        source.pk = source.id = None
        source._state.adding = True
        source.slug = f"{{source.slug[:40]}}-bench-{{i}}"
        source.title = f"{{source.title[:150]}} (copia {{i}})"
        source.save()
        for name, objs in values.items():
            getattr(source, name).set(objs)
        for name, objs in rows.items():
            for obj in objs:
                field = [r for r in related if r.name == name][0].field.name
                obj.pk = obj.id = None
                obj._state.adding = True
                setattr(obj, field, source)
                obj.save()
print(Project.objects.published().count())
"""


def uncached_catalogue(workdir):
    say("## Uncached `/progetti/` with 500 projects")
    say("")
    port = free_port()
    env = production_env(f"sqlite:///{workdir}/catalogue.sqlite3", port, PAGE_CACHE_ENABLED="0")
    prepare(env)
    published = manage(env, "shell", "-c", MAKE_PROJECTS.format(total=500)).strip()
    with gunicorn(env, port) as base:
        status = fetch(base + "/progetti/")[0]
        assert status == 200, f"/progetti/ answers {status}"
        rows = []
        for path in ("/progetti/", "/progetti/?page=3", "/progetti/?q=a"):
            r = LOAD(base + path)
            rows.append((path, r))
    say(
        f"{published.splitlines()[-1]} published projects in a scratch SQLite database, "
        f"page cache off (PAGE_CACHE_ENABLED=0), {LOAD_NAME}."
    )
    say("")
    say("| path | requests/s | p50 ms | p99 ms | target p99 < 50 ms |")
    say("|---|---:|---:|---:|---|")
    for path, r in rows:
        say(
            f"| `{path}` | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | "
            f"{'ok' if r['p99'] < 50 else 'MISSED'} |"
        )
    say("")


class FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.done = {}, False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post" and not self.done:
            self.in_form = "feedback" not in (attrs.get("action") or "")
        if not self.in_form or not attrs.get("name"):
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind == "checkbox":
            self.fields.setdefault(attrs["name"], attrs.get("value", "on"))
        elif tag == "input" and kind not in {"submit", "button", "radio"}:
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self.fields[attrs["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True


SET_CAPACITY = """
from events.models import Event, Registration
event = Event.objects.filter(is_published=True).order_by("starts_at", "pk").first()
event.capacity = {capacity}
event.waitlist_enabled = True
event.save()
print(event.get_absolute_url())
"""

COUNT = """
from events.models import Registration
from django.db.models import Count
print(dict(Registration.objects.values_list("status").annotate(n=Count("pk"))))
"""


def pg_available():
    try:
        import psycopg

        admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(
            admin.replace("postgres://", "postgresql://"), connect_timeout=3, autocommit=True
        ) as conn:
            name = PG_URL.rsplit("/", 1)[1]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception as error:  # noqa: BLE001 - any failure means "not available"
        say(f"Skipped: PostgreSQL at {PG_URL} is not available ({error}).")
        return False


def registration_burst(people=300, places=100):
    say(f"## Registration burst: {people} simultaneous sign-ups for {places} places (PostgreSQL)")
    say("")
    if not pg_available():
        say("")
        return
    port = free_port()
    env = production_env(PG_URL, port)
    prepare(env)
    event_url = manage(env, "shell", "-c", SET_CAPACITY.format(capacity=places)).strip()
    form_url = event_url.rstrip("/") + "/iscrizione/"
    with gunicorn(env, port, workers=max(4, WORKERS)) as base:
        status, body, _h = fetch(base + form_url)
        assert status == 200, f"{form_url} answers {status}"
        # Each person opens the form first (own CSRF cookie), then all submit at once.
        sessions = []
        for i in range(people):
            conn = HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", form_url)
            response = conn.getresponse()
            reader = FormFields()
            reader.feed(response.read().decode())
            cookie = SimpleCookie(response.headers.get("Set-Cookie", ""))
            fields = dict(reader.fields)
            for name in fields:
                if "email" in name:
                    fields[name] = f"burst{i:03d}@example.org"
                elif name == "name" or name.endswith("name"):
                    fields[name] = f"Persona {i:03d}"
            cookies = "; ".join(f"{k}={m.value}" for k, m in cookie.items())
            sessions.append((conn, urlencode(fields), cookies))
        barrier = threading.Barrier(people)
        outcomes = []

        def submit(session):
            conn, payload, cookies = session
            barrier.wait()
            start = time.perf_counter()
            try:
                conn.request(
                    "POST",
                    form_url,
                    body=payload,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": cookies,
                        "Origin": base,
                        "Referer": base + form_url,
                    },
                )
                response = conn.getresponse()
                response.read()
                return response.status, time.perf_counter() - start
            except OSError as error:
                return f"error: {error}", time.perf_counter() - start

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=people) as pool:
            outcomes = list(pool.map(submit, sessions))
        duration = time.perf_counter() - started
    counts = manage(env, "shell", "-c", COUNT).strip().splitlines()[-1]
    statuses = {}
    for status, _t in outcomes:
        statuses[status] = statuses.get(status, 0) + 1
    latencies = sorted(t * 1000 for _s, t in outcomes)
    errors = sum(n for s, n in statuses.items() if not isinstance(s, int) or s >= 500)
    say(
        f"Duration of the burst: **{duration:.2f} s** (p50 {statistics.median(latencies):.0f} ms, "
        f"max {latencies[-1]:.0f} ms per sign-up), gunicorn {max(4, WORKERS)} workers."
    )
    say(f"HTTP answers: {statuses}; errors (5xx or connection): **{errors}**.")
    say(f"Registrations in the database by status: {counts}.")
    say("")


def lighthouse(base, urls):
    say("## Lighthouse (mobile)")
    say("")
    if os.environ.get("BENCH_SKIP_LIGHTHOUSE"):
        say("Skipped (BENCH_SKIP_LIGHTHOUSE set).")
        say("")
        return
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists() and shutil.which("npm"):
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(HERE),
                "lighthouse@12.8.2",
            ],
            capture_output=True,
            text=True,
        )
    if not binary.exists() or not Path(CHROMIUM).exists():
        say("Not run: `lighthouse` (npm) or Chromium is not available on this machine.")
        say("")
        return
    say("| page | performance | accessibility | best practices | SEO |")
    say("|---|---:|---:|---:|---:|")
    for name, path in urls.items():
        out = Path(tempfile.mkdtemp()) / "report.json"
        result = subprocess.run(
            [
                str(binary),
                base + path,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--no-first-run",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if result.returncode != 0 or not out.exists():
            say(f"| {name} | failed: {result.stderr.strip().splitlines()[-1:]} | | | |")
            continue
        categories = json.loads(out.read_text())["categories"]
        scores = [
            round((categories[c]["score"] or 0) * 100)
            for c in ("performance", "accessibility", "best-practices", "seo")
        ]
        say(f"| {name} | {scores[0]} | {scores[1]} | {scores[2]} | {scores[3]} |")
    say("")
    say(
        "Targets: accessibility, best practices and SEO 100, performance ≥ 95. Note: over "
        "plain HTTP on loopback, best practices cannot credit HTTPS/HSTS."
    )
    say("")


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
    return f"{NPROC} CPUs ({cpu}), {ram} RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main():
    started = time.time()
    say("# Benchmark results")
    say("")
    say(f"Run with `make bench` on {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {machine()}.")
    say(
        "Server and load generator share the machine (loopback), so absolute figures are "
        "a floor; the ratios are what the targets are about."
    )
    say("")
    with tempfile.TemporaryDirectory(prefix="tsf-bench-") as workdir:
        port = free_port()
        env = production_env(f"sqlite:///{workdir}/site.sqlite3", port)
        prepare(env)
        with gunicorn(env, port) as base:
            urls, css = discover(base)
            revalidation(base)
            throughput(base, urls, css)
            page_weight(base, urls)
            lighthouse(base, urls)
        uncached_catalogue(workdir)
    registration_burst()
    say(f"Total benchmark time: {time.time() - started:.0f} s.")
    (HERE / "RESULTS.md").write_text("\n".join(REPORT) + "\n")
    print(f"\nWritten {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
