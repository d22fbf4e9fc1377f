"""Share previews: the picture a chat or a social network shows beside a link.

A page with its own photograph (a project's cover) shares that. Every other page shares
an image the site draws itself: the page's title in the site font, white on the
programme's blue, over the EU strip the pages carry (emblem, "Unione europea", the
fund). ``render`` draws it with Pillow; ``response`` serves it, drawn once per content
version and language and then read from the cache, so a retitled project gets a new
picture at once and an unchanged one is never drawn twice.

The font is the one the pages already serve (Titillium Web, SIL Open Font Licence);
FreeType reads its WOFF2 file directly, so nothing else is installed or downloaded.
"""

import hashlib
import io
import math
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from .i18n import text_in_language

WIDTH, HEIGHT = 1200, 630  # the size Facebook, LinkedIn and X ask for (1.91:1)
MARGIN = 72
STRIP_HEIGHT = 132

BLUE = "#0066CC"  # Bootstrap Italia's primary, the site's links and buttons
DARK_BLUE = "#003366"
EU_BLUE = "#003399"  # Reg. (EU) 821/2014, Annex II: Reflex Blue and Yellow
EU_YELLOW = "#FFCC00"
WHITE = "#FFFFFF"
TEXT_DARK = "#1A1A1A"

FONT_BOLD = (
    "vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.woff2"
)
FONT_REGULAR = (
    "vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2"
)
TITLE_SIZES = (76, 68, 60, 52)  # the largest that fits in three lines wins
MAX_TITLE_LINES = 3
DRAWING = 1  # raise it when the drawing changes: cached pictures are then drawn anew
CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class ShareImage:
    """What the page's og:image and twitter:image tags say."""

    url: str
    alt: str
    width: int | None = WIDTH
    height: int | None = HEIGHT
    content_type: str | None = "image/png"

    @property
    def absolute_url(self):
        if self.url.startswith(("http://", "https://")):
            return self.url  # media on object storage already has its own host
        return settings.SITE_URL + self.url


def _font(path, size):
    return ImageFont.truetype(finders.find(path), size)


def _wrap(draw, text, font, width):
    """Greedy word wrap to ``width`` pixels; a word longer than a line stays whole."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if not line or draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _shorten(draw, line, font, width):
    """The line cut at a word so that it ends with an ellipsis within ``width``."""
    words = line.split()
    while words and draw.textlength(" ".join(words) + " …", font=font) > width:
        words.pop()
    return (" ".join(words) or line[:20]) + " …"


def _fit_title(draw, title, width):
    for size in TITLE_SIZES:
        font = _font(FONT_BOLD, size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= MAX_TITLE_LINES:
            return font, lines
    lines = lines[:MAX_TITLE_LINES]
    lines[-1] = _shorten(draw, lines[-1], font, width)
    return font, lines


def _star(centre, radius):
    """A five-pointed star, one point up, as the emblem draws it."""
    cx, cy = centre
    inner = radius * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 36)
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def _eu_emblem(draw, left, top, height):
    """The EU emblem (3:2): twelve stars on a circle of a third of the height."""
    width = height * 3 // 2
    draw.rectangle((left, top, left + width, top + height), fill=EU_BLUE)
    cx, cy = left + width / 2, top + height / 2
    for i in range(12):
        angle = math.radians(-90 + i * 30)
        centre = (cx + height / 3 * math.cos(angle), cy + height / 3 * math.sin(angle))
        draw.polygon(_star(centre, height / 18), fill=EU_YELLOW)
    return width


def render(title, *, site_name, eyebrow="", details="", fund_name=""):
    """PNG bytes: the site's name and ``eyebrow`` (what the page is) above ``title``,
    ``details`` (a date, a neighbourhood) below, and the EU strip at the bottom."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BLUE)
    draw = ImageDraw.Draw(image)
    text_width = WIDTH - 2 * MARGIN
    # A darker band on the left edge, the same accent the site's headings use.
    draw.rectangle((0, 0, 16, HEIGHT - STRIP_HEIGHT), fill=DARK_BLUE)

    y = MARGIN - 12
    small = _font(FONT_BOLD, 30)
    name = site_name.upper()
    draw.text((MARGIN, y), name, font=small, fill=WHITE)
    if eyebrow:
        label_left = MARGIN + draw.textlength(name, font=small) + 12
        draw.text((label_left, y), f"· {eyebrow}", font=_font(FONT_REGULAR, 30), fill=WHITE)
    title_font, lines = _fit_title(draw, title, text_width)
    line_height = round(title_font.size * 1.12)
    details_font = _font(FONT_REGULAR, 34)
    detail_lines = _wrap(draw, details, details_font, text_width)[:2] if details else []
    # The title and its details sit in the middle of the blue, under the site's name.
    block = len(lines) * line_height + (18 + 44 * len(detail_lines) if detail_lines else 0)
    top, bottom = y + 56, HEIGHT - STRIP_HEIGHT - MARGIN // 2
    y = max(top, top + (bottom - top - block) // 2)
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill=WHITE)
        y += line_height
    y += 18
    for line in detail_lines:
        draw.text((MARGIN, y), line, font=details_font, fill=WHITE)
        y += 44

    strip_top = HEIGHT - STRIP_HEIGHT
    draw.rectangle((0, strip_top, WIDTH, HEIGHT), fill=WHITE)
    emblem_height = 72
    emblem_top = strip_top + (STRIP_HEIGHT - emblem_height) // 2
    emblem_width = _eu_emblem(draw, MARGIN, emblem_top, emblem_height)
    text_left = MARGIN + emblem_width + 24
    draw.text(
        (text_left, emblem_top - 2), _("Unione europea"), font=_font(FONT_BOLD, 32), fill=TEXT_DARK
    )
    if fund_name:
        draw.text(
            (text_left, emblem_top + 38), fund_name, font=_font(FONT_REGULAR, 28), fill=TEXT_DARK
        )

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def generated(request, url, alt):
    """The site-drawn picture at ``url``, its address tied to the content version."""
    return ShareImage(url=f"{url}?v={getattr(request, 'content_version', 0)}", alt=alt)


def response(request, title, *, eyebrow="", details=""):
    """The picture of one page as a PNG response.

    The words of the site's frame (its name, the EU fund) come from the site settings
    the project package hangs on the request. A picture is drawn once: the cache key is
    a digest of every word on it, so a retitled page gets a new one and an unchanged one
    is read back. Browsers and crawlers may keep it a day and revalidate with its ETag;
    the pages' og:image URL carries the content version, so a changed page links anew.
    """
    site_settings = request.site_settings
    words = {
        "title": title,
        "site_name": site_settings.site_name,
        "eyebrow": eyebrow,
        "details": details,
        "fund_name": text_in_language(site_settings, "fund_name"),
    }
    digest = hashlib.sha256(repr((DRAWING, sorted(words.items()))).encode()).hexdigest()
    key = f"share-image:{digest}"
    data = cache.get(key)
    if data is None:
        data = render(**words)
        cache.set(key, data, CACHE_SECONDS)
    answer = HttpResponse(data, content_type="image/png")
    # ConditionalGetMiddleware answers a revalidation with this ETag by a 304.
    answer["ETag"] = f'"{digest[:32]}"'
    patch_cache_control(answer, public=True, max_age=24 * 3600)
    return answer
