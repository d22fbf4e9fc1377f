"""Small HTML readers for tests (standard library only)."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

# Elements whose URL the browser fetches by itself when the page loads.
FETCHING_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "srcset",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


class PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs dict)
        self.h1_count = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "h1":
            self.h1_count += 1

    def find(self, tag, **attrs):
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]

    def fetched_urls(self):
        """Every URL the browser would request on load (scripts, images, styles, fonts…)."""
        urls = []
        for tag, attrs in self.tags:
            attribute = FETCHING_ATTRIBUTES.get(tag)
            if attribute and attrs.get(attribute):
                urls += [part.strip().split(" ")[0] for part in attrs[attribute].split(",")]
            if tag == "link" and attrs.get("rel") in {
                "stylesheet",
                "preload",
                "icon",
                "modulepreload",
            }:
                urls.append(attrs.get("href", ""))
        return urls


def read(response):
    reader = PageReader()
    reader.feed(response.content.decode())
    return reader


def is_third_party(url):
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.netloc not in {"testserver", "127.0.0.1", "localhost"}
