"""The door on a phone, in Debian's Chromium, as a real Accoglienza user.

- the QR code of the confirmation e-mail (read back with the door's own decoder) opens
  the person's card, "Fai entrare" lets them in; the same address shows a visitor
  nothing about anybody;
- "Scansiona" reads a QR code from the camera (a fake camera playing a picture of it);
- with the network gone, taps wait on the phone ("in attesa di invio") and leave when it
  returns; two phones admitting one person record one check-in.
"""

import base64
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.e2e import test_staff_workflows
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.conftest import new_page, screenshot
from tests.e2e.test_staff_workflows import log_in, open_page

staff_site = test_staff_workflows.staff_site

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
JSQR = Path(__file__).resolve().parents[2] / "static" / "vendor" / "jsqr" / "jsQR.js"


@pytest.fixture
def evening(make_event, register):
    now = timezone.now()
    event = make_event(
        slug="risultati",
        title="Presentazione dei risultati",
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=5),
        capacity=50,
        registration_opens_at=now - timedelta(days=5),
    )
    people = [
        register(event, f"{i}@example.org", name=name).registration
        for i, name in enumerate(["Nicolò D'Amico", "Luca Bianchi", "Laura Verdi"])
    ]
    return event, people


def qr_png(registration):
    """The QR code as the sender attaches it to the confirmation e-mail."""
    from events import emails

    email = emails.build(registration.messages.get(kind="confirmed"))
    [png] = [content for name, content, _type in email.attachments if name == "ingresso-qr.png"]
    return png


def decode_in_page(page, png):
    """The text of a QR picture, read by the vendored jsQR inside the page."""
    page.add_script_tag(content=JSQR.read_text())
    return page.evaluate(
        """async (data) => {
            const image = new Image();
            image.src = "data:image/png;base64," + data;
            await image.decode();
            const canvas = document.createElement("canvas");
            canvas.width = image.width; canvas.height = image.height;
            const context = canvas.getContext("2d");
            context.drawImage(image, 0, 0);
            const pixels = context.getImageData(0, 0, image.width, image.height);
            const found = jsQR(pixels.data, image.width, image.height);
            return found ? found.data : null;
        }""",
        base64.b64encode(png).decode(),
    )


def test_the_e_mail_qr_opens_the_card_and_lets_the_person_in(
    browser, staff_site, make_staff, evening
):
    from events.models import Registration

    event, people = evening
    reader = new_page(browser, bypass_csp=True)  # only to run the decoder on the picture
    reader.goto(staff_site.url + "/healthz")
    url = decode_in_page(reader, qr_png(people[0]))
    reader.context.close()
    assert url and "/admin/accoglienza/ingresso/" in url
    path = "/" + url.split("/", 3)[3]

    page = open_page(browser, **PHONE)
    log_in(page, staff_site.url, make_staff("Accoglienza"))
    page.goto(staff_site.url + path)
    assert page.locator("h1", has_text="Nicolò D'Amico").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    button = page.get_by_role("button", name="Fai entrare")
    assert button.bounding_box()["height"] >= 60  # the one big target
    screenshot(page, "door-card-before")
    button.click()
    page.get_by_text(re.compile(r"Già entrato/a alle \d\d:\d\d \(da accoglienza\)")).wait_for()
    screenshot(page, "door-card-after")
    assert Registration.objects.get(pk=people[0].pk).checked_in_at is not None
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]
    page.context.close()

    visitor = open_page(browser, **PHONE)
    visitor.goto(staff_site.url + path)
    text = visitor.locator("body").inner_text()
    assert "Codice d'ingresso" in text
    for secret in ("Nicol", "Amico", "0@example.org", event.title, "Fai entrare", "Già entrato"):
        assert secret not in text
    assert visitor.context.cookies() == []
    screenshot(visitor, "door-card-visitor")
    visitor.context.close()


