"""Property-based fuzzing: every query parameter of every public page and every public
form, with random and hostile values. Zero 500s; rejected input writes nothing.

Deterministic (derandomize=True, no example database) so CI is stable; the example
counts keep the whole file well under a minute.
"""

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.events.fixtures import open_for_registration
from tests.public_pages import first_event, public_pages
from torino_social_factory.context_processors import feedback_token
from torino_social_factory.models import PageFeedback

pytestmark = pytest.mark.django_db


def fuzz(examples):
    return hypothesis_settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "1; DROP TABLE projects_project; --",
    "%' UNION SELECT password FROM auth_user --",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: preso=1",
    "\u202egnp.exe",
    "../../../../etc/passwd",
    "{{ settings.SECRET_KEY }}",
    "${7*7}",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "",
    " ",
    "🏳️‍🌈𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "x" * 5000,
]
# Raw, already percent-encoded fragments: invalid UTF-8, overlong forms, broken escapes.
RAW_ENCODINGS = ["%FF%FE", "%C0%AF", "%C3%28", "%E0%A4%A", "%", "%zz", "%00", "%ED%A0%80"]

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=200),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.integers().map(str),
)


def encoded(value):
    return quote(value, safe="")


query_values = st.one_of(values.map(encoded), st.sampled_from(RAW_ENCODINGS))


def query_strings(known_keys):
    keys = st.one_of(
        st.sampled_from(list(known_keys) or ["q"]),
        st.sampled_from(["page", "lang", "utm_source", "format", "csrfmiddlewaretoken"]),
        st.text(max_size=20).map(encoded),
        st.sampled_from(RAW_ENCODINGS),
    )
    # Repeated keys come naturally: the same key is often drawn twice.
    pairs = st.lists(st.tuples(keys, query_values), min_size=1, max_size=6)
    return pairs.map(lambda p: "&".join(f"{k}={v}" for k, v in p))


def row_counts():
    """Rows per model in the apps that hold data (a write anywhere shows up here)."""
    labels = {"torino_social_factory", "projects", "events", "auth", "sessions", "axes"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels and not model._meta.proxy
    }


@pytest.fixture
def pages(seeded):
    return public_pages()


@pytest.fixture
def quiet_client():
    # A 500 must show up as a status, not as an exception in the test.
    return Client(raise_request_exception=False)


@fuzz(150)
@given(data=st.data())
def test_query_parameters_never_cause_a_500_nor_a_write(quiet_client, pages, data):
    page = data.draw(st.sampled_from(pages), label="page")
    query = data.draw(query_strings(page.params), label="query")
    before = row_counts()
    response = quiet_client.get(f"{page.url}?{query}")
    assert response.status_code < 500, f"{page.url}?{query[:300]}"
    assert response.status_code in {200, 301, 302, 304, 400, 404}, response.status_code
    assert row_counts() == before


@fuzz(25)
@given(data=st.data())
def test_each_catalogue_filter_alone_never_causes_a_500(quiet_client, pages, data):
    """One known parameter at a time (and repeated), so every filter gets its share."""
    filtered = [page for page in pages if page.params]
    assert filtered, "the catalogue pages read filters"
    page = data.draw(st.sampled_from(filtered), label="page")
    key = data.draw(st.sampled_from(page.params), label="key")
    repeated = data.draw(st.lists(query_values, min_size=1, max_size=3), label="values")
    query = "&".join(f"{key}={value}" for value in repeated)
    response = quiet_client.get(f"{page.url}?{query}")
    assert response.status_code < 500, f"{page.url}?{query[:300]}"


# --- Forms --------------------------------------------------------------------------


def feedback_fields():
    hostile_or_valid = lambda valid: st.one_of(st.just(valid), values)  # noqa: E731
    return st.fixed_dictionaries(
        {},
        optional={
            "useful": hostile_or_valid("yes"),
            "comment": values,
            "path": hostile_or_valid("/il-programma/"),
            "form_token": st.one_of(st.just(feedback_token()), values),
            "website": st.one_of(st.just(""), values),
            "csrfmiddlewaretoken": values,
        },
    )


@fuzz(120)
@given(fields=feedback_fields(), repeat=st.booleans())
def test_feedback_form_never_causes_a_500_and_writes_only_when_accepted(
    quiet_client, seeded, settings, fields, repeat
):
    settings.RATELIMIT_ENABLED = False
    data = {key: [value, value[::-1]] if repeat else value for key, value in fields.items()}
    before = row_counts()
    response = quiet_client.post("/feedback/", data)
    assert response.status_code < 500, fields
    after = row_counts()
    new_feedback = after.pop(PageFeedback._meta.label) - before.pop(PageFeedback._meta.label)
    assert after == before  # nothing but feedback is ever written
    if response.status_code >= 400:
        assert new_feedback == 0, (response.status_code, fields)
    else:
        assert new_feedback in {0, 1}  # 0: the honeypot was filled


@fuzz(40)
@given(
    body=st.binary(max_size=500),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "text/plain",
            "application/json",
            "application/x-www-form-urlencoded; charset=latin-1",
        ]
    ),
)
def test_feedback_with_a_raw_body_never_causes_a_500(quiet_client, seeded, body, content_type):
    before = PageFeedback.objects.count()
    # generic(): the body goes out byte for byte (post() would re-encode it).
    response = quiet_client.generic("POST", "/feedback/", body, content_type)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert PageFeedback.objects.count() == before


class FormReader(HTMLParser):
    """The fields of the first POST form whose action is not the page feedback."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.action, self._in_form, self._done, self._select = (
            {},
            None,
            False,
            False,
            None,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self._done and (attrs.get("method") or "").lower() == "post":
            if "feedback" not in (attrs.get("action") or ""):
                self._in_form, self.action = True, attrs.get("action")
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button"}:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                self.fields.setdefault(name, attrs.get("value", "on"))
            elif kind == "email":
                self.fields[name] = "fuzz@example.org"
            elif kind == "number":
                self.fields[name] = "1"
            else:
                self.fields[name] = attrs.get("value") or "Maria Rossi"
        elif tag == "textarea" and name:
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and self._select not in self.fields:
            self.fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def registration_form(client):
    """The URL and the fields of the seed's first event's registration form."""
    event = first_event()
    assert event is not None, "the seed has no event"
    url = reverse("events:register", kwargs={"slug": event.slug})
    reader = FormReader()
    reader.feed(client.get(url).content.decode())
    return url, reader.fields


@fuzz(60)
@given(data=st.data())
def test_registration_form_never_causes_a_500_and_rejected_input_writes_nothing(
    seeded, settings, data
):
    from events.models import Event

    settings.RATELIMIT_ENABLED = False
    settings.EVENTS_MIN_FILL_SECONDS = 0
    for event in Event.objects.all():
        open_for_registration(event, capacity=5)
    client = Client(raise_request_exception=False)
    url, valid = registration_form(client)
    fields = dict(valid)
    for name in data.draw(st.sets(st.sampled_from(sorted(valid)), max_size=len(valid))):
        if name == "csrfmiddlewaretoken":
            continue
        choice = data.draw(st.sampled_from(["hostile", "missing", "repeated"]), label=name)
        if choice == "missing":
            fields.pop(name)
        elif choice == "repeated":
            fields[name] = [fields[name], data.draw(values)]
        else:
            fields[name] = data.draw(values, label=name)
    before = row_counts()
    response = client.post(url, fields)
    assert response.status_code < 500, fields
    if response.status_code not in {301, 302, 303}:  # not accepted: form shown again
        assert row_counts() == before, (response.status_code, fields)
