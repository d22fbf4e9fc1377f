"""Backups that restore: a consistent copy of the database and of the uploaded files.

One backup is one folder ``tsf-YYYYMMDD-HHMMSS`` (UTC) holding:

- ``database.pgdump`` (``pg_dump --format=custom``: one snapshot, taken while the site
  keeps running) or ``database.sqlite3`` (SQLite's online backup API, same guarantee);
- ``media.tar.gz``: ``MEDIA_ROOT``, archived *after* the database. Uploads are written
  to disk before the row that names them commits and are never deleted on
  replacement, so every file the dump refers to is in the archive;
- ``manifest.json``: when, which engine, the size and SHA-256 of each file, and the
  number of rows of every model of the site, which ``restore`` checks afterwards.

The folder is written under a ``.partial`` name and renamed when complete: a backup
that was interrupted never looks like one. ``restore`` verifies the checksums before
it touches anything, loads the database in one transaction (``pg_restore
--single-transaction``) and extracts the files with the tar "data" filter (no absolute
paths, no ``..``, no links out of ``MEDIA_ROOT``).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from . import page_cache

SITE_APPS = ("torino_social_factory", "projects", "events")
PREFIX = "tsf-"


class BackupError(Exception):
    pass


def _engine():
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Database engine {vendor!r} is not supported.")
    return vendor


def _pg_env():
    db = connection.settings_dict
    env = {**os.environ}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    options = db.get("OPTIONS", {})
    if options.get("sslmode"):
        env["PGSSLMODE"] = options["sslmode"]
    if options.get("connect_timeout"):
        env["PGCONNECT_TIMEOUT"] = str(options["connect_timeout"])
    return env


def _run(command):
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client).")
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def site_models():
    return [model for label in SITE_APPS for model in apps.get_app_config(label).get_models()]


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in site_models()}


def _sqlite_counts(path):
    copy = sqlite3.connect(path)
    try:
        return {
            model._meta.label: copy.execute(
                f'SELECT COUNT(*) FROM "{model._meta.db_table}"'  # noqa: S608 - model names
            ).fetchone()[0]
            for model in site_models()
        }
    finally:
        copy.close()


def _media_on_disk():
    return settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def dump_database(target_dir):
    """Copy the database into ``target_dir``; return the file and its row counts, both
    of one instant."""
    if connection.in_atomic_block:
        raise BackupError("A backup runs outside any transaction.")
    if _engine() == "postgresql":
        path = target_dir / "database.pgdump"
        # pg_dump reads the snapshot of our own read-only transaction, so the counts
        # in the manifest are those of the very data in the dump.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            counts = row_counts()
            _run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
                + ["--snapshot", snapshot]
                + ["--file", str(path), connection.settings_dict["NAME"]]
            )
        return path, counts
    path = target_dir / "database.sqlite3"
    connection.ensure_connection()
    destination = sqlite3.connect(path)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return path, _sqlite_counts(path)


def archive_media(target_dir):
    root = Path(settings.MEDIA_ROOT)
    path = target_dir / "media.tar.gz"
    count = 0
    with tarfile.open(path, "w:gz") as archive:
        if root.is_dir():
            for file in sorted(root.rglob("*")):
                if file.is_file() and not file.is_symlink():
                    archive.add(file, arcname=str(file.relative_to(root)), recursive=False)
                    count += 1
    return path, count


def create(output_dir, *, keep=0):
    """Write one backup under ``output_dir``; return its folder."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    name = PREFIX + started.strftime("%Y%m%d-%H%M%S")
    final = output_dir / name
    partial = output_dir / f".{name}.partial"
    if final.exists():
        raise BackupError(f"{final} already exists.")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        database, counts = dump_database(partial)
        files = [database]
        media_files = None
        if _media_on_disk():
            media, media_files = archive_media(partial)
            files.append(media)
        manifest = {
            "created_at": started.isoformat(timespec="seconds"),
            "engine": _engine(),
            "files": {f.name: {"bytes": f.stat().st_size, "sha256": _sha256(f)} for f in files},
            "media_files": media_files,
            "rows": counts,
        }
        (partial / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if keep:
        prune(output_dir, keep)
    return final


def prune(output_dir, keep):
    """Keep the newest ``keep`` complete backups in ``output_dir``; return the removed."""
    backups = sorted(p for p in Path(output_dir).glob(PREFIX + "*") if p.is_dir())
    removed = backups[:-keep] if keep else []
    for path in removed:
        shutil.rmtree(path)
    return removed


def read_manifest(backup_dir):
    backup_dir = Path(backup_dir)
    try:
        manifest = json.loads((backup_dir / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{backup_dir} is not a complete backup: {exc}") from None
    for name, expected in manifest["files"].items():
        path = backup_dir / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} is missing or damaged (checksum differs); nothing restored.")
    return manifest


def restore(backup_dir):
    """Load a backup into the configured database and MEDIA_ROOT. Returns the manifest
    and the row counts found afterwards."""
    backup_dir = Path(backup_dir)
    manifest = read_manifest(backup_dir)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"The backup is of a {manifest['engine']} database, this site uses {engine}."
        )
    # The files first, into a scratch folder beside MEDIA_ROOT: an archive the "data"
    # filter refuses stops the restore before the database is touched.
    staged = None
    if "media.tar.gz" in manifest["files"]:
        root = Path(settings.MEDIA_ROOT)
        root.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=".restore-", dir=root.parent))
        try:
            with tarfile.open(backup_dir / "media.tar.gz", "r:gz") as archive:
                archive.extractall(staged, filter="data")
        except BaseException:
            shutil.rmtree(staged, ignore_errors=True)
            raise
    used = _version_in_use()
    try:
        _restore_database(engine, backup_dir)
        page_cache.move_past(used)
        if staged is not None:
            shutil.copytree(staged, settings.MEDIA_ROOT, dirs_exist_ok=True)
    finally:
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
    return manifest, row_counts()


def _version_in_use():
    try:
        return page_cache.current()
    except DatabaseError:  # a fresh database, without tables: no site has used it yet
        return 0


def _restore_database(engine, backup_dir):
    if engine == "postgresql":
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
            + ["--single-transaction", "--exit-on-error"]
            + ["--dbname", connection.settings_dict["NAME"], str(backup_dir / "database.pgdump")]
        )
    else:
        connection.close()
        source = sqlite3.connect(backup_dir / "database.sqlite3")
        destination = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(destination)
        finally:
            source.close()
            destination.close()
    connection.close()
