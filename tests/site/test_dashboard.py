"""The dashboard on the admin index: what it shows, to whom, and at a fixed cost."""

from django.contrib.admin.models import ADDITION, LogEntry

from torino_social_factory.models import Page, PageFeedback

# Content version, session, user, latest changes, feedback counts and latest, the next
# event with its counters (one query), the outbox counts, drafts of projects and of
# events, and the app list asking twice whether the settings row exists (superuser: no
# permission queries). Whatever the number of rows.
DASHBOARD_QUERIES = 12


def _log(user, obj):
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[obj], action_flag=ADDITION, change_message="", single_object=True
    )


def _dashboard(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def make_rows(superuser, n):
    for i in range(n):
        PageFeedback.objects.create(path=f"/p{i}/", useful=i % 3 != 0, comment=f"Commento {i}")
        _log(superuser, PageFeedback.objects.latest("pk"))


def test_dashboard_shows_feedback_and_latest_changes(superuser_client, superuser):
    PageFeedback.objects.create(path="/progetti/", useful=False, comment="Manca la mappa")
    page = Page.objects.create(slug="faq", title="Domande frequenti", body="<p>x</p>")
    _log(superuser, page)
    html = _dashboard(superuser_client)
    assert "Riscontri dei visitatori" in html and "Manca la mappa" in html
    assert "Ultime modifiche" in html and "Domande frequenti" in html


def test_dashboard_runs_the_same_queries_with_3_or_30_rows(
    superuser_client, superuser, count_queries
):
    make_rows(superuser, 3)
    few = count_queries(superuser_client, "/admin/")
    make_rows(superuser, 27)
    many = count_queries(superuser_client, "/admin/")
    assert few == many
    assert many == DASHBOARD_QUERIES, many


def test_the_history_on_the_dashboard_hides_what_the_role_may_not_see(editor_client, superuser):
    _log(superuser, superuser)  # a change to a user: personal, not for editors
    page = Page.objects.create(slug="faq", title="Domande frequenti", body="<p>x</p>")
    _log(superuser, page)
    html = _dashboard(editor_client)
    assert "Domande frequenti" in html
    assert f">{superuser.get_username()}</a>" not in html


def make_event_rows(make_event, register, n, start):
    from events.models import Event
    from projects.models import Project

    event = make_event(slug="prossimo") if start == 0 else Event.objects.get(slug="prossimo")
    for i in range(start, start + n):
        register(event, f"p{i}@example.org", name=f"Persona {i}")
        Project.objects.create(slug=f"bozza-{i}", title=f"Bozza {i}", summary="s")
        make_event(slug=f"bozza-ev-{i}", is_published=False)
    return event


def test_dashboard_with_events_registrations_and_drafts_costs_the_same(
    superuser_client, make_event, register, count_queries
):
    event = make_event_rows(make_event, register, 3, 0)
    few = count_queries(superuser_client, "/admin/")
    html = _dashboard(superuser_client)
    assert event.title in html and "Bozza 2" in html
    make_event_rows(make_event, register, 27, 3)
    many = count_queries(superuser_client, "/admin/")
    assert few == many == DASHBOARD_QUERIES, (few, many)
    assert "E-mail" in _dashboard(superuser_client)


def test_next_event_shows_confirmed_waitlist_capacity_and_checked_in(
    superuser_client, make_event, register
):
    from events import services

    event = make_event(slug="porta", capacity=2)
    first = register(event, "a@example.org", name="Anna Rossi").registration
    register(event, "b@example.org", name="Bruno Verdi")
    register(event, "c@example.org", name="Carla Neri")  # waitlisted
    services.check_in(registration=first)
    html = superuser_client.get("/admin/").content.decode()
    section = html[html.index('id="dashboard-next-event"') : html.index('id="dashboard-outbox"')]
    assert "Anna Rossi" not in section  # counts only, no names on the index
    for key, value in (("confirmed", 2), ("waitlisted", 1), ("capacity", 2), ("checked_in", 1)):
        assert f'data-count="{key}">{value}<' in section, (key, section)
