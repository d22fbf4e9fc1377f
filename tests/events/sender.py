"""Helpers for tests that run real processes against the test database: the outbox
sender (`manage.py send_outbox --watch`) and mail servers on loopback."""

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """DATABASE_URL of the test database this test runs on (SQLite file or PostgreSQL)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db.get("USER") or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def manage_env(**extra):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "torino_social_factory.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None) if "REDIS_URL" not in extra else None
    env.update({key: str(value) for key, value in extra.items()})
    return env


def start_sender(*args, **env):
    """`manage.py send_outbox --watch` as its own process (the one `make run` starts)."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_outbox", "--watch", *args],
        cwd=ROOT,
        env=manage_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class SilentSMTPServer:
    """Accepts connections and never answers: the server that made requests hang."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                conn, _address = self.sock.accept()
            except OSError:
                return
            self.connections.append(conn)  # held open, never a greeting

    def close(self):
        for conn in self.connections:
            conn.close()
        self.sock.close()