def _y4m(png, path, size=480):
    """A short video of the QR picture for Chromium's fake camera (YUV4MPEG2, 4:2:0)."""
    from io import BytesIO

    from PIL import Image

    code = Image.open(BytesIO(png)).convert("L")
    frame = Image.new("L", (size, size), 255)
    side = int(size * 0.8)
    frame.paste(code.resize((side, side), Image.NEAREST), ((size - side) // 2,) * 2)
    luma = frame.tobytes()
    chroma = bytes([128]) * (size * size // 4)
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{size} H{size} F5:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(5):
            out.write(b"FRAME\n" + luma + chroma + chroma)


def test_scansiona_reads_the_code_with_the_camera(
    browser, staff_site, make_staff, evening, tmp_path
):
    event, people = evening
    video = tmp_path / "qr.y4m"
    _y4m(qr_png(people[1]), video)
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    camera_browser = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    try:
        page = open_page(camera_browser, **PHONE)
        page.context.grant_permissions(["camera"], origin=staff_site.url)
        log_in(page, staff_site.url, make_staff("Accoglienza"))
        page.goto(f"{staff_site.url}/admin/accoglienza/{event.pk}/")
        page.get_by_role("button", name="Scansiona").click()
        page.get_by_text("Trovato/a: Luca Bianchi").wait_for(timeout=20_000)
        row = page.locator(f"#r-{people[1].pk}")
        assert row.is_visible() and "is-highlighted" in row.get_attribute("class")
        assert page.locator("#door-list li:visible").count() == 1
        screenshot(page, "door-scan-found")
        row.get_by_role("button", name="Fai entrare").click()
        row.get_by_role("button", name="Annulla entrata").wait_for()
        people[1].refresh_from_db()
        assert people[1].checked_in_at is not None
        # The decoder comes from our own server, and only once the button was pressed.
        assert not [e for e in page.csp_errors if "Content Security Policy" in e]
        page.context.close()
    finally:
        camera_browser.close()


def test_offline_taps_wait_on_the_phone_and_the_first_check_in_wins(
    browser, staff_site, make_staff, evening
):
    from django.contrib.admin.models import LogEntry

    from events.models import Registration

    event, people = evening
    nicolo, luca, _laura = people
    door = f"{staff_site.url}/admin/accoglienza/{event.pk}/"
    phones = []
    for name in ("telefono-1", "telefono-2"):
        page = open_page(browser, **PHONE)
        log_in(page, staff_site.url, make_staff("Accoglienza", name))
        page.goto(door)
        phones.append(page)
    first, second = phones

    for page in phones:
        page.context.set_offline(True)
    first.fill("#door-q", "damico")
    first.locator(f"#r-{nicolo.pk}").get_by_role("button", name="Fai entrare").click()
    first.fill("#door-q", "bianchi")
    first.locator(f"#r-{luca.pk}").get_by_role("button", name="Fai entrare").click()
    first.fill("#door-q", "")
    first.get_by_text("2 entrate in attesa di invio").wait_for()
    assert first.locator(f"#r-{nicolo.pk}").get_by_text("Entrata in attesa di invio").is_visible()
    assert first.locator('[data-count="checked_in"]').first.inner_text() == "2"
    screenshot(first, "door-offline-queued")
    second.locator(f"#r-{nicolo.pk}").get_by_role("button", name="Fai entrare").click()
    second.get_by_text("1 entrata in attesa di invio").wait_for()
    assert not Registration.objects.filter(event=event, checked_in_at__isnull=False).exists()

    first.context.set_offline(False)
    first.locator(f"#r-{luca.pk}").get_by_text(re.compile(r"Presente dalle \d\d:\d\d")).wait_for()
    first.locator("#door-offline").wait_for(state="hidden")
    second.context.set_offline(False)
    second.locator(f"#r-{nicolo.pk}").get_by_text(
        re.compile(r"Già entrato/a alle \d\d:\d\d \(da telefono-1\)")
    ).wait_for()
    screenshot(second, "door-offline-conflict")

    entered = Registration.objects.filter(event=event, checked_in_at__isnull=False)
    assert set(entered.values_list("pk", flat=True)) == {nicolo.pk, luca.pk}
    assert Registration.objects.get(pk=nicolo.pk).checked_in_by.username == "telefono-1"
    assert (
        LogEntry.objects.filter(
            object_id=str(nicolo.pk), change_message="Entrata registrata"
        ).count()
        == 1
    )
    assert second.locator('[data-count="checked_in"]').first.inner_text() == "2"
    # Nothing left in either phone's queue.
    for page in phones:
        assert page.evaluate(f"localStorage.getItem('tsf-door-queue-{event.pk}')") == "[]"
        page.context.close()
