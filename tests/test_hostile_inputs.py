"""Hostile inputs against the real forms and endpoints, each with the answer it must get.

Every case is registered with ``@case(id, where, input, outcome)``; ``test_hostile_input`` runs them one by one
and ``test_reliability_doc_lists_every_case`` keeps the table in docs/reliability.md equal to this list (on a
mismatch it prints the table to paste).
"""

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.signals import request_started
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from PIL import Image

from atelier.models import CanvasItem, Story
from droomhuis.models import Dream
from parelketting.choices import PearlStatus
from parelketting.models import Pearl, PearlReport
from parelketting.services import pearl_publish
from wijk.models import Letter, LetterStatus
from wijk.services import letter_queue

from .atelier.conftest import atelier  # noqa: F401  (fixture)
from .images import jpeg_bytes, upload
from .parelketting.conftest import make_pearl  # noqa: F401  (fixture)

DOC = Path(__file__).resolve().parent.parent / "docs" / "reliability.md"
SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
SHARE = reverse("droomhuis:share")
NEW_PEARL = reverse("parelketting:new")
PEARLS_API = reverse("api-v1:pearl_list")


@dataclass(frozen=True)
class Case:
    id: str
    where: str
    input: str
    outcome: str
    run: object


CASES: dict[str, Case] = {}


def case(id, where, input, outcome):
    def register(run):
        assert id not in CASES, id
        CASES[id] = Case(id, where, input, outcome, run)
        return run

    return register


# --- helpers ---------------------------------------------------------------------------------------------------


def dream_data(w, **extra):
    data = {"text": "Een bankje bij de speeltuin.", "neighbourhood": w.world.hagedoorn.pk, "alias": "Buurman"}
    data.update(extra)
    return data


def pearl_data(**extra):
    data = {"kind": "place", "title": "Bankje bij de vijver", "story": "Hier zit ik graag.", "street": "Spui"}
    data.update(extra)
    return data


def share(w, **extra):
    return w.anonymous.post(SHARE, dream_data(w, **extra))


