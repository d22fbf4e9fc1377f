"""Uploaded files served by the site itself, when no web server or object storage does.

``make serve`` and a plain gunicorn deployment have nothing else in front of
``MEDIA_ROOT``: without this every uploaded image is a broken image. The middleware
answers ``MEDIA_URL`` requests before sessions, the page cache and the URL resolver
(no database query, no cookie), and only ever sends a regular file under
``MEDIA_ROOT``:

- the path is resolved (symlinks included) and must stay inside ``MEDIA_ROOT``;
  ``..``, absolute paths, backslashes, NUL bytes and hidden names are a 404;
- directories are a 404: there is no listing;
- the content type comes from an allow-list of the formats we accept and generate;
  anything else is sent as ``application/octet-stream`` and as an attachment, so
  a stray HTML or SVG file can never run in the site's origin;
- every answer carries ``nosniff`` and a sandboxing CSP;
- renditions (``…/renditions/…``, names derived from a unique upload name, rewritten
  only with the same content) are cached for a year as immutable; other files for a
  day. ``Last-Modified`` lets browsers revalidate with a 304.

``SERVE_MEDIA=0`` turns it off where nginx or object storage serves the files (README,
"Mettere in produzione").
"""

import posixpath
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.utils.http import http_date, parse_http_date_safe

INLINE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".avif": "image/avif",
    ".pdf": "application/pdf",
}
RENDITION_MAX_AGE = 60 * 60 * 24 * 365
FILE_MAX_AGE = 60 * 60 * 24


def resolve(relative):
    """The file under MEDIA_ROOT that ``relative`` names, or None if there is none
    that may be served."""
    if not relative or "\\" in relative or "\x00" in relative or relative.startswith("/"):
        return None
    parts = relative.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        candidate = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


def headers_for(relative):
    extension = posixpath.splitext(relative)[1].lower()
    content_type = INLINE_TYPES.get(extension)
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cross-Origin-Resource-Policy": "same-origin",
    }
    if content_type is None:
        content_type = "application/octet-stream"
    rendition = "/renditions/" in f"/{relative}"
    max_age = RENDITION_MAX_AGE if rendition else FILE_MAX_AGE
    headers["Cache-Control"] = f"public, max-age={max_age}" + (", immutable" if rendition else "")
    return content_type, headers


def serve(request, relative):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    path = resolve(relative)
    if path is None:
        raise Http404
    stat = path.stat()
    content_type, headers = headers_for(relative)
    headers["Last-Modified"] = http_date(stat.st_mtime)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is not None and int(stat.st_mtime) <= since:
        response = HttpResponse(status=304, headers=headers)
        del response.headers["Content-Type"]
        return response
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type, headers=headers)
        response.headers["Content-Length"] = str(stat.st_size)
        return response
    return FileResponse(
        path.open("rb"),
        content_type=content_type,
        headers=headers,
        as_attachment=content_type == "application/octet-stream",
        filename=path.name,
    )


class MediaFilesMiddleware:
    """Serve ``MEDIA_URL`` from ``MEDIA_ROOT`` when ``SERVE_MEDIA`` is on (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else None

    def __call__(self, request):
        if (
            settings.SERVE_MEDIA
            and self.prefix
            and request.path_info.startswith(self.prefix)
            and settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
        ):
            try:
                return serve(request, request.path_info[len(self.prefix) :])
            except Http404:
                return HttpResponse(
                    "Not found", status=404, content_type="text/plain; charset=utf-8"
                )
        return self.get_response(request)
