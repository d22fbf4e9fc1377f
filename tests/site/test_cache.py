"""The page cache: fast for anonymous visitors, never stale after a change, never personal."""

import pytest
from django.apps import apps
from django.db.models.signals import post_save

from tests.public_pages import html_pages
from torino_social_factory import page_cache as content
from torino_social_factory.models import ContentVersion, Page, PageFeedback, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(client, seeded):
    """GET a page twice: the second answer must come from the cache."""

    def get(path):
        first = client.get(path)
        assert first.status_code == 200, path
        assert first.headers.get("X-Page-Cache") == "miss", path
        return first

    return get


def test_every_public_html_page_is_served_from_the_cache_on_the_second_visit(client, seeded):
    for page in html_pages():
        if page.kind.startswith(("registration form", "lost link")):
            continue  # forms that write personal data set the CSRF cookie: never cached
        assert client.get(page.url).headers.get("X-Page-Cache") == "miss", page.url
        again = client.get(page.url)
        assert again.headers.get("X-Page-Cache") == "hit", page.url
        assert again.cookies == {}, page.url


def test_a_cached_page_is_served_with_one_query_and_no_rendering(
    client, seeded, django_assert_num_queries
):
    first = client.get("/il-programma/")
    with django_assert_num_queries(1):  # the content version, nothing else
        second = client.get("/il-programma/")
    assert second.headers["X-Page-Cache"] == "hit"
    assert second.templates == []  # no template was rendered
    assert second.content == first.content


def test_cached_page_still_carries_the_security_headers(client, seeded):
    client.get("/")
    hit = client.get("/")
    assert hit.headers["X-Page-Cache"] == "hit"
    assert "Content-Security-Policy" in hit.headers
    assert hit.headers["X-Frame-Options"] == "DENY"
    assert hit.headers["Content-Language"] == "it"


def test_languages_are_cached_apart(client, seeded):
    client.get("/")
    english = client.get("/en/")
    assert english.headers["X-Page-Cache"] == "miss"
    assert 'lang="en"' in english.content.decode()


