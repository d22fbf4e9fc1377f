#!/usr/bin/env python3
"""Run the commands of the systemd units in a scratch folder on loopback, with the
production settings of deploy/tsf.env.example, and check that they do their job.

    .venv/bin/python deploy/check.py --scratch /tmp/tsf-check [--port 8175]

What it does, as a deploy would:

1. writes ``SCRATCH/tsf.env`` from ``deploy/tsf.env.example`` (DEBUG off) with only what
   a loopback run must change: a random secret, 127.0.0.1 as host and address, plain
   HTTP (no TLS on loopback), a SQLite file and MEDIA_ROOT in the scratch folder (or
   ``--database-url``), the console instead of SMTP, the site serving its own media;
2. the release steps of the README: compile the catalogues, migrate, collectstatic,
   ``check --deploy``, seed;
3. each unit's ``ExecStart`` with the unit's paths mapped into this checkout and the
   scratch folder, in a clean environment holding only the EnvironmentFile (as
   systemd starts it):

   - ``tsf-web``: gunicorn answers ``/readyz``, the home page, a hashed static file
     with a one-year cache, an uploaded image with its type and ``nosniff``; a missing
     page is the site's 404, not Django's debug page; it writes a JSON line per
     request; it stops on SIGTERM;
   - ``tsf-sender``: keeps running, stops cleanly on SIGTERM;
   - the one-shot services (outbox, purge, backup) exit 0; the backup is complete;
   - every timer starts a service that exists, at a time systemd understands.

Exit status 0 when every check passed; each line says ok or FAIL.
"""

import argparse
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = Path(sys.executable).parent
UNIT_ROOT = "/srv/tsf"
UNIT_ENV_FILE = "/etc/tsf/tsf.env"
UNIT_BACKUPS = "/var/backups/tsf"
UNIT_BIND = "127.0.0.1:8000"


class Check:
    def __init__(self):
        self.failures = 0

    def __call__(self, ok, what, detail=""):
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f": {detail}" if detail and not ok else ""))
        self.failures += 0 if ok else 1
        return ok


def parse_unit(path):
    """The [Service] and [Timer] keys of a unit file (ExecStart may repeat)."""
    sections, section = {}, None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        section.setdefault(key.strip(), []).append(value.strip())
    return sections


def free_port(candidates):
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port")


def write_env(scratch, port, database_url, redis_url):
    values = read_env_file(HERE / "tsf.env.example")
    values.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        DJANGO_SECURE_SSL_REDIRECT="0",
        SITE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=database_url or f"sqlite:///{scratch / 'tsf.sqlite3'}",
        REDIS_URL=redis_url,
        EMAIL_URL="consolemail://",
        MEDIA_ROOT=str(scratch / "media"),
        # No nginx on loopback: the site serves the uploads itself.
        SERVE_MEDIA="1",
    )
    (scratch / "tsf.env").write_text("".join(f'{k}="{v}"\n' for k, v in values.items()))
    return values


def read_env_file(path):
    env = {}
    for line in Path(path).read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            # As systemd reads an EnvironmentFile: surrounding double quotes are removed.
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            env[key.strip()] = value
    return env


def localise(text, scratch, port):
    """A unit's path or command, mapped from the server's layout to this run."""
    return (
        text.replace(f"{UNIT_ROOT}/.venv/bin/", f"{VENV_BIN}/")
        .replace(UNIT_ENV_FILE, str(scratch / "tsf.env"))
        .replace(UNIT_BACKUPS, str(scratch / "backups"))
        .replace(UNIT_BIND, f"127.0.0.1:{port}")
        .replace(UNIT_ROOT, str(ROOT))
    )


