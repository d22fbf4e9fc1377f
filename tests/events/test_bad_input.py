"""Bad input on the registration form: a clear Italian message, what was typed kept,
never a 500, never a second registration."""

import re

import pytest
from django.test import Client

from events import services
from events.models import Registration
from tests.events.form_data import registration_data

URL = "/eventi/evento/iscrizione/"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.RATELIMIT_ENABLED = False


def _data(**fields):
    return registration_data(**{"organisation": "Cooperativa Il Ponte", **fields})


def _assert_refused_and_kept(response, *typed, message):
    html = response.content.decode()
    assert 400 <= response.status_code < 500
    assert message in html, html[:2000]
    for value in typed:
        assert f'value="{value}"' in html, value
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Scrivi il tuo nome e cognome"),
        ("email", "Scrivi il tuo indirizzo e-mail"),
        ("privacy", "devi dichiarare di aver letto"),
    ],
)
def test_a_missing_field_is_named_in_italian_and_the_rest_is_kept(
    client, open_event, field, message
):
    response = client.post(URL, _data(**{field: None}))
    kept = [v for k, v in (("name", "Maria Rossi"), ("organisation", "Cooperativa Il Ponte"))
            if k != field]  # fmt: skip
    _assert_refused_and_kept(response, *kept, message=message)


@pytest.mark.parametrize(
    "email", ["non-una-mail", "maria@", "@example.org", "a" * 10_000 + "@example.org"]
)
def test_an_invalid_or_huge_email_is_refused_in_italian(client, open_event, email):
    response = client.post(URL, _data(email=email))
    _assert_refused_and_kept(
        response, "Maria Rossi", "Cooperativa Il Ponte", message="non è valido"
    )


def test_a_script_in_the_name_is_refused_and_shown_escaped(client, open_event):
    response = client.post(URL, _data(name="<script>alert(1)</script>"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "non può contenere" in html
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("bad", ["Maria\x00Rossi", "Maria\x1bRossi", "Maria\u202eRossi"])
def test_control_characters_are_refused(client, open_event, bad):
    response = client.post(URL, _data(name="Mario Bianchi", organisation=f"Ente {bad}"))
    assert response.status_code == 400
    assert "caratteri non ammessi" in response.content.decode()
    assert 'value="Mario Bianchi"' in response.content.decode()
    assert Registration.objects.count() == 0


def test_a_wrong_csrf_token_gets_the_italian_403_page(open_event):
    client = Client(enforce_csrf_checks=True)
    client.get(URL)
    response = client.post(URL, _data(csrfmiddlewaretoken="x" * 64))
    assert response.status_code == 403
    assert "La richiesta non è stata accettata" in response.content.decode()
    assert Registration.objects.count() == 0


def test_a_double_submit_creates_one_registration_and_explains_the_second(client, open_event):
    data = _data()  # the same body twice, as a double click sends it
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first.status_code == 302
    assert second.status_code == 400
    assert "già stato inviato" in second.content.decode()
    assert 'value="Maria Rossi"' in second.content.decode()
    assert Registration.objects.count() == 1


def test_two_forms_with_the_same_address_make_one_registration(client, open_event):
    first = client.post(URL, _data())
    second = client.post(URL, _data())  # a second page load, a fresh form start
    assert first.status_code == second.status_code == 302
    assert Registration.objects.count() == 1


def test_a_post_replayed_after_cancelling_is_refused_and_a_new_form_registers_again_once(
    client, open_event
):
    client.post(URL, _data())
    services.cancel(registration=Registration.objects.get())
    data = _data()
    again = client.post(URL, data)
    replay = client.post(URL, data)
    assert again.status_code == 302
    assert replay.status_code == 400
    assert Registration.objects.exclude(status="cancelled").count() == 1


def test_a_full_event_shows_no_form_and_refuses_a_post_with_409(client, make_event, register):
    event = make_event(capacity=1, waitlist=False)
    register(event, "primo@example.org")
    page = client.get(URL).content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert "esauriti" in page
    response = client.post(URL, _data())
    assert response.status_code == 409
    assert "esauriti" in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_closed_event_refuses_a_post_with_409(client, make_event):
    from datetime import timedelta

    from django.utils import timezone

    make_event(registration_closes_at=timezone.now() - timedelta(minutes=1))
    response = client.post(URL, _data())
    assert response.status_code == 409
    assert "chiuse" in response.content.decode()
    assert Registration.objects.count() == 0


def test_an_event_that_fills_while_typing_keeps_the_data_and_explains(
    client, make_event, monkeypatch
):
    make_event(capacity=1, waitlist=False)

    def full(**kwargs):
        raise services.RegistrationClosed("full")

    monkeypatch.setattr(services, "register", full)
    response = client.post(URL, _data())
    assert response.status_code == 409
    html = response.content.decode()
    assert "posti sono finiti" in html
    assert 'value="Maria Rossi"' in html


def test_an_unknown_event_is_a_404(client, db):
    assert client.get("/eventi/non-esiste/iscrizione/").status_code == 404
    assert client.post("/eventi/non-esiste/iscrizione/", _data()).status_code == 404


def test_a_filled_honeypot_creates_nothing_but_answers_plausibly(client, open_event):
    response = client.post(URL, _data(website="http://spam.example"), follow=True)
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_a_form_sent_too_fast_is_refused_in_italian_with_the_data_kept(
    client, open_event, settings
):
    settings.EVENTS_MIN_FILL_SECONDS = 3
    started = re.search(r'name="started" value="([^"]+)"', client.get(URL).content.decode())
    response = client.post(URL, _data(started=started.group(1)))
    _assert_refused_and_kept(
        response, "Maria Rossi", "Cooperativa Il Ponte", message="troppo in fretta"
    )


def test_a_missing_or_forged_start_time_is_refused(client, open_event):
    response = client.post(URL, _data(started="falso"))
    _assert_refused_and_kept(response, "Maria Rossi", message="ricarica la pagina")


def _captcha(html):
    question = re.search(r"Quanto fa (\w+) più (\w+)\?", html)
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    numbers = ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]
    return numbers.index(question.group(1)) + numbers.index(question.group(2)), token


def test_with_the_captcha_on_a_wrong_answer_is_refused_and_a_right_one_accepted(client, make_event):
    make_event(captcha_enabled=True)
    answer, token = _captcha(client.get(URL).content.decode())

    wrong = client.post(URL, _data(captcha_token=token, captcha_answer=str(answer + 1)))
    _assert_refused_and_kept(wrong, "Maria Rossi", message="La risposta non è corretta")

    answer, token = _captcha(wrong.content.decode())
    right = client.post(URL, _data(captcha_token=token, captcha_answer=str(answer)))
    assert right.status_code == 302
    assert Registration.objects.count() == 1


def test_too_many_attempts_get_a_429_in_italian_with_the_data_kept(client, open_event, settings):
    settings.RATELIMIT_ENABLED = True
    settings.EVENTS_RATE_LIMIT = 2
    for i in range(2):
        client.post(URL, _data(email=f"p{i}@example.org"))
    response = client.post(URL, _data(email="terzo@example.org"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Troppi tentativi" in html
    assert 'value="terzo@example.org"' in html and 'value="Maria Rossi"' in html
    assert Registration.objects.count() == 2