def test_editing_a_page_shows_the_change_on_the_next_request(client, seeded):
    client.get("/privacy/")
    page = Page.objects.get(slug="privacy")
    page.title = "Informativa aggiornata oggi"
    page.save()
    response = client.get("/privacy/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Informativa aggiornata oggi" in response.content.decode()


def test_deleting_a_page_shows_at_once(client, seeded):
    client.get("/faq/")
    Page.objects.filter(slug="faq").delete()  # queryset delete still sends post_delete
    assert client.get("/faq/").status_code == 404


def test_changing_the_site_settings_shows_on_every_page_at_once(client, seeded):
    client.get("/")
    site_settings = SiteSettings.load()
    site_settings.funding_total_label = "1,5 milioni di euro (verificato)"
    site_settings.save()
    assert "1,5 milioni di euro (verificato)" in client.get("/").content.decode()


def test_a_change_made_by_another_process_is_seen_here(client, seeded):
    """Another gunicorn worker changed the content: only the version row tells us
    (its signal cleared *its* local-memory cache, not ours)."""
    client.get("/il-programma/")
    Page.objects.filter(slug="il-programma").update(title="Titolo cambiato altrove")
    content.bump()  # what the other process's signal did, in the database
    assert "Titolo cambiato altrove" in client.get("/il-programma/").content.decode()


def test_site_settings_changed_by_another_process_are_seen_here(client, seeded):
    """Site settings are kept in the (local-memory) cache; a change elsewhere must not
    leave this process showing the old ones."""
    client.get("/")
    SiteSettings.load()  # now in this process's cache
    SiteSettings.objects.filter(pk=1).update(funding_total_label="Cifra cambiata altrove")
    content.bump()
    assert "Cifra cambiata altrove" in client.get("/").content.decode()


def test_staff_see_site_settings_changed_by_another_process(client, seeded, superuser):
    client.force_login(superuser)
    client.get("/")
    SiteSettings.load()
    SiteSettings.objects.filter(pk=1).update(funding_total_label="Cifra vista dallo staff")
    content.bump()
    assert "Cifra vista dallo staff" in client.get("/").content.decode()


def test_a_rolled_back_change_keeps_the_version(seeded):
    from django.db import transaction

    before = content.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Page.objects.first().save()
        raise RuntimeError
    assert content.current() == before


def test_page_feedback_does_not_empty_the_cache(seeded):
    before = content.current()
    PageFeedback.objects.create(path="/", useful=True)
    assert content.current() == before


def public_content_models():
    for label in ("torino_social_factory", "projects", "events"):
        yield from apps.get_app_config(label).get_models()


@pytest.mark.parametrize("model", list(public_content_models()), ids=lambda m: m._meta.label)
def test_saving_any_public_content_model_bumps_the_version(model, db):
    before = content.current()
    post_save.send(sender=model, instance=model(), created=False, raw=False)
    expected = content.affects_public_pages(model)
    assert (content.current() > before) == expected
    # Feedback, the version row itself and the e-mail outbox never show on a public page.
    ignored = {
        "torino_social_factory.pagefeedback",
        "torino_social_factory.contentversion",
        "events.outboxmessage",
    }
    if model._meta.label_lower not in ignored:
        assert expected, f"{model._meta.label} must bump the content version"


def test_the_version_row_is_created_on_the_first_change(db):
    ContentVersion.objects.all().delete()
    assert content.current() == 0
    content.bump()
    content.bump()
    assert content.current() == 2


def test_revalidation_with_the_etag_answers_304(client, seeded):
    first = client.get("/cookie/")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get("/cookie/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_revalidation_with_the_date_answers_304(client, seeded):
    first = client.get("/cookie/")
    again = client.get("/cookie/", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304


def test_revalidation_after_a_change_answers_200_with_the_new_page(client, seeded):
    first = client.get("/cookie/")
    page = Page.objects.get(slug="cookie")
    page.title = "Cookie tecnici soltanto"
    page.save()
    again = client.get("/cookie/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert "Cookie tecnici soltanto" in again.content.decode()


def test_logged_in_staff_never_get_a_cached_page(client, seeded, superuser):
    client.get("/il-programma/")  # cached for visitors
    client.force_login(superuser)
    Page.objects.filter(slug="il-programma").update(title="Bozza vista solo dallo staff")
    response = client.get("/il-programma/")
    assert "X-Page-Cache" not in response.headers
    assert "Bozza vista solo dallo staff" in response.content.decode()
    # …and what staff saw is not stored for visitors either.
    client.logout()
    client.cookies.clear()
    visitor = client.get("/il-programma/")
    assert visitor.headers["X-Page-Cache"] == "hit"
    assert "Bozza vista solo dallo staff" not in visitor.content.decode()


def around_page_cache(view):
    """The view between the page cache's lookup and its store, as in MIDDLEWARE."""
    from torino_social_factory.page_cache import (
        FetchFromPageCacheMiddleware,
        UpdatePageCacheMiddleware,
    )

    return FetchFromPageCacheMiddleware(UpdatePageCacheMiddleware(view))


def test_pages_that_set_a_cookie_are_never_cached(client, seeded, settings):
    from django.http import HttpResponse
    from django.test import RequestFactory

    def view(request):
        response = HttpResponse("<p>ciao</p>")
        response.set_cookie("scelta", "1")
        return response

    middleware = around_page_cache(view)
    assert "X-Page-Cache" not in middleware(RequestFactory().get("/")).headers
    assert "X-Page-Cache" not in middleware(RequestFactory().get("/")).headers


def test_pages_that_use_a_csrf_token_are_never_cached(seeded):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.test import RequestFactory

    def view(request):
        return HttpResponse(f"<form>{get_token(request)}</form>")

    middleware = around_page_cache(view)
    middleware(RequestFactory().get("/modulo/"))
    assert "X-Page-Cache" not in middleware(RequestFactory().get("/modulo/")).headers


@pytest.mark.parametrize("path", ["/admin/login/", "/iscrizione/abc/", "/en/iscrizione/abc/"])
def test_admin_and_personal_pages_are_never_looked_up(path, settings):
    import re

    assert re.search(settings.PAGE_CACHE_EXCLUDED_PATHS, path)


def test_error_pages_are_not_cached(client, seeded):
    client.get("/non-esiste/")
    assert "X-Page-Cache" not in client.get("/non-esiste/").headers


def test_head_is_served_from_the_cache_filled_by_get(client, seeded):
    client.get("/privacy/")
    assert client.head("/privacy/").headers["X-Page-Cache"] == "hit"


# --- The apps' content ---------------------------------------------------------------


def test_editing_a_project_shows_on_its_page_the_list_and_the_home(client, seeded):
    from projects.models import Project

    project = Project.objects.published().order_by("pk").first()
    urls = [project.get_absolute_url(), "/progetti/"]
    for url in urls:
        client.get(url)
    project.title = "Titolo corretto dallo staff"
    project.save()
    for url in urls:
        assert "Titolo corretto dallo staff" in client.get(url).content.decode(), url


def test_changing_a_project_theme_shows_at_once(client, seeded):
    from projects.models import Project, Theme

    project = Project.objects.published().order_by("pk").first()
    theme = Theme.objects.create(slug="tema-di-prova", name="Tema di prova per la cache")
    client.get(project.get_absolute_url())
    project.themes.add(theme)  # m2m_changed, no save()
    assert "Tema di prova per la cache" in client.get(project.get_absolute_url()).content.decode()


def test_a_registration_updates_the_places_left_on_the_event_page(client, seeded):
    from events import services
    from events.models import Event

    event = Event.objects.filter(is_published=True).order_by("starts_at", "pk").last()
    event.capacity = 7
    event.registration_opens_at = None
    event.registration_closes_at = None
    event.save()
    from django.utils import timezone

    if event.starts_at < timezone.now():
        event.starts_at = timezone.now() + timezone.timedelta(days=30)
        event.ends_at = event.starts_at + timezone.timedelta(hours=4)
        event.save()

    before = client.get(event.get_absolute_url()).content.decode()
    services.register(event=event, name="Ada Lovelace", email="ada@example.org")
    after = client.get(event.get_absolute_url())
    assert after.headers.get("X-Page-Cache") == "miss"
    assert after.content.decode() != before


def test_a_place_on_the_waiting_list_keeps_the_cached_pages_a_promotion_refreshes_them(
    client, seeded, make_event, register
):
    from events import services

    event = make_event(slug="piena", capacity=1)
    first = register(event, "primo@example.org")
    url = event.get_absolute_url()
    assert client.get(url).headers.get("X-Page-Cache") == "miss"
    assert client.get(url).headers.get("X-Page-Cache") == "hit"
    # The places left stay 0: the page (and every other) is still the right one.
    register(event, "secondo@example.org")
    assert client.get(url).headers.get("X-Page-Cache") == "hit"
    # The first cancels, the second is promoted: the places left change, the page too.
    services.cancel(registration=first.registration)
    assert client.get(url).headers.get("X-Page-Cache") == "miss"
