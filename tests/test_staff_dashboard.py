"""The dashboard on the admin index: what it shows, to whom, and at a fixed cost."""

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from torino_social_factory import roles
from torino_social_factory.models import Page, PageFeedback

# Session, user, latest changes, feedback counts and latest, and the app list asking
# twice whether the settings row exists (superuser: no permission queries).
# The catalogue and events sections add a fixed number each when their models exist.
DASHBOARD_QUERIES = 7


def _log(user, obj):
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[obj], action_flag=ADDITION, change_message="", single_object=True
    )


def _queries(client):
    client.get("/admin/")  # warm per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def make_rows(admin_user, n):
    for i in range(n):
        PageFeedback.objects.create(path=f"/p{i}/", useful=i % 3 != 0, comment=f"Commento {i}")
        _log(admin_user, PageFeedback.objects.latest("pk"))


def test_dashboard_shows_feedback_and_latest_changes(admin_client, admin_user):
    PageFeedback.objects.create(path="/progetti/", useful=False, comment="Manca la mappa")
    page = Page.objects.create(slug="faq", title="Domande frequenti", body="<p>x</p>")
    _log(admin_user, page)
    _count, html = _queries(admin_client)
    assert "Riscontri dei visitatori" in html and "Manca la mappa" in html
    assert "Ultime modifiche" in html and "Domande frequenti" in html


def test_dashboard_runs_the_same_queries_with_3_or_30_rows(admin_client, admin_user):
    make_rows(admin_user, 3)
    few, _html = _queries(admin_client)
    make_rows(admin_user, 27)
    many, _html = _queries(admin_client)
    assert few == many
    assert many == DASHBOARD_QUERIES, many


def test_the_history_on_the_dashboard_hides_what_the_role_may_not_see(client, db, admin_user):
    editor = get_user_model().objects.create_user("ed", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    _log(admin_user, admin_user)  # a change to a user: personal, not for editors
    page = Page.objects.create(slug="faq", title="Domande frequenti", body="<p>x</p>")
    _log(admin_user, page)
    client.force_login(editor)
    _count, html = _queries(client)
    assert "Domande frequenti" in html
    assert f">{admin_user.get_username()}</a>" not in html
