"""The attendee's journey, page by page: the form (autocomplete, an error summary that
takes the focus, a real action), the result page (which address, what next), the
personal page (status, QR code, calendars, cancel in two steps, replace the link),
calendar files that show the right hour anywhere, HEAD, and staff deletions that free
the place like a cancellation."""

import re
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from events import emails, services
from events.models import OutboxMessage, Registration
from tests.events.form_data import registration_data

URL = "/eventi/evento/iscrizione/"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.RATELIMIT_ENABLED = False


def test_the_form_fields_say_what_autofill_should_put_in_them(client, open_event):
    html = client.get(URL).content.decode()
    for name, token in (("name", "name"), ("email", "email"), ("organisation", "organization")):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert f'autocomplete="{token}"' in tag, tag
    assert 'type="email"' in re.search(r'<input[^>]*name="email"[^>]*>', html).group(0)
    lost = client.get("/iscrizione/link-perso/").content.decode()
    assert 'autocomplete="email"' in re.search(r'<input[^>]*name="email"[^>]*>', lost).group(0)


def test_the_forms_post_to_a_real_address(client, open_event):
    register = client.get(URL).content.decode()
    lost = client.get("/iscrizione/link-perso/").content.decode()
    assert 'action=""' not in register and 'action=""' not in lost
    assert f'<form method="post" action="{URL}"' in register
    assert '<form method="post" action="/iscrizione/link-perso/"' in lost


def test_an_unlisted_events_form_keeps_its_key_in_the_action(client, make_event):
    event = make_event(visibility="unlisted")
    html = client.get(f"{URL}?chiave={event.access_key}").content.decode()
    assert f'action="{URL}?chiave={event.access_key}"' in html


def test_a_failed_submit_shows_a_focused_summary_linked_to_each_field(client, open_event):
    response = client.post(URL, registration_data(name="", email="sbagliata", privacy=None))
    assert response.status_code == 400
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.startswith("Errore: ")
    summary = re.search(
        r'<div class="alert alert-danger"[^>]*id="form-errors"[^>]*>.*?</div>', html, re.S
    )
    assert summary, html[:3000]
    tag = re.search(r'<div class="alert alert-danger"[^>]*>', summary.group(0)).group(0)
    assert 'tabindex="-1"' in tag and "autofocus" in tag
    for field in ("id_name", "id_email", "id_privacy"):
        assert f'href="#{field}"' in summary.group(0), field
        assert f'id="{field}"' in html
    assert "Scrivi il tuo nome e cognome" in summary.group(0)


def test_an_english_failed_submit_says_error_in_english(client, open_event):
    response = client.post("/en" + URL, registration_data(name=""))
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
    assert title.strip().startswith("Error: ")


def test_a_full_event_with_a_waiting_list_is_not_shown_in_a_success_style(
    client, make_event, register
):
    event = make_event(capacity=1)
    register(event, "primo@example.org")
    html = client.get(f"/eventi/{event.slug}/").content.decode()
    box = re.search(r'<div class="callout ([^"]*) tsf-registration-state"', html).group(1)
    assert "success" not in box and "warning" in box
    open_html = client.get(f"/eventi/{make_event(slug='altro', capacity=5).slug}/").content.decode()
    assert re.search(r'<div class="callout success tsf-registration-state"', open_html)