def service_env(unit, scratch, port):
    """What systemd gives the process: almost nothing, plus the EnvironmentFile."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(scratch)}
    for path in unit["Service"].get("EnvironmentFile", []):
        env.update(read_env_file(localise(path.lstrip("-"), scratch, port)))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def command(unit, scratch, port):
    (exec_start,) = unit["Service"]["ExecStart"]
    return localise(exec_start, scratch, port).split()


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def manage(env, *args):
    return subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def release(check, env):
    for args in (
        ["compile_translations"],
        ["migrate", "--no-input"],
        ["collectstatic", "--no-input", "-v0"],
        ["check", "--deploy", "--fail-level", "WARNING"],
        ["seed"],
    ):
        # The deploy check sees the production values (HTTPS on); only the loopback
        # run itself goes without TLS.
        run_env = {k: v for k, v in env.items() if k != "DJANGO_SECURE_SSL_REDIRECT"}
        result = manage(run_env if args[0] == "check" else env, *args)
        if not check(result.returncode == 0, f"manage.py {' '.join(args)}", result.stderr[-1500:]):
            return False
    return True


def jpeg():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(out, format="JPEG")
    return out.getvalue()


def check_web(check, unit, scratch, port):
    cmd = command(unit, scratch, port)
    env = service_env(unit, scratch, port)
    check(env.get("DJANGO_DEBUG") == "0", "tsf-web: DJANGO_DEBUG=0 from the EnvironmentFile")
    log = scratch / "tsf-web.log"
    workdir = localise(unit["Service"]["WorkingDirectory"][0], scratch, port)
    with log.open("w") as out:
        process = subprocess.Popen(
            cmd, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        ready, report = False, {}
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            try:
                status, _headers, body = fetch(base + "/readyz")
                report = json.loads(body)
                if status == 200:
                    ready = True
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.5)
        if not check(ready, "tsf-web: gunicorn starts and /readyz answers 200", str(report)
                     or log.read_text()[-2000:]):  # fmt: skip
            return
        check(report.get("status") == "ok", "tsf-web: /readyz reports everything ok", str(report))

        status, headers, body = fetch(base + "/")
        html = body.decode("utf-8", "replace")
        check(status == 200 and "<html" in html, "tsf-web: the home page answers", str(status))
        status, _headers, body = fetch(base + "/pagina-che-non-esiste/")
        check(
            status == 404 and b"URLconf" not in body,
            "tsf-web: a missing page is the site's 404 (DEBUG is off)",
        )
        css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html)
        if check(bool(css), "tsf-web: the page links hashed static names (collectstatic)"):
            status, headers, _body = fetch(base + css.group(1))
            check(
                status == 200 and "max-age=31536000" in headers.get("Cache-Control", ""),
                "tsf-web: static files with a one-year cache",
                f"{status} {headers.get('Cache-Control')}",
            )

        image = scratch / "media" / "check" / "renditions" / "prova-400w.jpg"
        image.parent.mkdir(parents=True, exist_ok=True)
        image.write_bytes(jpeg())
        status, headers, body = fetch(base + "/media/check/renditions/prova-400w.jpg")
        check(
            status == 200
            and headers.get("Content-Type") == "image/jpeg"
            and headers.get("X-Content-Type-Options") == "nosniff"
            and "immutable" in headers.get("Cache-Control", "")
            and body[:3] == b"\xff\xd8\xff",
            "tsf-web: an uploaded image is served (type, nosniff, long cache)",
            f"{status} {dict(headers)}",
        )
        status, _headers, _body = fetch(base + "/media/check/")
        check(status == 404, "tsf-web: no directory listing under /media/", str(status))
        status, _headers, _body = fetch(base + "/media/../manage.py")
        check(status in (400, 404), "tsf-web: no path out of MEDIA_ROOT", str(status))
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            code = process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            code = "killed"
    check(code == 0, "tsf-web: stops cleanly on SIGTERM", str(code))
    lines = []
    for line in log.read_text().splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            continue
    check(
        any(entry.get("path") == "/" and "ms" in entry for entry in lines),
        "tsf-web: one JSON log line per request, with timing",
        log.read_text()[-1000:],
    )


def check_long_running(check, name, unit, scratch, port, seconds=4):
    cmd = command(unit, scratch, port)
    env = service_env(unit, scratch, port)
    workdir = localise(unit["Service"]["WorkingDirectory"][0], scratch, port)
    log = scratch / f"{name}.log"
    with log.open("w") as out:
        process = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT)
    # Started means it has said so (on a loaded machine Django may take a while to
    # import); then it must still be running some seconds later.
    deadline = time.monotonic() + 90
    while process.poll() is None and not log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(seconds)
    alive = process.poll() is None
    if alive:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    out = log.read_text()
    check(alive, f"{name}: keeps running", (out or "")[-1500:])
    if alive:
        check(process.returncode == 0, f"{name}: stops cleanly on SIGTERM", str(process.returncode))


def check_oneshot(check, name, unit, scratch, port):
    cmd = command(unit, scratch, port)
    env = service_env(unit, scratch, port)
    workdir = localise(unit["Service"]["WorkingDirectory"][0], scratch, port)
    result = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True)
    check(result.returncode == 0, f"{name}: {' '.join(cmd[1:])} exits 0", result.stderr[-1500:])


def check_timer(check, name, unit, units_dir):
    service = units_dir / (name.removesuffix(".timer") + ".service")
    check(service.is_file(), f"{name}: starts {service.name}, which exists")
    calendars = unit.get("Timer", {}).get("OnCalendar", [])
    check(bool(calendars), f"{name}: has an OnCalendar")
    analyze = shutil.which("systemd-analyze")
    for calendar in calendars if analyze else []:
        result = subprocess.run([analyze, "calendar", calendar], capture_output=True, text=True)
        check(result.returncode == 0, f"{name}: OnCalendar={calendar} is valid", result.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scratch", required=True, type=Path)
    parser.add_argument("--units", type=Path, default=HERE / "systemd")
    parser.add_argument("--port", type=int)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    parser.add_argument(
        "--no-run", action="store_true", help="only read the unit files, start nothing"
    )
    args = parser.parse_args()

    scratch = args.scratch.resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port(range(8175, 8180))
    check = Check()
    units = {path.name: parse_unit(path) for path in sorted(args.units.glob("tsf-*"))}
    services = {n: u for n, u in units.items() if n.endswith(".service")}
    for name, unit in services.items():
        service = unit.get("Service", {})
        missing = [k for k in ("User", "WorkingDirectory", "EnvironmentFile", "ExecStart")
                   if k not in service]  # fmt: skip
        check(not missing, f"{name}: runs as its own user, in the checkout, with the env file",
              f"missing {missing}")  # fmt: skip
    for expected in ("tsf-web.service", "tsf-sender.service", "tsf-purge.timer"):
        check(expected in units, f"{expected} is provided")
    if "tsf-web.service" in services:
        web = " ".join(services["tsf-web.service"]["Service"].get("ExecStart", []))
        check("--access-logfile" not in web, "tsf-web: no gunicorn access log (IP, query strings)")

    env = write_env(scratch, port, args.database_url, args.redis_url)
    release_env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(scratch), **env}
    if not args.no_run and release(check, release_env):
        if "tsf-web.service" in services:
            check_web(check, services["tsf-web.service"], scratch, port)
        for name, unit in services.items():
            kind = unit["Service"].get("Type", ["simple"])[0]
            if name == "tsf-web.service":
                continue
            if kind == "oneshot":
                check_oneshot(check, name, unit, scratch, port)
            else:
                check_long_running(check, name, unit, scratch, port)
        backups = sorted((scratch / "backups").glob("tsf-*/manifest.json"))
        if "tsf-backup.service" in services:
            check(bool(backups), "tsf-backup.service: wrote a complete backup")
    for name, unit in units.items():
        if name.endswith(".timer"):
            check_timer(check, name, unit, args.units)

    print(f"\n{check.failures} check(s) failed." if check.failures else "\nEvery check passed.")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
