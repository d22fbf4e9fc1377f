"""The admin as the staff's workspace: Italian, branded, safe rich text, settings."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from torino_social_factory.models import Page, PageFeedback, SiteSettings


def png_bytes():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 20), "#0066cc").save(buffer, "PNG")
    return buffer.getvalue()


def page_form(**overrides):
    data = {
        "slug": "faq",
        "title": "Domande frequenti",
        "summary": "",
        "body": "<p>Testo</p>",
        "title_en": "",
        "summary_en": "",
        "body_en": "",
    }
    return data | overrides


def test_admin_speaks_italian_and_shows_the_site_name_and_logo(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert 'lang="it"' in html
    assert "Torino Social Factory – area riservata" in html
    assert 'class="tsf-admin-logo"' in html
    assert "css/admin.css" in html
    assert "noindex" in html


def test_admin_pages_run_under_the_strict_content_security_policy(admin_client):
    response = admin_client.get(reverse("admin:torino_social_factory_page_add"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()  # every script is a file


def test_rich_text_fields_get_the_visual_editor(admin_client):
    html = admin_client.get(reverse("admin:torino_social_factory_page_add")).content.decode()
    assert 'class="vLargeTextField tsf-richtext"' in html
    assert "js/richtext.js" in html


def test_rich_text_saved_through_the_admin_is_clean(admin_client):
    response = admin_client.post(
        reverse("admin:torino_social_factory_page_add"),
        page_form(
            body='<p style="color:red" onclick="steal()">Ciao<script>alert(1)</script></p>'
            '<img src=x onerror=alert(2)><h2 class="big">Titolo</h2>'
            '<a href="javascript:alert(3)">x</a><a href="https://www.comune.torino.it">ok</a>',
        ),
    )
    assert response.status_code == 302
    body = Page.objects.get(slug="faq").body
    for forbidden in ("<script", "style=", "onclick", "onerror", "<img", "javascript:", "class="):
        assert forbidden not in body
    assert "<h2>Titolo</h2>" in body
    assert 'href="https://www.comune.torino.it"' in body


def test_fields_without_a_model_help_text_get_one_in_plain_words(admin_client):
    html = admin_client.get(reverse("admin:torino_social_factory_page_add")).content.decode()
    assert "Quale pagina del sito è" in html  # slug: from admin_help
    assert "Una o due frasi mostrate sotto il titolo" in html  # summary: the model's own


def test_an_uploaded_logo_needs_its_alternative_text(admin_client):
    SiteSettings.load()
    url = reverse("admin:torino_social_factory_sitesettings_change", args=[1])
    data = {
        "accessibility_statement_url": "https://form.agid.gov.it/view/abc",
        "city_logo": SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png"),
        "city_logo_alt": "",
        "pon_logo_alt": "",
        "funding_total_label": "1,5 milioni di euro",
        "organisations_total_label": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Scrivi il testo alternativo del logo" in response.content.decode()

    data["city_logo"] = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    data["city_logo_alt"] = "Città di Torino"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    saved = SiteSettings.objects.get()
    assert saved.city_logo and saved.city_logo_alt == "Città di Torino"
    assert saved.accessibility_statement_url.endswith("/abc")
    assert LogEntry.objects.filter(object_id="1").exists()  # with its history


def test_feedback_is_read_only_for_staff(admin_client):
    item = PageFeedback.objects.create(path="/", useful=True, comment="Chiaro")
    html = admin_client.get(
        reverse("admin:torino_social_factory_pagefeedback_change", args=[item.pk])
    ).content.decode()
    assert 'name="comment"' not in html


def make_users(n):
    from django.contrib.auth.models import Group, User

    group, _created = Group.objects.get_or_create(name="Prova")
    start = User.objects.count()
    for i in range(start, start + n):
        User.objects.create_user(f"persona{i}", is_staff=True).groups.add(group)


def _count_queries(client, url):
    for _warm in range(2):
        client.get(url)  # warm per-process caches (twice: after a change
        # the content version is read again)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _make_pages(n):
    slugs = [choice for choice, _label in Page.Slug.choices]
    Page.objects.all().delete()
    for slug in slugs[:n]:
        Page.objects.create(slug=slug, title=slug, body="<p>x</p>")


@pytest.mark.parametrize(
    "url_name, make",
    [
        (
            "admin:torino_social_factory_pagefeedback_changelist",
            lambda n: PageFeedback.objects.bulk_create(
                [PageFeedback(path=f"/p{i}/", useful=i % 2 == 0, comment="c") for i in range(n)]
            ),
        ),
        (
            "admin:auth_user_changelist",
            lambda n: make_users(n),
        ),
    ],
)
def test_site_changelists_run_the_same_queries_for_3_and_30_rows(admin_client, url_name, make):
    url = reverse(url_name)
    make(3)
    few = _count_queries(admin_client, url)
    make(27)
    many = _count_queries(admin_client, url)
    assert few == many


def test_page_changelist_queries_do_not_grow_with_rows(admin_client):
    url = reverse("admin:torino_social_factory_page_changelist")
    _make_pages(2)
    few = _count_queries(admin_client, url)
    _make_pages(6)
    assert _count_queries(admin_client, url) == few