def test_the_result_page_says_where_the_email_went_and_what_happens_next(client, open_event):
    response = client.post(URL, registration_data(email="Maria.Rossi@Example.org"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "maria.rossi@example.org" in html
    assert "E adesso?" in html and "posta indesiderata" in html
    assert "maria.rossi" not in response.redirect_chain[-1][0].lower()  # not in the URL
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_personal_page_has_the_door_qr_code_calendars_and_the_way_to_replace_the_link(
    client, make_event, register
):
    event = make_event(
        starts_at=datetime(timezone.now().year + 2, 1, 23, 15, tzinfo=UTC),
        ends_at=datetime(timezone.now().year + 2, 1, 23, 19, tzinfo=UTC),
    )
    outcome = register(event, "maria@example.org")
    html = client.get(f"/iscrizione/{outcome.token}/").content.decode()
    qr = re.search(
        r'<img class="tsf-qr" src="data:image/png;base64,([^"]+)"[^>]*alt="([^"]+)"', html
    )
    assert qr and "Maria Rossi" in qr.group(2)
    import base64

    in_mail = emails.build(OutboxMessage.objects.get(kind="confirmed"))
    mailed_qr = next(c for name, c, _m in in_mail.attachments if name == "ingresso-qr.png")
    assert base64.b64decode(qr.group(1)) == mailed_qr  # the same code as in the e-mail
    assert f'href="/eventi/{event.slug}/evento.ics"' in html
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', html).group(1)
    assert "dates=" in google and "T150000Z%2F" in google.replace("/", "%2F")
    assert re.search(r'href="https://outlook\.live\.com/[^"]+"', html)
    assert f'action="/iscrizione/{outcome.token}/nuovo-link/"' in html
    assert "Confermata" in html


def test_a_waitlisted_person_sees_the_queue_position_and_no_qr_code(client, make_event, register):
    event = make_event(capacity=1)
    register(event, "primo@example.org")
    register(event, "secondo@example.org")
    outcome = register(event, "terzo@example.org")
    html = client.get(f"/iscrizione/{outcome.token}/").content.decode()
    assert "In lista d'attesa, posizione 2" in html
    assert "tsf-qr" not in html


def test_the_personal_page_in_english_is_english(client, make_event, register):
    event = make_event(title_en="Presentation of the results")
    outcome = register(event, "maria@example.org", language="en")
    html = client.get(f"/en/iscrizione/{outcome.token}/").content.decode()
    assert "Your registration" in html and "Add to calendar" in html
    ics = client.get(f"/en/eventi/{event.slug}/evento.ics").content.decode()
    assert "SUMMARY:Presentation of the results" in ics
    assert (
        "SUMMARY:Presentation of the results"
        not in client.get(f"/eventi/{event.slug}/evento.ics").content.decode()
    )


# --- Calendar files ---------------------------------------------------------------------

PARSE_ELSEWHERE = """
import sys, time, datetime, icalendar
time.tzset()
calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
event = calendar.walk("VEVENT")[0]
start = event.decoded("dtstart")
zone = calendar.walk("VTIMEZONE")[0]
tz = zone.to_tz()
naive = start.replace(tzinfo=None)
print(start.astimezone(datetime.timezone.utc).isoformat())
print((naive.replace(tzinfo=tz)).astimezone(datetime.timezone.utc).isoformat())
print(time.tzname[0])
"""


@pytest.mark.parametrize("month", [1, 7])  # winter and summer time
def test_the_calendar_has_a_vtimezone_and_means_16_00_in_rome_on_a_machine_elsewhere(
    client, make_event, month
):
    year = timezone.now().year + 2
    utc_hour = 15 if month == 1 else 14  # 16:00 in Rome is 15:00 UTC in winter, 14:00 in summer
    event = make_event(
        starts_at=datetime(year, month, 23, utc_hour, tzinfo=UTC),
        ends_at=datetime(year, month, 23, utc_hour + 4, tzinfo=UTC),
    )
    ics = client.get(f"/eventi/{event.slug}/evento.ics").content
    text = ics.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Rome" in text
    assert "BEGIN:STANDARD" in text and "BEGIN:DAYLIGHT" in text
    assert f"DTSTART;TZID=Europe/Rome:{year}{month:02d}23T160000" in text
    # Parsed by icalendar on a machine set to New York, through the file's own VTIMEZONE too.
    out = (
        subprocess.run(
            [sys.executable, "-c", PARSE_ELSEWHERE],
            input=ics,
            capture_output=True,
            env={"TZ": "America/New_York", "PATH": "/usr/bin:/bin"},
            check=True,
        )
        .stdout.decode()
        .split()
    )
    expected = f"{year}-{month:02d}-23T{utc_hour:02d}:00:00+00:00"
    assert out[0] == expected and out[1] == expected
    assert out[2] in {"EST", "EDT"}


def test_event_pages_and_forms_answer_head(client, open_event):
    for url in (
        "/eventi/",
        f"/eventi/{open_event.slug}/",
        URL,
        f"/eventi/{open_event.slug}/evento.ics",
        "/iscrizione/link-perso/",
        "/en/eventi/",
    ):
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b"", url
    assert client.head("/iscrizione/sbagliato/").status_code == 404


# --- Staff --------------------------------------------------------------------------------


def test_deleting_a_confirmed_registration_in_the_admin_promotes_the_next_person(
    superuser_client, make_event, register
):
    event = make_event(capacity=1)
    first = register(event, "primo@example.org").registration
    second = register(event, "secondo@example.org").registration
    register(event, "terzo@example.org")
    response = superuser_client.post(
        f"/admin/events/registration/{first.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=first.pk).exists()
    assert Registration.objects.get(pk=second.pk).status == "confirmed"
    assert Registration.objects.get(email="terzo@example.org").status == "waitlisted"
    assert OutboxMessage.objects.filter(kind="promoted", to="secondo@example.org").count() == 1


def test_deleting_several_in_the_admin_promotes_as_many_as_fit(
    superuser_client, make_event, register
):
    event = make_event(capacity=2)
    people = [register(event, f"p{i}@example.org").registration for i in range(5)]
    response = superuser_client.post(
        "/admin/events/registration/",
        {
            "action": "delete_selected",
            "_selected_action": [people[0].pk, people[1].pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "p2@example.org": "confirmed",
        "p3@example.org": "confirmed",
        "p4@example.org": "waitlisted",
    }


def test_deleting_a_waitlisted_registration_promotes_nobody(superuser_client, make_event, register):
    event = make_event(capacity=1)
    register(event, "primo@example.org")
    waiting = register(event, "secondo@example.org").registration
    superuser_client.post(f"/admin/events/registration/{waiting.pk}/delete/", {"post": "yes"})
    assert list(Registration.objects.values_list("status", flat=True)) == ["confirmed"]
    assert not OutboxMessage.objects.filter(kind="promoted").exists()


def test_staff_can_replace_a_link_and_the_person_gets_the_new_one(
    superuser_client, open_event, register, client
):
    outcome = register(open_event, "maria@example.org")
    superuser_client.post(
        "/admin/events/registration/",
        {"action": "revoke_link", "_selected_action": [outcome.registration.pk]},
    )
    assert client.get(f"/iscrizione/{outcome.token}/").status_code == 404
    body = emails.build(OutboxMessage.objects.get(kind="new_link")).body
    new = re.search(r"/iscrizione/([\w-]+)/", body).group(1)
    assert new != outcome.token
    assert client.get(f"/iscrizione/{new}/").status_code == 200


def test_the_revoke_and_promotion_services_keep_one_link(make_event, register):
    event = make_event(capacity=1)
    first = register(event, "primo@example.org")
    waiting = register(event, "secondo@example.org")
    services.cancel(registration=first.registration)
    promoted = Registration.objects.get(pk=waiting.registration.pk)
    assert promoted.status == "confirmed"
    assert promoted.token_hash == waiting.registration.token_hash
