"""The admin as the staff's workspace: Italian, branded, safe rich text, settings."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from torino_social_factory.models import Page, PageFeedback, SiteSettings


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


def test_admin_speaks_italian_and_shows_the_site_name_and_logo(superuser_client):
    html = superuser_client.get("/admin/").content.decode()
    assert 'lang="it"' in html
    assert "Torino Social Factory – area riservata" in html
    assert 'class="tsf-admin-logo"' in html
    assert "css/admin.css" in html
    assert "noindex" in html


def test_admin_pages_run_under_the_strict_content_security_policy(superuser_client):
    response = superuser_client.get(reverse("admin:torino_social_factory_page_add"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()  # every script is a file


def test_rich_text_fields_get_the_visual_editor(superuser_client):
    html = superuser_client.get(reverse("admin:torino_social_factory_page_add")).content.decode()
    assert 'class="vLargeTextField tsf-richtext"' in html
    assert "js/richtext.js" in html


def test_rich_text_saved_through_the_admin_is_clean(superuser_client):
    response = superuser_client.post(
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


def test_fields_without_a_model_help_text_get_one_in_plain_words(superuser_client):
    html = superuser_client.get(reverse("admin:torino_social_factory_page_add")).content.decode()
    assert "Quale pagina del sito è" in html  # slug: from admin_help
    assert "Una o due frasi mostrate sotto il titolo" in html  # summary: the model's own


def test_an_uploaded_logo_needs_its_alternative_text(superuser_client, image_bytes):
    def logo():
        png = image_bytes(40, 20, fmt="PNG", color=(0x00, 0x66, 0xCC))
        return SimpleUploadedFile("logo.png", png, content_type="image/png")

    SiteSettings.objects.create()
    url = reverse("admin:torino_social_factory_sitesettings_change", args=[1])
    data = {
        "accessibility_statement_url": "https://form.agid.gov.it/view/abc",
        "city_logo": logo(),
        "city_logo_alt": "",
        "pon_logo_alt": "",
        "funding_total_label": "1,5 milioni di euro",
        "organisations_total_label": "",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "Scrivi il testo alternativo del logo" in response.content.decode()

    data["city_logo"] = logo()
    data["city_logo_alt"] = "Città di Torino"
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    saved = SiteSettings.objects.get()
    assert saved.city_logo and saved.city_logo_alt == "Città di Torino"
    assert saved.accessibility_statement_url.endswith("/abc")
    assert LogEntry.objects.filter(object_id="1").exists()  # with its history


def test_feedback_is_read_only_for_staff(superuser_client):
    item = PageFeedback.objects.create(path="/", useful=True, comment="Chiaro")
    html = superuser_client.get(
        reverse("admin:torino_social_factory_pagefeedback_change", args=[item.pk])
    ).content.decode()
    assert 'name="comment"' not in html


def make_users(n):
    from django.contrib.auth.models import Group, User

    group, _created = Group.objects.get_or_create(name="Prova")
    start = User.objects.count()
    for i in range(start, start + n):
        User.objects.create_user(f"persona{i}", is_staff=True).groups.add(group)


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
def test_site_changelists_run_the_same_queries_for_3_and_30_rows(
    superuser_client, count_queries, url_name, make
):
    url = reverse(url_name)
    make(3)
    few = count_queries(superuser_client, url)
    make(27)
    many = count_queries(superuser_client, url)
    assert few == many


def test_page_changelist_queries_do_not_grow_with_rows(superuser_client, count_queries):
    url = reverse("admin:torino_social_factory_page_changelist")
    _make_pages(2)
    few = count_queries(superuser_client, url)
    _make_pages(6)
    assert count_queries(superuser_client, url) == few


# --- Previews of drafts -------------------------------------------------------------------


def test_an_editor_previews_a_draft_project_as_the_public_will_see_it(client, make_staff):
    from projects.models import Place, Project

    project = Project.objects.create(
        slug="bozza", title="Orti in Barriera", summary="Un orto condiviso.", is_published=False
    )
    Place.objects.create(project=project, name="Orto di via Cigna", address="via Cigna 2, Torino")
    assert client.get(project.get_absolute_url()).status_code == 404  # not public yet
    url = reverse("admin:staff_preview_project", args=[project.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(make_staff("Redazione"))
    response = client.get(url)
    assert response.status_code == 200
    assert "Orti in Barriera" in response.content.decode()
    # The rows kept for the public pages hold the drafts' too: the preview shows its place.
    assert "Orto di via Cigna" in response.content.decode()
    assert "projects/project_detail.html" in [t.name for t in response.templates]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    project.refresh_from_db()
    assert not project.is_published  # looking never publishes
    client.logout()
    assert client.get(project.get_absolute_url()).status_code == 404


def test_an_editor_previews_a_draft_unlisted_event(editor_client, make_event):
    event = make_event(slug="bozza", is_published=False, visibility="unlisted")
    response = editor_client.get(reverse("admin:staff_preview_event", args=[event.pk]))
    assert response.status_code == 200
    assert "events/event_detail.html" in [t.name for t in response.templates]
    event.refresh_from_db()
    assert not event.is_published


def test_rich_text_saved_through_the_project_admin_is_clean(editor_client):
    from projects.models import Project

    response = editor_client.post(
        reverse("admin:projects_project_add"),
        {
            "title": "Progetto",
            "slug": "progetto",
            "summary": "In breve.",
            "status": "in_corso",
            "description": '<p style="color:red" onclick="x()">Testo<script>alert(1)</script></p>',
            **_empty_inlines(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    description = Project.objects.get(slug="progetto").description
    assert "<script" not in description and "style=" not in description
    assert "onclick" not in description and "Testo" in description


def _empty_inlines():
    data = {}
    for prefix in ("participations", "places", "images", "updates", "sources"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


@pytest.fixture
def add_projects(db):
    from projects.models import Organisation, Participation, Project

    def add(n, start):
        for i in range(start, start + n):
            project = Project.objects.create(slug=f"p{i}", title=f"P{i}", summary="s")
            organisation = Organisation.objects.create(slug=f"o{i}", name=f"Ente {i}")
            Participation.objects.create(project=project, organisation=organisation, role="lead")

    return add


@pytest.fixture
def add_events(make_event, register):
    """Events with one registration (and its outbox e-mail) each."""

    def add(n, start):
        for i in range(start, start + n):
            event = make_event(slug=f"e{i}", title=f"Evento {i}", capacity=5)
            register(event, f"p{i}@example.org", name=f"Persona {i}")

    return add


@pytest.mark.parametrize(
    "url_name, rows",
    [
        ("admin:projects_project_changelist", "add_projects"),
        ("admin:projects_organisation_changelist", "add_projects"),
        ("admin:projects_theme_changelist", "add_projects"),
        ("admin:events_event_changelist", "add_events"),
        ("admin:events_registration_changelist", "add_events"),
        ("admin:events_outboxmessage_changelist", "add_events"),
        ("admin:admin_logentry_changelist", "add_projects"),
    ],
)
def test_app_changelists_run_the_same_queries_for_3_and_30_rows(
    superuser_client, count_queries, request, url_name, rows
):
    url = reverse(url_name)
    add = request.getfixturevalue(rows)
    add(3, 0)
    few = count_queries(superuser_client, url)
    add(27, 3)
    assert count_queries(superuser_client, url) == few


def test_an_organisation_logo_needs_its_alt_text_in_the_admin(editor_client, image_bytes):
    from projects.models import Organisation

    png = image_bytes(200, 100, fmt="PNG")

    def post(alt):
        logo = SimpleUploadedFile("logo.png", png, content_type="image/png")
        return editor_client.post(
            reverse("admin:projects_organisation_add"),
            {"name": "Rete Orti", "slug": "rete-orti", "logo": logo, "logo_alt": alt},
        )

    response = post("")
    assert response.status_code == 200
    assert "Scrivi il testo alternativo" in response.content.decode()
    assert not Organisation.objects.exists()
    assert post("Logo della Rete Orti").status_code == 302
    assert Organisation.objects.get().logo_alt == "Logo della Rete Orti"


def test_every_content_field_in_the_admin_explains_itself(rf, superuser):
    """Each field an editor or reception fills has a help text in plain words."""
    from django.contrib import admin

    request = rf.get("/")
    request.user = superuser
    missing = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"projects", "events", "torino_social_factory"}:
            continue
        form = model_admin.get_form(request)()
        missing += [
            f"{model._meta.label}.{name}"
            for name, field in form.fields.items()
            if not field.help_text
        ]
    assert not missing
