"""Logos uploaded in the site settings go through the images' pipeline: metadata and
anything appended to the picture are gone, a huge picture is refused, a large one is
reduced to what the header shows."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from torino_social_factory.models import LOGO_MAX_SIZE, SiteSettings


def png_bytes(width, height, *, mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, (width, height), (10, 80, 160) if mode == "RGB" else 0).save(out, "PNG")
    return out.getvalue()


def png_claiming(width, height):
    """A small PNG whose header says ``width`` × ``height`` (a decompression bomb's
    calling card): the check must refuse it without decoding it."""
    data = bytearray(png_bytes(8, 8))
    ihdr = data[12:29]  # b"IHDR" + 13 bytes
    fields = bytearray(ihdr[4:])
    fields[0:8] = struct.pack(">II", width, height)
    chunk = b"IHDR" + bytes(fields)
    data[12:29] = chunk
    data[29:33] = struct.pack(">I", zlib.crc32(chunk) & 0xFFFFFFFF)
    return bytes(data)


@pytest.fixture
def upload_logo(administration_client, seeded):
    url = reverse("admin:torino_social_factory_sitesettings_change", args=[1])

    def upload(content, name):
        html = administration_client.get(url).content.decode()
        assert "pon_logo" in html
        form = _form_values(SiteSettings.load())
        form["pon_logo"] = SimpleUploadedFile(name, content)
        form["pon_logo_alt"] = "PON Città Metropolitane 2014-2020"
        return administration_client.post(url, form)

    return upload


def _form_values(settings_row):
    from django.forms.models import model_to_dict

    values = {}
    for key, value in model_to_dict(settings_row).items():
        if key in ("id", "city_logo", "pon_logo", "updated_at"):
            continue
        if value is None:
            value = ""
        if isinstance(value, bool):
            if value:
                values[key] = "on"
            continue
        values[key] = value
    return values


def stored_logo():
    row = SiteSettings.objects.get(pk=1)
    with row.pon_logo.open("rb") as handle:
        return handle.read()


def test_a_jpeg_logo_loses_its_gps_exif(upload_logo, image_bytes):
    response = upload_logo(image_bytes(400, 100, gps=True), "logo.jpg")
    assert response.status_code == 302, response.content.decode()[:3000]
    data = stored_logo()
    with Image.open(io.BytesIO(data)) as image:
        assert 0x8825 not in image.getexif()  # no GPS block
        assert not image.getexif()
    assert b"TestCamera" not in data


def test_a_png_logo_with_a_script_appended_is_stored_clean(upload_logo):
    content = png_bytes(300, 100) + b"<script>alert(document.cookie)</script>"
    response = upload_logo(content, "logo.png")
    assert response.status_code == 302
    data = stored_logo()
    assert b"<script>" not in data and data != content
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (300, 100)


def test_a_144_megapixel_logo_is_refused_in_italian(upload_logo):
    response = upload_logo(png_claiming(12_000, 12_000), "enorme.png")
    assert response.status_code == 200
    assert "L&#x27;immagine supera 40 megapixel." in response.content.decode()
    assert not SiteSettings.objects.get(pk=1).pon_logo


def test_a_large_logo_is_reduced_to_the_header_size(upload_logo):
    response = upload_logo(png_bytes(4000, 1000), "grande.png")
    assert response.status_code == 302
    with Image.open(io.BytesIO(stored_logo())) as image:
        assert image.width <= LOGO_MAX_SIZE[0] and image.height <= LOGO_MAX_SIZE[1]
        assert image.size == (800, 200)


def test_a_file_that_is_not_an_image_is_refused(upload_logo):
    from html import unescape

    response = upload_logo(b"<svg onload=alert(1)></svg>", "logo.png")
    assert response.status_code == 200
    assert "immagine valida" in unescape(response.content.decode())
    assert not SiteSettings.objects.get(pk=1).pon_logo
