"""Production settings: refuse to start unsafely, pass the deploy check, send the headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-value-" + "y" * 10,
    "DJANGO_ALLOWED_HOSTS": "tsf.example.it",
    "DATABASE_URL": "sqlite:////tmp/tsf-prod-check.sqlite3",
}


def manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PRODUCTION_ENV)
    env.update(env_overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SECRET_KEY=None)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_ALLOWED_HOSTS=None)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_deploy_check_reports_nothing():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture
def production_headers(settings):
    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False


def test_responses_carry_the_security_headers(client, seeded, production_headers):
    response = client.get("/", secure=True)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_hsts_is_only_sent_over_tls(client, seeded, production_headers):
    assert "Strict-Transport-Security" not in client.get("/").headers


WORKER = """
import gc, io, sys
from torino_social_factory.wsgi import application

def get(path):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "localhost",
               "SERVER_PORT": "80", "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http"}
    answer = application(environ, lambda status, headers, exc_info=None: None)
    b"".join(answer)
    answer.close()

before = gc.get_freeze_count()
get("/healthz")
after_first = gc.get_freeze_count()
gc.unfreeze()
get("/healthz")
print(before, after_first, gc.get_freeze_count())
"""


def test_a_worker_hides_what_its_first_request_loaded_from_the_garbage_collector():
    # Frozen once, after the first answer: full collections stop walking Django's
    # long-lived objects (a 50-80 ms pause every few thousand requests).
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DATABASE_URL"] = "sqlite:////tmp/tsf-worker-freeze.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    before, after_first, after_second = map(int, result.stdout.split()[-3:])
    assert before == 0
    assert after_first > 10_000  # the modules, URL resolver and settings of the worker
    assert after_second == 0  # once only: later requests are not frozen with it
