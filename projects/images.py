"""Uploaded images: validated, re-encoded without metadata, resized for srcset.

- ``validate_image_upload``: a real image (Pillow verifies it), at most 8 MB and
  40 megapixels; anything else is refused with an Italian message.
- ``ResizedImageMixin``: on save, a newly uploaded file is re-encoded (EXIF and GPS
  are dropped, orientation applied) and renditions 400/800/1200 px wide are written
  as JPEG and WebP next to it. Templates read their names without touching the disk.
"""

import io
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
RENDITION_WIDTHS = (400, 800, 1200)
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_upload(file):
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(_("L'immagine supera 8 MB."), code="too_large")
    try:
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        with Image.open(file) as probe:
            image_format = probe.format
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("L'immagine supera 40 megapixel."), code="too_many_pixels")
            probe.verify()
        file.seek(position)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Il file non è un'immagine valida (JPEG, PNG, WebP o GIF)."), code="invalid_image"
        ) from None
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Formato non ammesso: usare JPEG, PNG, WebP o GIF."), code="invalid_format"
        )


def reencode(file):
    """The image re-encoded without any metadata (EXIF, GPS, comments).

    Returns (bytes, extension)."""
    file.seek(0)
    with Image.open(file) as original:
        image = ImageOps.exif_transpose(original)
        has_alpha = image.mode in ("RGBA", "LA") or (
            image.mode == "P" and "transparency" in image.info
        )
        out = io.BytesIO()
        if has_alpha:
            image = image.convert("RGBA")
            clean = Image.new("RGBA", image.size)
            clean.paste(image)
            clean.save(out, format="PNG", optimize=True)
            return out.getvalue(), "png"
        clean = Image.new("RGB", image.size)
        clean.paste(image.convert("RGB"))
        clean.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
        return out.getvalue(), "jpg"


def rendition_name(name, width, extension):
    stem, _ext = os.path.splitext(name)
    directory, base = os.path.split(stem)
    return f"{directory}/renditions/{base}-{width}w.{extension}"


def widths_for(original_width):
    """The rendition widths not larger than the original (at least one)."""
    if not original_width:
        return ()
    widths = [w for w in RENDITION_WIDTHS if w <= original_width]
    return tuple(widths) or (RENDITION_WIDTHS[0],)


def make_renditions(name, storage=None):
    storage = storage or default_storage
    with storage.open(name, "rb") as source, Image.open(source) as image:
        image.load()
        rgb = image.convert("RGB")
    for width in widths_for(rgb.width):
        height = max(1, round(rgb.height * width / rgb.width))
        resized = rgb.resize((width, height), Image.LANCZOS) if width < rgb.width else rgb
        for extension, options in (("jpg", {"format": "JPEG", "quality": 82}), ("webp", {"format": "WEBP", "quality": 80})):  # fmt: skip
            target = rendition_name(name, width, extension)
            out = io.BytesIO()
            resized.save(out, **options)
            if storage.exists(target):
                storage.delete(target)
            storage.save(target, ContentFile(out.getvalue()))


class ResizedImageMixin:
    """Re-encode new uploads and write their renditions (see module docstring)."""

    IMAGE_FIELDS = ()

    def save(self, *args, **kwargs):
        fresh = []
        for field_name in self.IMAGE_FIELDS:
            field_file = getattr(self, field_name)
            if field_file and not getattr(field_file, "_committed", True):
                data, extension = reencode(field_file.file)
                stem = os.path.splitext(os.path.basename(field_file.name))[0]
                field_file.save(f"{stem}.{extension}", ContentFile(data), save=False)
                fresh.append(field_name)
        super().save(*args, **kwargs)
        for field_name in fresh:
            field_file = getattr(self, field_name)
            make_renditions(field_file.name, field_file.storage)


def srcset_for(field_file, width, extension):
    """The srcset string of one format, computed from names only (no disk access)."""
    if not field_file:
        return ""
    parts = []
    for w in widths_for(width):
        url = field_file.storage.url(rendition_name(field_file.name, w, extension))
        parts.append(f"{url} {w}w")
    return ", ".join(parts)
