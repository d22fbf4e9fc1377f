"""Uploaded images show with DEBUG off, and MEDIA_ROOT is served safely: right content
type, nosniff, long cache for renditions, no listing, no way out of MEDIA_ROOT."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from projects.images import rendition_name
from projects.models import Project


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = False
    return settings


@pytest.fixture
def project_with_cover(db, image_bytes):
    return Project.objects.create(
        slug="con-copertina",
        title="Con copertina",
        summary="Sintesi.",
        is_published=True,
        cover_image=SimpleUploadedFile("copertina.jpg", image_bytes(1300, 700)),
    )


def test_an_uploaded_image_and_its_renditions_show_with_debug_off(
    client, production, project_with_cover
):
    cover = project_with_cover.cover_image
    original = client.get(cover.url)
    assert original.status_code == 200
    assert original["Content-Type"] == "image/jpeg"
    assert b"".join(original.streaming_content)[:3] == b"\xff\xd8\xff"
    assert original["X-Content-Type-Options"] == "nosniff"
    assert original["Cache-Control"] == "public, max-age=86400"

    webp = client.get(cover.storage.url(rendition_name(cover.name, 800, "webp")))
    assert webp.status_code == 200
    assert webp["Content-Type"] == "image/webp"
    assert webp["Cache-Control"] == "public, max-age=31536000, immutable"
    assert webp["X-Content-Type-Options"] == "nosniff"


def test_the_image_on_the_project_page_is_one_the_site_serves(
    client, production, project_with_cover
):
    html = client.get(project_with_cover.get_absolute_url()).content.decode()
    src = project_with_cover.cover_image.storage.url(
        rendition_name(project_with_cover.cover_image.name, 1200, "jpg")
    )
    assert src in html
    assert client.get(src).status_code == 200


def test_media_costs_no_query_and_sets_no_cookie(client, production, project_with_cover):
    url = project_with_cover.cover_image.url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) == 0
    assert not response.cookies


def test_a_revalidation_answers_304_and_head_answers_without_a_body(
    client, production, project_with_cover
):
    url = project_with_cover.cover_image.url
    mtime = os.path.getmtime(project_with_cover.cover_image.path)
    assert client.get(url, headers={"If-Modified-Since": http_date(mtime)}).status_code == 304
    older = client.get(url, headers={"If-Modified-Since": http_date(mtime - 3600)})
    assert older.status_code == 200
    head = client.head(url)
    assert head.status_code == 200
    assert int(head["Content-Length"]) == project_with_cover.cover_image.size
    assert head.content == b""


def test_directories_are_never_listed(client, production, project_with_cover):
    for url in ("/media/", "/media/projects/", "/media/projects/covers/", "/media/projects/covers"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"copertina" not in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/media/../manage.py",
        "/media/projects/../../manage.py",
        "/media/%2e%2e/manage.py",
        "/media/projects/%2e%2e/%2e%2e/%2e%2e/manage.py",
        "/media/..%2fmanage.py",
        "/media//etc/passwd",
        "/media/%2fetc/passwd",
        "/media/..%5c..%5cmanage.py",
        "/media/secret.txt%00.jpg",
        "/media/.hidden.jpg",
        "/media/outside/manage.py",
    ],
)
def test_no_path_leaves_media_root(client, production, settings, url):
    root = settings.MEDIA_ROOT
    root.mkdir(parents=True, exist_ok=True)
    (root / ".hidden.jpg").write_bytes(b"hidden")
    # A symbolic link inside MEDIA_ROOT that points out of it is refused too.
    (root / "outside").symlink_to(settings.BASE_DIR)
    response = client.get(url)
    assert response.status_code in (400, 404), url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"DJANGO_SETTINGS_MODULE" not in body
    assert b"root:" not in body and b"hidden" not in body


def test_a_file_of_another_type_is_a_download_never_a_page(client, production, settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "pagina.html").write_text("<script>alert(1)</script>")
    (settings.MEDIA_ROOT / "disegno.svg").write_text("<svg onload='alert(1)'/>")
    for name in ("pagina.html", "disegno.svg"):
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]


def test_only_reading_is_allowed(client, production, project_with_cover):
    assert client.post(project_with_cover.cover_image.url).status_code == 405


def test_with_serve_media_off_the_web_server_in_front_answers(
    client, production, settings, project_with_cover
):
    settings.SERVE_MEDIA = False
    assert client.get(project_with_cover.cover_image.url).status_code == 404
