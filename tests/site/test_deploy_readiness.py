"""/readyz tells a load balancer whether visitors can be served: database, cache and
catalogues (503 when one is down), the outbox backlog (reported, "degraded" when the
sender has stopped); /healthz stays the cheap liveness probe."""

import json
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django.utils import timezone

from events.models import OutboxMessage


def ready(client):
    response = client.get("/readyz")
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return response.status_code, json.loads(response.content)


def test_everything_up_answers_200_with_each_check(client, db):
    status, report = ready(client)
    assert status == 200, report
    assert report["status"] == "ok"
    checks = report["checks"]
    assert set(checks) == {"database", "cache", "catalogues", "outbox"}
    assert all(check["ok"] for check in checks.values())
    assert checks["catalogues"]["languages"] == {"en": True}
    assert checks["outbox"] == {**checks["outbox"], "pending": 0, "oldest_pending_seconds": 0}
    assert not client.get("/readyz").cookies


def test_liveness_stays_a_plain_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_a_database_that_does_not_answer_is_a_503_not_a_500(client, db, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", unreachable)
        status, report = ready(client)
    assert status == 503
    assert report["status"] == "down"
    assert report["checks"]["database"] == {
        **report["checks"]["database"],
        "ok": False,
        "error": "OperationalError",
    }
    assert report["checks"]["outbox"]["ok"] is False
    assert report["checks"]["cache"]["ok"] is True


def test_a_cache_that_does_not_answer_is_a_503(client, db):
    # A real Redis client against a port where nothing listens.
    dead_redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=dead_redis):
        status, report = ready(client)
    assert status == 503
    assert report["checks"]["cache"]["ok"] is False
    assert report["checks"]["cache"]["error"] == "ConnectionError"
    assert report["checks"]["database"]["ok"] is True


def test_a_stale_catalogue_file_is_a_503(client, db, settings, tmp_path):
    # The .po edited after the last `make messages`: what this process loaded may be old.
    english = tmp_path / "locale" / "en" / "LC_MESSAGES"
    english.mkdir(parents=True)
    source = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"
    (english / "django.mo").write_bytes((source / "django.mo").read_bytes())
    (english / "django.po").write_text((source / "django.po").read_text())
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    status, report = ready(client)
    assert status == 503
    assert "older than its .po" in report["checks"]["catalogues"]["problems"][0]


def test_missing_english_catalogue_is_a_503(client, db, settings, tmp_path):
    # As after a deploy that forgot `make messages`: no compiled catalogue to load.
    settings.LOCALE_PATHS = [tmp_path / "no-locale"]
    status, report = ready(client)
    assert status == 503
    assert report["checks"]["catalogues"] == {
        **report["checks"]["catalogues"],
        "ok": False,
        "languages": {"en": False},
    }


def _message(minutes_ago, status=OutboxMessage.Status.PENDING):
    message = OutboxMessage.objects.create(
        kind="confirmed", to="maria.rossi@example.org", status=status
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return message


def test_a_fresh_backlog_is_reported_and_ready(client, db):
    _message(2)
    _message(1)
    _message(60, status=OutboxMessage.Status.SENT)
    status, report = ready(client)
    assert status == 200 and report["status"] == "ok"
    outbox = report["checks"]["outbox"]
    assert outbox["pending"] == 2
    assert 110 <= outbox["oldest_pending_seconds"] <= 130
    assert outbox["failed"] == 0


def test_a_stuck_sender_makes_readiness_degraded_but_keeps_visitors_served(client, db, settings):
    settings.READINESS_OUTBOX_MAX_AGE = 600
    _message(30)
    _message(5, status=OutboxMessage.Status.FAILED)
    status, report = ready(client)
    assert status == 200
    assert report["status"] == "degraded"
    outbox = report["checks"]["outbox"]
    assert outbox["ok"] is False
    assert outbox["oldest_pending_seconds"] >= 30 * 60 - 5
    assert outbox["failed"] == 1
    # The report never shows whom the mails are for.
    assert "example.org" not in json.dumps(report)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_readiness_only_reads(client, db, method):
    assert getattr(client, method)("/readyz").status_code == 405


def test_probes_over_plain_http_are_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
