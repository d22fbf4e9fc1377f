"""Admin publish rule; image validation, EXIF stripping and renditions."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projects.images import MAX_BYTES, validate_image_upload
from projects.models import Project, ProjectImage


def project_post(organisation=None, **overrides):
    data = {
        "title": "Nuovo progetto",
        "slug": "nuovo-progetto",
        "summary": "In breve.",
        "status": "non_indicato",
        "is_published": "on",
        "objectives": "<p>Obiettivi</p>",
        "results": "<p>Risultati</p>",
        "participations-TOTAL_FORMS": "1" if organisation else "0",
        "participations-INITIAL_FORMS": "0",
        "participations-0-organisation": str(organisation.pk) if organisation else None,
        "participations-0-role": "lead" if organisation else None,
    }
    for prefix in ("places", "images", "updates", "sources"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_admin_publishes_a_complete_project(superuser_client, make_organisation):
    organisation = make_organisation()
    response = superuser_client.post("/admin/projects/project/add/", project_post(organisation))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Project.objects.get(slug="nuovo-progetto").is_published


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["summary", "objectives", "results"])
def test_admin_refuses_to_publish_without_texts(superuser_client, make_organisation, missing):
    response = superuser_client.post(
        "/admin/projects/project/add/", project_post(make_organisation(), **{missing: ""})
    )
    assert response.status_code == 200
    assert "Per pubblicare il progetto questo campo è obbligatorio" in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_to_publish_without_a_lead(superuser_client):
    response = superuser_client.post("/admin/projects/project/add/", project_post(None))
    assert response.status_code == 200
    assert "indica l&#x27;organizzazione capofila" in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_admin_saves_a_draft_without_a_lead(superuser_client):
    response = superuser_client.post(
        "/admin/projects/project/add/",
        project_post(None, is_published=None, objectives="", results=""),
    )
    assert response.status_code == 302
    assert not Project.objects.get().is_published


@pytest.mark.django_db
def test_admin_changelists_open(superuser_client, make_project):
    make_project()
    for model in ("project", "organisation", "theme", "district", "neighbourhood", "projectupdate"):
        assert superuser_client.get(f"/admin/projects/{model}/").status_code == 200


@pytest.mark.django_db
def test_one_lead_per_project_is_a_database_constraint(make_project, make_organisation):
    from django.db import IntegrityError, transaction

    from projects.models import Participation

    project = make_project()
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(project=project, organisation=make_organisation(), role="lead")


def test_validation_refuses_fake_huge_and_oversized_images(image_bytes):
    with pytest.raises(ValidationError):
        validate_image_upload(SimpleUploadedFile("x.jpg", b"not an image at all"))
    with pytest.raises(ValidationError):
        validate_image_upload(SimpleUploadedFile("x.jpg", b"\xff\xd8" + b"0" * 100))
    big = SimpleUploadedFile("x.jpg", image_bytes(10, 10))
    big.size = MAX_BYTES + 1
    with pytest.raises(ValidationError):
        validate_image_upload(big)
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, format="PNG")  # 48 MP, small file
    with pytest.raises(ValidationError):
        validate_image_upload(SimpleUploadedFile("x.png", out.getvalue()))
    validate_image_upload(SimpleUploadedFile("ok.jpg", image_bytes(100, 80)))


@pytest.mark.django_db
def test_saved_images_lose_exif_and_get_renditions(make_project, image_bytes, client):
    raw = image_bytes(1600, 900, gps=True)
    assert Image.open(io.BytesIO(raw)).getexif()
    project = make_project(slug="con-foto")
    image = ProjectImage.objects.create(
        project=project,
        image=SimpleUploadedFile("foto.jpg", raw),
        alt_text="Il laboratorio",
    )
    with image.image.open("rb") as stored:
        saved = Image.open(stored)
        assert not saved.getexif()
        assert "exif" not in saved.info
    storage = image.image.storage
    from projects.images import rendition_name

    for width in (400, 800, 1200):
        for ext in ("jpg", "webp"):
            assert storage.exists(rendition_name(image.image.name, width, ext))
    html = client.get("/progetti/con-foto/").content.decode()
    assert 'srcset="' in html and 'loading="lazy"' in html
    assert 'width="1200" height="675"' in html
    assert 'alt="Il laboratorio"' in html
