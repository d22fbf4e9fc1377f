"""The attendee's whole journey on a phone (390x844), with the real sender process:
a failed submit (focused error summary) → register → the e-mail, sent by
`manage.py send_outbox --watch` within 5 s → personal page with the door QR code →
add to calendar → cancel, confirming on a second step → the person waiting is promoted
and told by e-mail."""

import email
import re
import time
from email import policy
from pathlib import Path

import pytest

from tests.e2e.conftest import new_page, screenshot
from tests.events.sender import free_port, start_sender
from tests.public_pages import first_event

pytestmark = pytest.mark.e2e


class _Recorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address):
        return [m for rcpts, m in self.messages if address in rcpts]


def _wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


@pytest.fixture
def mail_and_sender(site):
    from aiosmtpd.controller import Controller

    recorder = _Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    sender = start_sender(
        "--interval", "1", EMAIL_URL=f"smtp://127.0.0.1:{controller.port}", SITE_URL=site.url
    )
    assert sender.stdout.readline().startswith("Invio"), sender.stderr.read()
    yield recorder
    sender.terminate()
    sender.wait(timeout=15)
    controller.stop()


def _text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def _personal_link(message):
    return re.search(r"(http://\S+/iscrizione/[\w-]+/)", _text(message)).group(1)


def test_the_attendee_journey_on_a_phone_with_the_sender_process(
    site, browser, mail_and_sender, settings
):
    from events import services
    from events.models import Event, Registration

    event = Event.objects.get(pk=first_event().pk)
    event.capacity = 1
    event.waitlist_enabled = True
    event.save()
    page = new_page(browser, width=390, height=844)
    page.context.set_extra_http_headers({})
    try:
        page.goto(site.url + event.get_absolute_url())
        page.locator("main").get_by_role("link", name=re.compile("^Iscriviti")).first.click()
        page.wait_for_url(re.compile(r"/iscrizione/$"))
        form = page.locator("main form[method=post]")

        # A first try with a mistake: the summary at the top takes the focus.
        form.locator("input[name=name]").fill("Rita Levi-Montalcini")
        form.locator("input[name=email]").fill("rita@example")
        form.locator("[type=submit]").click()
        page.wait_for_load_state()
        assert page.title().startswith("Errore:")
        assert page.evaluate("document.activeElement.id") == "form-errors"
        screenshot(page, "phone-1-errore")
        page.locator("#form-errors a[href='#id_email']").click()
        assert page.evaluate("document.activeElement.id") == "id_email"

        form = page.locator("main form[method=post]")
        assert form.locator("input[name=name]").input_value() == "Rita Levi-Montalcini"
        form.locator("input[name=email]").fill("rita@example.org")
        # The page may still be scrolling smoothly to the field the summary linked, so a
        # tap at the box's position can land beside it: the click goes to the box itself.
        privacy = form.locator("input[name=privacy]")
        privacy.dispatch_event("click")
        assert privacy.is_checked()
        form.locator("[type=submit]").click()
        page.wait_for_url(re.compile(r"/esito/"))
        posted = time.monotonic()
        assert "rita@example.org" in page.locator("main").inner_text()
        screenshot(page, "phone-2-esito")

        # Someone else joins the waiting list meanwhile.
        services.register(event=event, name="Primo Levi", email="primo@example.org")

        assert _wait_for(lambda: mail_and_sender.to("rita@example.org"), 5), "no e-mail in 5 s"
        assert time.monotonic() - posted < 5
        confirmation = mail_and_sender.to("rita@example.org")[0]
        assert str(confirmation["Subject"]).strip().startswith("Iscrizione confermata")
        names = [part.get_filename() for part in confirmation.iter_attachments()]
        assert {"evento.ics", "ingresso-qr.png"} <= set(names)

        page.goto(_personal_link(confirmation))
        main = page.locator("main")
        assert "Rita Levi-Montalcini" in main.inner_text()
        assert "Confermata" in main.inner_text()
        qr = page.locator("img.tsf-qr")
        assert qr.is_visible() and qr.evaluate("img => img.naturalWidth") > 0
        screenshot(page, "phone-3-pagina-personale")

        with page.expect_download() as download:
            main.get_by_role("link", name=re.compile(r"\.ics")).click()
        ics = Path(download.value.path()).read_text()
        assert "BEGIN:VTIMEZONE" in ics and "METHOD:PUBLISH" in ics
        google = main.get_by_role("link", name=re.compile("Google Calendar"))
        assert google.get_attribute("href").startswith("https://calendar.google.com/")

        main.get_by_role("link", name=re.compile("Annulla iscrizione")).click()
        page.wait_for_url(re.compile(r"/annulla/$"))
        screenshot(page, "phone-4-conferma-annullamento")
        assert Registration.objects.get(email="rita@example.org").status == "confirmed"
        page.locator("main").get_by_role("button", name=re.compile("Sì, annulla")).click()
        page.wait_for_load_state()
        assert "Annullata" in page.locator("main").inner_text()
        screenshot(page, "phone-5-annullata")

        statuses = dict(Registration.objects.values_list("email", "status"))
        assert statuses == {"rita@example.org": "cancelled", "primo@example.org": "confirmed"}
        assert _wait_for(
            lambda: any(
                "Si è liberato un posto" in str(m["Subject"])
                for m in mail_and_sender.to("primo@example.org")
            ),
            5,
        )
        assert _wait_for(lambda: len(mail_and_sender.to("rita@example.org")) == 2, 5)
        cancellation = mail_and_sender.to("rita@example.org")[1]
        calendar = next(
            p for p in cancellation.iter_attachments() if p.get_filename() == "evento.ics"
        ).get_content()
        calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
        assert "METHOD:CANCEL" in calendar
        # The same link as in the first e-mail, still showing the page.
        assert _personal_link(cancellation) == _personal_link(confirmation)
    finally:
        page.context.close()
