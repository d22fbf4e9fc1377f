"""Backups that restore: `manage.py backup` copies the database and the uploaded files,
and `manage.py restore` loads them into a fresh database and media folder where the same
projects, registrations and images are found. Runs on the configured engine (SQLite
here, PostgreSQL in .ci/run's second pass)."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from events.models import Registration
from projects.images import rendition_name
from projects.models import Project, ProjectImage
from torino_social_factory import backups, page_cache

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def content(transactional_db, make_event, register, image_bytes):
    """Committed data (the backup reads it from another connection, pg_dump's)."""
    project = Project.objects.create(
        slug="orti-in-comune",
        title="Orti in comune",
        summary="Sintesi.",
        is_published=True,
        cover_image=SimpleUploadedFile("orti.jpg", image_bytes(900, 500)),
    )
    ProjectImage.objects.create(
        project=project,
        image=SimpleUploadedFile("laboratorio.jpg", image_bytes(640, 480, color=(10, 90, 200))),
        alt_text="Il laboratorio",
    )
    event = make_event(slug="presentazione", capacity=1)
    register(event, "maria.rossi@example.org")
    register(event, "luca.bianchi@example.org")
    return project


def _fresh_database(tmp_path):
    """A database URL nobody uses yet, and how to drop it afterwards."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{os.getpid()}"
    conninfo = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    url = f"postgres://{db['USER']}{password}@{conninfo['host']}:{conninfo['port']}/{name}"
    return url, drop


def _manage(*args, database_url, media_root):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media_root), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


WHAT_A_VISITOR_SEES = """
import hashlib, json
from projects.models import Project
from events.models import Registration
p = Project.objects.get(slug="orti-in-comune")
images = [p.cover_image] + [i.image for i in p.images.all()]
print(json.dumps({
    "projects": sorted(Project.objects.values_list("slug", flat=True)),
    "registrations": sorted(
        [r.email, r.status] for r in Registration.objects.select_related("event")
    ),
    "images": {f.name: hashlib.sha256(open(f.path, "rb").read()).hexdigest() for f in images},
}))
"""


def _sha(field_file):
    with field_file.open("rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


@pytest.fixture
def pg_tools():
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed (apt-get install postgresql-client)")


def test_a_backup_restores_into_a_fresh_database_with_the_same_content(
    content, tmp_path, settings, pg_tools
):
    out = StringIO()
    call_command("backup", output=str(tmp_path / "backups"), stdout=out)
    assert "1 progetti, 2 iscrizioni" in out.getvalue()
    (folder,) = (tmp_path / "backups").iterdir()
    assert folder.name.startswith("tsf-")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["rows"]["events.Registration"] == 2
    assert manifest["media_files"] >= 2 + 4  # two originals and their renditions

    # After the backup the live site changes: the restore must not see that.
    Project.objects.create(slug="dopo-il-backup", title="Dopo", summary="…")

    database_url, drop = _fresh_database(tmp_path)
    restored_media = tmp_path / "restored-media"
    try:
        restored = _manage(
            "restore", str(folder), "--no-input", database_url=database_url,
            media_root=restored_media,
        )  # fmt: skip
        assert restored.returncode == 0, restored.stderr
        assert "conteggi verificati" in restored.stdout
        seen = _manage(
            "shell", "-c", WHAT_A_VISITOR_SEES, database_url=database_url,
            media_root=restored_media,
        )  # fmt: skip
        assert seen.returncode == 0, seen.stderr
    finally:
        drop()
    found = json.loads(seen.stdout.strip().splitlines()[-1])

    project = Project.objects.get(slug="orti-in-comune")
    assert found["projects"] == ["orti-in-comune"]
    assert found["registrations"] == sorted([r.email, r.status] for r in Registration.objects.all())
    assert [status for _email, status in found["registrations"]] == ["waitlisted", "confirmed"]
    images = [project.cover_image] + [i.image for i in project.images.all()]
    assert found["images"] == {f.name: _sha(f) for f in images}
    cover = project.cover_image.name
    assert (restored_media / rendition_name(cover, 400, "webp")).is_file()


def test_a_damaged_backup_is_refused_before_anything_is_touched(content, tmp_path, pg_tools):
    folder = backups.create(tmp_path / "backups")
    database_file = next(folder.glob("database.*"))
    with open(database_file, "r+b") as file:
        file.seek(100)
        file.write(b"\x00damaged\x00")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(folder), "--no-input", stdout=StringIO())
    assert Project.objects.filter(slug="orti-in-comune").exists()


def test_an_interrupted_backup_never_looks_like_one(content, tmp_path, monkeypatch, pg_tools):
    def fail(target_dir):
        raise OSError("disk full")

    monkeypatch.setattr(backups, "archive_media", fail)
    with pytest.raises(OSError):
        backups.create(tmp_path / "backups")
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_media_archive_cannot_write_outside_media_root(content, tmp_path, settings, pg_tools):
    folder = backups.create(tmp_path / "backups")
    evil = folder / "media.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        payload = b"owned"
        member = tarfile.TarInfo("../../outside.txt")
        member.size = len(payload)
        archive.addfile(member, BytesIO(payload))
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"]["media.tar.gz"]["sha256"] = hashlib.sha256(evil.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(tarfile.OutsideDestinationError):
        backups.restore(folder)
    assert not (Path(settings.MEDIA_ROOT).parent.parent / "outside.txt").exists()


def test_keep_removes_only_the_oldest_complete_backups(tmp_path):
    for stamp in ("20260101-000000", "20260102-000000", "20260103-000000"):
        (tmp_path / f"tsf-{stamp}").mkdir()
    (tmp_path / "altro").mkdir()
    removed = backups.prune(tmp_path, keep=2)
    assert [p.name for p in removed] == ["tsf-20260101-000000"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "altro",
        "tsf-20260102-000000",
        "tsf-20260103-000000",
    ]


def test_make_backup_is_documented_with_the_restore_command():
    readme = (ROOT / "README.md").read_text()
    assert "make backup" in readme and "manage.py restore" in readme
    assert "backup:" in (ROOT / "Makefile").read_text()


def test_a_restore_moves_the_content_version_past_every_number_the_site_has_used(
    content, tmp_path, pg_tools
):
    # The caches hold pages for every version the live site went through, made from
    # content the restore replaces: going back to the backup's number would serve them.
    call_command("backup", output=str(tmp_path / "backups"), stdout=StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    for i in range(3):
        Project.objects.create(slug=f"dopo-il-backup-{i}", title="Dopo", summary="…")
    used = page_cache.current()

    call_command("restore", str(folder), "--no-input", stdout=StringIO())

    assert not Project.objects.filter(slug__startswith="dopo-il-backup").exists()
    assert page_cache.current() > used