def errors_of(response) -> str:
    """The form page came back (status 200) with a visible error, not a crash."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert 'aria-invalid="true"' in html or "errorlist" in html or 'role="alert"' in html, "no error shown"
    return html


def png_bytes(size, mode="1") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


def shows_escaped(html: str, raw: str) -> None:
    """The raw markup is nowhere on the page; its escaped text is."""
    assert raw not in html
    assert escape(raw) in html, "the text itself should still be shown"


def photo_refused(w, data: bytes, name="foto.jpg", content_type="image/jpeg") -> str:
    response = w.anonymous.post(SHARE, {**dream_data(w), "photo": upload(data, name=name, content_type=content_type)})
    html = errors_of(response)
    assert Dream.objects.count() == 0
    return html


# --- script, HTML and other text in the public forms -------------------------------------------------------------


@case(
    "dream-text-script",
    "droomhuis:share, text",
    "`<script>` tag",
    "302; stored as text, shown escaped on the follow page",
)
def _(w):
    response = share(w, text=f"Mijn droom {SCRIPT}")
    assert response.status_code == 302
    dream = Dream.objects.get()
    assert SCRIPT in dream.text  # stored as the resident typed it, never as markup
    page = w.anonymous.get(reverse("droomhuis:follow", kwargs={"reference": dream.reference})).content.decode()
    shows_escaped(page, SCRIPT)


@case(
    "dream-alias-img",
    "droomhuis:share, alias",
    "`<img onerror>` in the alias",
    "302; escaped on the broker's case page",
)
def _(w):
    assert share(w, alias=IMG[:60]).status_code == 302
    dream = Dream.objects.get()
    page = w.broker_bw.get(reverse("droomhuis:case", kwargs={"reference": dream.reference})).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x" in page


@case("dream-contact-html", "droomhuis:share, contact notes", "`<a href=javascript:>`", "302; escaped on the case page")
def _(w):
    notes = '<a href="javascript:alert(1)">bel</a>'
    response = share(w, consent_contact="on", contact_preference="phone", phone="0546 111 222", contact_notes=notes)
    assert response.status_code == 302
    dream = Dream.objects.get()
    page = w.broker_bw.get(reverse("droomhuis:case", kwargs={"reference": dream.reference})).content.decode()
    assert notes not in page and "&lt;a href=" in page


@case(
    "dream-sql", "droomhuis:share, text", "`'); DROP TABLE ...; --`", "302; stored verbatim, the table is still there"
)
def _(w):
    text = "x'); DROP TABLE droomhuis_dream; -- OR 1=1"
    assert share(w, text=text).status_code == 302
    assert Dream.objects.get().text == text
    assert "droomhuis_dream" in connection.introspection.table_names()


@case("dream-null-byte", "droomhuis:share, text", "a NUL byte", "200 with a form error; nothing stored")
def _(w):
    errors_of(share(w, text="Een bankje\x00 bij de speeltuin"))
    assert not Dream.objects.exists()


@case("dream-oversized", "droomhuis:share, text", "100,000 characters", "200 with a form error; nothing stored")
def _(w):
    errors_of(share(w, text="a" * 100_000))
    assert not Dream.objects.exists()


@case("dream-bidi", "droomhuis:share, alias", "right-to-left override U+202E", "302; the override is removed")
def _(w):
    assert share(w, alias="Buur\u202emaan\u202c", text="Meer \u2067groen\u2069 graag").status_code == 302
    dream = Dream.objects.get()
    assert dream.resident.alias == "Buurmaan"
    assert dream.text == "Meer groen graag"


@case(
    "dream-honeypot", "droomhuis:share", "the hidden website field filled in", "200 with a vague error; nothing stored"
)
def _(w):
    errors_of(share(w, website="http://spam.example"))
    assert not Dream.objects.exists()


@case("dream-flood", "droomhuis:share", "one visitor sends 30 dreams", "302 ten times, then 429; 10 stored")
def _(w):
    statuses = [share(w).status_code for _ in range(30)]
    assert statuses == [302] * 10 + [429] * 20
    assert Dream.objects.count() == 10


@case(
    "dream-hood-foreign",
    "droomhuis:share, neighbourhood",
    "an id of a neighbourhood that does not exist",
    "200 with a form error",
)
def _(w):
    errors_of(share(w, neighbourhood=999_999))
    errors_of(share(w, neighbourhood="1 OR 1=1"))
    assert not Dream.objects.exists()


@case("csrf-missing", "droomhuis:share", "POST without a CSRF token", "403; nothing stored")
def _(w):
    client = Client(enforce_csrf_checks=True)
    assert client.post(SHARE, dream_data(w)).status_code == 403
    assert not Dream.objects.exists()


@case("csrf-missing-logged-in", "parelketting:new", "a logged-in resident's POST without a CSRF token", "403")
def _(w):
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.world.users.resident_zuidwijk)
    assert client.post(NEW_PEARL, pearl_data()).status_code == 403
    assert not Pearl.objects.exists()


@case(
    "pearl-title-script",
    "parelketting:new, title and story",
    "`<script>` and `<img onerror>`",
    "302; escaped on the public pearl page",
)
def _(w):
    response = w.resident_zuidwijk.post(NEW_PEARL, pearl_data(title=f"Bank {SCRIPT}"[:120], story=f"Mooi {IMG}"))
    assert response.status_code == 302
    pearl = pearl_publish(pearl=Pearl.objects.get(), by=w.world.users.superuser)
    page = w.anonymous.get(pearl.get_absolute_url()).content.decode()
    shows_escaped(page, SCRIPT)
    assert IMG not in page


@case("pearl-lat-absurd", "parelketting:new, lat/lng", "lat=999, lng=-999", "200 with a form error; nothing stored")
def _(w):
    errors_of(w.resident_zuidwijk.post(NEW_PEARL, pearl_data(lat="999", lng="-999")))
    assert not Pearl.objects.exists()


@case("pearl-lat-text", "parelketting:new, lat/lng", "lat=NaN, lng=1e999", "200 with a form error; nothing stored")
def _(w):
    errors_of(w.resident_zuidwijk.post(NEW_PEARL, pearl_data(lat="NaN", lng="1e999")))
    assert not Pearl.objects.exists()


@case("pearl-kind-unknown", "parelketting:new, kind", "kind=partner_offer (not for residents)", "200 with a form error")
def _(w):
    errors_of(w.resident_zuidwijk.post(NEW_PEARL, pearl_data(kind="partner_offer")))
    assert not Pearl.objects.exists()


@case(
    "report-html",
    "parelketting:report, reason",
    "HTML and a NUL byte",
    "HTML: 200, stored as text; NUL: 200 with an error",
)
def _(w):
    pearl = w.make_pearl()
    url = reverse("parelketting:report", kwargs={"uid": pearl.uid})
    errors_of(w.anonymous.post(url, {"what": "other", "reason": "Nep\x00"}))
    assert not PearlReport.objects.exists()
    assert w.anonymous.post(url, {"what": "other", "reason": f"Nep {IMG}"}).status_code == 200  # a thank-you page
    assert PearlReport.objects.get().reason == f"Nep {IMG}"


@case(
    "canvas-item-script", "atelier:canvas_item_add, text", "`<script>` on a sticky note", "302; escaped on the canvas"
)
def _(w):
    item = w.canvas_item()
    url = reverse(
        "atelier:canvas_item_add", kwargs={"slug": item.canvas.experiment.slug, "number": item.canvas.workshop.number}
    )
    assert w.facilitator.post(url, {"block": item.block, "text": SCRIPT}).status_code == 302
    assert CanvasItem.objects.filter(text=SCRIPT).exists()
    page = w.facilitator.get(
        reverse("atelier:canvas", kwargs={"slug": item.canvas.experiment.slug, "number": item.canvas.workshop.number})
    )
    shows_escaped(page.content.decode(), SCRIPT)


# --- uploads -----------------------------------------------------------------------------------------------------


@case(
    "upload-random-bytes",
    "droomhuis:share, photo",
    "random bytes named foto.jpg",
    "200 with a form error; nothing stored",
)
def _(w):
    photo_refused(w, os.urandom(20_000))


@case(
    "upload-truncated-jpeg",
    "droomhuis:share, photo",
    "the first half of a real JPEG (after WeasyPrint was loaded)",
    "200 with a form error; nothing stored",
)
def _(w):
    import weasyprint.images  # noqa: F401  (as in production: it lets Pillow load truncated images, process-wide)

    data = jpeg_bytes(size=(1200, 900))
    photo_refused(w, data[: len(data) // 2])


@case(
    "upload-svg", "droomhuis:share, photo", "SVG with a script, named foto.jpg", "200, error names SVG; nothing stored"
)
def _(w):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert "SVG" in photo_refused(w, svg)


@case("upload-pdf", "droomhuis:share, photo", "a PDF named foto.jpg", "200 with a form error; nothing stored")
def _(w):
    photo_refused(w, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="image/jpeg")


@case(
    "upload-gif",
    "droomhuis:share, photo",
    "a real GIF (not an allowed format)",
    "200 with a form error; nothing stored",
)
def _(w):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="GIF")
    photo_refused(w, buffer.getvalue(), name="foto.gif", content_type="image/gif")


@case(
    "upload-bomb",
    "droomhuis:share, photo",
    "PNG of 10,000 x 10,000 pixels (small file)",
    "200, too many pixels; nothing stored",
)
def _(w):
    data = png_bytes((10_000, 10_000))
    assert len(data) < 1024 * 1024
    assert "beeldpunten" in photo_refused(w, data, name="foto.png", content_type="image/png")


@case("upload-huge", "droomhuis:share, photo", "a 9 MB file", "200, too large; nothing stored")
def _(w):
    assert "te groot" in photo_refused(w, b"\xff\xd8\xff" + os.urandom(9 * 1024 * 1024))


@case(
    "upload-path-traversal",
    "droomhuis:share, photo",
    "a real JPEG named ../../settings.jpg",
    "302; stored under a random name",
)
def _(w):
    response = w.anonymous.post(SHARE, {**dream_data(w), "photo": upload(jpeg_bytes(), name="../../../settings.jpg")})
    assert response.status_code == 302
    name = Dream.objects.get().photo.name
    assert ".." not in name and "settings" not in name and re.search(r"[0-9a-f]{24}\.jpg$", name)


@case("upload-pearl-svg", "parelketting:new, photo", "SVG named foto.jpg", "200 with a form error; nothing stored")
def _(w):
    svg = upload(b"<?xml version='1.0'?><svg onload='alert(1)'/>", name="foto.jpg")
    errors_of(w.resident_zuidwijk.post(NEW_PEARL, {**pearl_data(), "photo": svg}))
    assert not Pearl.objects.exists()


@case(
    "upload-story-bomb",
    "atelier:story_add, image",
    "PNG of 10,000 x 10,000 pixels as a mood image",
    "400 with an error; no story stored",
)
def _(w):
    experiment = w.canvas_item().canvas.experiment
    image = upload(png_bytes((10_000, 10_000)), name="sfeer.png", content_type="image/png")
    data = {"title": "Ons verhaal", "text": "Zo ging het.", "image": image, "image_alt": "Een plein"}
    response = w.facilitator.post(reverse("atelier:story_add", kwargs={"slug": experiment.slug}), data)
    assert response.status_code == 400
    assert not Story.objects.exists()


# --- whole requests ----------------------------------------------------------------------------------------------


@case("body-too-large", "droomhuis:share", "a 13 MB form body without files", "400; nothing stored")
def _(w):
    response = w.anonymous.post(SHARE, {**dream_data(w), "contact_notes": "a" * (13 * 1024 * 1024)})
    assert response.status_code == 400
    assert not Dream.objects.exists()


@case("too-many-fields", "droomhuis:share", "2,000 form fields", "400; nothing stored")
def _(w):
    data = {**dream_data(w), **{f"f{n}": "x" for n in range(2000)}}
    assert w.anonymous.post(SHARE, data).status_code == 400
    assert not Dream.objects.exists()


@case("host-header", "wijk:home", "Host: evil.example", "400 (the host is not allowed)")
def _(w):
    assert w.anonymous.get("/", HTTP_HOST="evil.example").status_code == 400


@case("method-not-allowed", "droomhuis:share, api-v1:pearl_list", "DELETE, PUT and PATCH", "405")
def _(w):
    assert w.anonymous.delete(SHARE).status_code == 405
    assert w.anonymous.put(PEARLS_API, data="{}", content_type="application/json").status_code == 405
    assert w.anonymous.patch(reverse("droomhuis:withdraw", kwargs={"reference": "ABCD2345"})).status_code == 405


@case(
    "login-open-redirect",
    "account_login",
    "right password, next=https://evil.example/, //evil.example/ or a backslash form",
    "302 to a page of this site, never to evil.example",
)
def _(w):
    user = w.world.users.resident_zuidwijk
    user.set_password("Lang-genoeg-wachtwoord-9")
    user.save()
    for next_url in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        url = reverse("account_login") + "?" + urlencode({"next": next_url})
        response = Client().post(url, {"login": user.email, "password": "Lang-genoeg-wachtwoord-9"})
        assert response.status_code == 302, next_url
        assert "evil.example" not in response["Location"], next_url


@case("path-traversal-url", "parelketting:photo, /media/", "`../` in the uid and in a media path", "404")
def _(w):
    assert w.anonymous.get("/parelketting/parels/..%2F..%2Fsettings/foto/").status_code == 404
    assert w.anonymous.get("/media/../wijkportaal/settings/base.py").status_code == 404


# --- other organisations' objects --------------------------------------------------------------------------------


@case(
    "foreign-letter-cancel",
    "wijk:letter_cancel",
    "moderator of HW Wonen cancels a Beter Wonen letter",
    "404; the letter stays queued",
)
def _(w):
    letter = w.bw_letter()
    url = reverse("wijk:letter_cancel", kwargs={"uid": letter.uid})
    assert w.moderator_hw.post(url).status_code == 404
    letter.refresh_from_db()
    assert letter.status == LetterStatus.QUEUED


@case(
    "foreign-letter-sent",
    "wijk:letters_sent",
    "moderator of HW Wonen marks a Beter Wonen letter (and junk ids) as sent",
    "302 back to the queue; the letter stays queued",
)
def _(w):
    letter = w.bw_letter()
    response = w.moderator_hw.post(reverse("wijk:letters_sent"), {"letters": [str(letter.uid), "../1", "1 OR 1=1"]})
    assert response.status_code == 302 and response["Location"] == reverse("wijk:letters")
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.QUEUED


@case("foreign-resident-data", "wijk:resident_data", "moderator of HW Wonen asks for a Hagedoorn resident", "404")
def _(w):
    url = reverse("wijk:resident_data", kwargs={"uid": w.world.residents.hagedoorn.uid})
    assert w.moderator_hw.get(url).status_code == 404


@case("foreign-pearl-answer", "parelketting:answer", "another resident answers the question on a pearl", "404")
def _(w):
    pearl = w.make_pearl(status=PearlStatus.RETURNED)
    url = reverse("parelketting:answer", kwargs={"uid": pearl.uid})
    assert w.resident_hagedoorn.post(url, pearl_data()).status_code == 404


# --- query parameters --------------------------------------------------------------------------------------------


@case("api-negative-limit", "api-v1:pearl_list", "limit=-5, limit=10**9, offset=-1", "422 with a JSON error")
def _(w):
    for query in ("limit=-5", "limit=1000000000", "offset=-1", "limit=abc"):
        response = w.anonymous.get(f"{PEARLS_API}?{query}")
        assert response.status_code == 422, (query, response.status_code)
        assert response["Content-Type"].startswith("application/json")


@case("api-huge-offset", "api-v1:pearl_list", "offset=1000000", "200 with an empty page")
def _(w):
    w.make_pearl()
    response = w.anonymous.get(f"{PEARLS_API}?offset=1000000")
    assert response.status_code == 200
    assert response.json()["features"] == []


@case("api-invalid-date", "api-v1:pearl_list", "`changed_since=2024-13-45`, `' OR 1=1 --`", "422 with a JSON error")
def _(w):
    for value in ("2024-13-45", "' OR 1=1 --", "9999999999-01-01"):
        assert w.anonymous.get(PEARLS_API, {"changed_since": value}).status_code == 422, value


@case(
    "api-bbox-absurd",
    "api-v1:pearl_list",
    "bbox=1e999,1,2,3 / NaN,NaN,NaN,NaN / a,b,c,d / 1,2,3",
    "422 with a JSON error",
)
def _(w):
    for value in ("1e999,1,2,3", "NaN,NaN,NaN,NaN", "a,b,c,d", "1,2,3"):
        response = w.anonymous.get(PEARLS_API, {"bbox": value})
        assert response.status_code == 422, (value, response.status_code)


@case("list-huge-page", "parelketting:list", "pagina=99999999999, pagina=-1, pagina=abc", "200 with a real page")
def _(w):
    w.make_pearl(title="Bankje bij de vijver")
    for value in ("99999999999", "-1", "abc", "1e9"):
        response = w.anonymous.get(reverse("parelketting:list"), {"pagina": value})
        assert response.status_code == 200
        assert "Bankje bij de vijver" in response.content.decode()


@case(
    "follow-code-guessing",
    "droomhuis:follow",
    "25 wrong codes from one visitor",
    "404 nineteen times, the twentieth and later 429 until the hour ends (with the phone and the paper way)",
)
def _(w):
    statuses = [
        w.anonymous.get(reverse("droomhuis:follow", kwargs={"reference": f"ZZZZ{n:04d}"[:8]})).status_code
        for n in range(25)
    ]
    assert statuses == [404] * 19 + [429] * 6


# --- the runner and the documentation table ----------------------------------------------------------------------


@pytest.fixture
def w(world, make_pearl, as_persona, request):  # noqa: F811  (make_pearl is imported above)
    def bw_letter():
        return letter_queue(
            resident=world.residents.hagedoorn,
            organisation=world.bw,
            subject="Uw droom",
            body="Wij bellen.",
            reason="dream",
        )

    def canvas_item():
        request.getfixturevalue("atelier")
        return CanvasItem.objects.select_related("canvas__experiment", "canvas__workshop").first()

    clients = {
        name: as_persona(name)
        for name in ("anonymous", "resident_zuidwijk", "resident_hagedoorn", "moderator_hw", "broker_bw", "facilitator")
    }
    return SimpleNamespace(world=world, make_pearl=make_pearl, bw_letter=bw_letter, canvas_item=canvas_item, **clients)


@pytest.mark.parametrize("case_id", list(CASES))
def test_hostile_input(w, settings, case_id):
    """Each case asserts the answer it must get; here: it really sent its input to the portal."""
    settings.RATE_LIMIT_SCALE = 1
    requests = []

    def count(**kwargs):
        requests.append(kwargs.get("environ", {}).get("PATH_INFO"))

    request_started.connect(count, weak=False, dispatch_uid="hostile-input-count")
    try:
        CASES[case_id].run(w)
    finally:
        request_started.disconnect(dispatch_uid="hostile-input-count")
    assert requests, f"{case_id} sent nothing to the portal"


def doc_table() -> str:
    rows = ["| Case | Where | Input | What it gets |", "| --- | --- | --- | --- |"]
    rows += [f"| `{c.id}` | {c.where} | {c.input} | {c.outcome} |" for c in CASES.values()]
    return "\n".join(rows)


def test_there_are_enough_cases():
    assert len(CASES) >= 30


def test_reliability_doc_lists_every_case():
    text = DOC.read_text(encoding="utf-8")
    assert doc_table() in text, "docs/reliability.md should hold this table exactly:\n\n" + doc_table()
