"""Health check, robots.txt, sitemap and the seed command."""

from io import StringIO

from django.core.management import call_command

from torino_social_factory.models import Page, SiteSettings


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_robots_txt_points_to_the_sitemap_and_hides_personal_pages(client, db, settings):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body
    assert "Disallow: /iscrizione/" in body


def test_sitemap_lists_content_pages_in_both_languages(client, seeded):
    body = client.get("/sitemap.xml").content.decode()
    assert "/il-programma/</loc>" in body
    assert "/en/il-programma/" in body
    assert 'hreflang="en"' in body


def test_seed_is_idempotent_and_keeps_staff_edits(db):
    call_command("seed", stdout=StringIO())
    page = Page.objects.get(slug="privacy")
    page.title = "Privacy (rivista dalla redazione)"
    page.save()
    call_command("seed", stdout=StringIO())
    assert Page.objects.count() == len(Page.Slug)
    assert Page.objects.get(slug="privacy").title == "Privacy (rivista dalla redazione)"


def test_seed_fills_the_key_figures_from_the_facts(db):
    call_command("seed", stdout=StringIO())
    site_settings = SiteSettings.load()
    assert site_settings.funded_projects_total == 15
    assert site_settings.ideas_accompanied == 25
    assert site_settings.demo_dates is False


def test_seed_demo_flags_demo_dates(db):
    call_command("seed", "--demo", stdout=StringIO())
    assert SiteSettings.load().demo_dates is True
