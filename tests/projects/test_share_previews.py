"""Share previews: every public page tells a chat or a social network its title, its
description and a picture that loads; projects and events get a picture of their own,
drawn by the site, in the page's language."""

import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import translate_url
from PIL import Image

from tests.html import read
from tests.public_pages import first_event, first_project, html_pages

pytestmark = pytest.mark.django_db


def share_tags(response):
    page = read(response)
    tags = {a["property"]: a.get("content", "") for a in page.find("meta") if "property" in a}
    tags |= {a["name"]: a.get("content", "") for a in page.find("meta") if "name" in a}
    return tags


def fetch_image(client, absolute_url):
    parts = urlsplit(absolute_url)
    return client.get(parts.path + (f"?{parts.query}" if parts.query else ""))


def body(response):
    if response.streaming:  # media files come as a FileResponse
        return b"".join(response.streaming_content)
    return response.content


def picture(response):
    return Image.open(io.BytesIO(body(response)))


def test_every_public_page_has_open_graph_and_twitter_tags_with_a_picture_that_loads(
    client, seeded
):
    pictures = {}
    for page in html_pages():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        tags = share_tags(response)
        for name in ("og:title", "og:description", "og:url", "og:image", "og:image:alt"):
            assert tags.get(name, "").strip(), f"{page.url}: {name} missing or empty"
        assert tags["twitter:card"] == "summary_large_image", page.url
        assert tags["twitter:image"] == tags["og:image"], page.url
        assert tags["twitter:title"] == tags["og:title"], page.url
        assert "\n" not in tags["og:title"] and tags["og:title"] == tags["og:title"].strip()
        if tags["og:image"] not in pictures:
            image = fetch_image(client, tags["og:image"])
            assert image.status_code == 200, f"{page.url}: {tags['og:image']}"
            assert image["Content-Type"] == "image/png"
            assert image.cookies == {}
            assert picture(image).size == (1200, 630)
            pictures[tags["og:image"]] = image.content
    # The home's picture for the pages without one of their own, and one each for
    # the project, the event and their English pages.
    assert len(set(pictures.values())) >= 5


def test_the_sites_picture_is_described_by_its_own_words(client, seeded):
    tags = share_tags(client.get("/il-programma/"))
    assert (
        tags["og:image:alt"]
        == "Torino Social Factory: Innovazione sociale nelle periferie di Torino"
    )
    english = share_tags(client.get("/en/il-programma/"))
    assert english["og:image:alt"].endswith(
        "Social innovation in the outer neighbourhoods of Turin"
    )


def test_a_project_and_an_event_share_their_own_picture_not_the_sites(client, seeded):
    home = share_tags(client.get("/"))["og:image"]
    project = first_project()
    event = first_event()
    project_image = share_tags(client.get(project.get_absolute_url()))["og:image"]
    event_image = share_tags(client.get(event.get_absolute_url()))["og:image"]
    assert f"/progetti/{project.slug}/anteprima.png" in project_image
    assert f"/eventi/{event.slug}/anteprima.png" in event_image
    drawn = {fetch_image(client, url).content for url in (home, project_image, event_image)}
    assert len(drawn) == 3
    assert share_tags(client.get(project.get_absolute_url()))["og:type"] == "article"


def test_the_english_page_shares_a_picture_with_the_english_title(client, seeded):
    project = first_project()
    project.title_en = "A title only the English picture carries"
    project.save()
    italian = share_tags(client.get(project.get_absolute_url()))
    english = share_tags(client.get(translate_url(project.get_absolute_url(), "en")))
    assert english["og:title"] == "A title only the English picture carries"
    assert english["og:locale"] == "en_GB" and italian["og:locale"] == "it_IT"
    assert urlsplit(english["og:image"]).path.startswith("/en/")
    assert (
        fetch_image(client, english["og:image"]).content
        != fetch_image(client, italian["og:image"]).content
    )


def test_a_picture_is_drawn_once_and_drawn_anew_when_the_title_changes(
    client, make_project, monkeypatch
):
    from torino_social_factory.common import share_image

    drawn = []
    real_render = share_image.render
    monkeypatch.setattr(
        share_image,
        "render",
        lambda title, **words: drawn.append(title) or real_render(title, **words),
    )
    project = make_project(title="Orti in Barriera")
    first_url = share_tags(client.get(project.get_absolute_url()))["og:image"]
    first = fetch_image(client, first_url)
    again = fetch_image(client, first_url)
    assert first.content == again.content and drawn == ["Orti in Barriera"]

    project.title = "Orti e cortili in Barriera"
    project.save()
    second_url = share_tags(client.get(project.get_absolute_url()))["og:image"]
    assert second_url != first_url  # crawlers that keep pictures by URL fetch the new one
    assert fetch_image(client, second_url).content != first.content
    assert drawn == ["Orti in Barriera", "Orti e cortili in Barriera"]


def test_the_picture_may_be_kept_a_day_and_is_revalidated_with_a_304(client, make_project):
    project = make_project()
    url = share_tags(client.get(project.get_absolute_url()))["og:image"]
    first = fetch_image(client, url)
    assert "public" in first["Cache-Control"] and "max-age=86400" in first["Cache-Control"]
    parts = urlsplit(url)
    revalidated = client.get(f"{parts.path}?{parts.query}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304


def test_a_very_long_title_still_makes_a_picture_of_the_right_size(client, make_project):
    # As long as the field allows (200): more than three lines at the smallest size.
    project = make_project(title=("Un titolo molto lungo " * 20)[:200])
    url = share_tags(client.get(project.get_absolute_url()))["og:image"]
    assert picture(fetch_image(client, url)).size == (1200, 630)


def test_a_cover_photograph_is_shared_instead_of_the_drawn_picture(client, make_project):
    project = make_project()
    out = io.BytesIO()
    Image.new("RGB", (1600, 900), "#336699").save(out, format="JPEG")
    project.cover_image = SimpleUploadedFile("cover.jpg", out.getvalue(), "image/jpeg")
    project.cover_image_alt = "Il cortile del progetto"
    project.save()
    tags = share_tags(client.get(project.get_absolute_url()))
    assert "anteprima.png" not in tags["og:image"]
    assert tags["og:image:alt"] == "Il cortile del progetto"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "675")
    image = fetch_image(client, tags["og:image"])
    assert image.status_code == 200
    assert picture(image).size == (1200, 675)


def test_an_unlisted_event_shares_the_sites_picture_and_has_none_of_its_own(client, make_event):
    event = make_event(slug="laboratorio", visibility="unlisted", title="Laboratorio riservato")
    page = client.get(f"/eventi/laboratorio/?chiave={event.access_key}")
    tags = share_tags(page)
    assert "/eventi/" not in tags["og:image"] and "chiave" not in tags["og:image"]
    assert client.get("/eventi/laboratorio/anteprima.png").status_code == 404


def test_a_draft_project_has_no_picture(client, make_project):
    make_project(slug="bozza", published=False)
    assert client.get("/progetti/bozza/anteprima.png").status_code == 404


def test_the_event_json_ld_names_the_organizer_with_its_site_and_the_picture(client, seeded):
    event = first_event()
    response = client.get(event.get_absolute_url())
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    data = next(d for d in map(json.loads, blocks) if d.get("@type") == "Event")
    assert data["organizer"]["name"] == "Città di Torino"
    assert data["organizer"]["url"] == "https://www.comune.torino.it/"
    assert data["image"] == [share_tags(response)["og:image"]]
    assert data["location"]["address"]["streetAddress"] == "via Regaldi 7/11"
