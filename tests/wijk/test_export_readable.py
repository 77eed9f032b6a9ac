""" "Mijn gegevens" as a person reads it: a summary in plain Dutch, details behind disclosure, a short PDF,
and the JSON download as complete as before."""

import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from wijk.choices import Channel, DataCategory, Purpose
from wijk.services import access_log_record, consent_give

pytestmark = pytest.mark.django_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ISO_MOMENT = re.compile(r"\d{4}-\d\d-\d\d(T| )\d\d:\d\d")
ISO_DAY = re.compile(r"\b\d{4}-\d\d-\d\d\b")
FILE_PATH = re.compile(r"\b[\w-]+/[\w./-]+\.(jpe?g|png|webp|pdf|gif)\b")
CONSENT_CODE = re.compile(r"[\w-]+ v\d+ \(\w\w\)")
RAW_ENUMS = re.compile(
    r">\s*(resident|broker|moderator|publication|confirmed|waiting|new|picked_up|in_progress)\s*<|\((confirmed|waiting)\)"
)
SUMMARY = [
    "Wat u deelde",
    "Waar u ja op zei, en hoe u dat intrekt",
    "Wie uw dossier bekeek",
    "Wat er met uw gegevens gebeurt en wanneer",
]


def visible_text(html: str) -> str:
    """The page without tags and attributes (links may hold codes; what matters is what a person reads)."""
    body = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", body)


def assert_readable(html: str):
    text = visible_text(html)
    for pattern in (UUID, ISO_MOMENT, ISO_DAY, FILE_PATH, CONSENT_CODE):
        assert not pattern.search(text), f"{pattern.pattern} found: {pattern.search(text).group(0)!r}"
    assert not RAW_ENUMS.search(html.split("<main", 1)[1]), RAW_ENUMS.search(html).group(0)
    assert "Bewaren voor een rechtszaak" not in text and "nee" not in text.split()


@pytest.fixture
def shared_world(world):
    """The Zuidwijk resident said yes to showing an alias and was looked at by a moderator."""
    mine = world.residents.zuidwijk
    consent_give(
        resident=mine,
        category=DataCategory.ALIAS,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method=Channel.ONLINE,
    )
    consent_give(
        resident=mine,
        category=DataCategory.FIRST_NAME,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method=Channel.ONLINE,
    )
    access_log_record(
        user=world.users.moderator_hw, action="view", obj=mine, resident=mine, role="moderator", organisation=world.hw
    )
    return world


def test_the_summary_is_in_plain_dutch_without_codes_dates_or_paths(resident_zuidwijk, shared_world):
    """The four parts are there, dates are written out, and nothing technical shows."""
    html = resident_zuidwijk.get(reverse("wijk:my_data")).content.decode()
    for heading in SUMMARY:
        assert f">{heading}</h2>" in html
    assert "Schuilnaam: tonen op de website, voor iedereen." in html
    assert "Moderator van HW Wonen, bekeken" in html
    assert re.search(
        r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}", html
    )
    assert_readable(html)


def test_the_details_are_behind_a_disclosure(resident_zuidwijk, shared_world):
    html = resident_zuidwijk.get(reverse("wijk:my_data")).content.decode()
    details = html.split('id="data-all"', 1)[1]
    assert details.count("<details") >= 2 and "<summary>Toestemmingen (2)</summary>" in details
    assert "<details open" not in details


def test_the_withdraw_links_lead_to_a_page_where_the_yes_can_be_taken_back(resident_zuidwijk, shared_world):
    html = resident_zuidwijk.get(reverse("wijk:my_data")).content.decode()
    agreed = html.split('id="data-agreed"', 1)[1].split("</section>", 1)[0]
    links = re.findall(r'<a href="([^"]+)">Intrekken', agreed)
    assert links == [reverse("parelketting:mine")]
    assert "Intrekken? Vraag het aan uw woningcorporatie." in agreed  # the alias has no button online
    page = resident_zuidwijk.get(links[0]).content.decode()
    assert 'name="soort" value="first_name"' in page
    withdrawn = resident_zuidwijk.post(reverse("parelketting:consent_withdraw"), {"soort": "first_name"})
    assert withdrawn.status_code == 302
    after = resident_zuidwijk.get(reverse("wijk:my_data")).content.decode()
    assert "Voornaam: tonen op de website" not in after and "Schuilnaam: tonen op de website" in after


def test_the_json_download_stays_complete(resident_zuidwijk, shared_world):
    """Machines still get every field, codes and ISO timestamps included."""
    data = json.loads(resident_zuidwijk.get(reverse("wijk:my_data") + "?formaat=json").content)
    assert set(data) == {"exported_at", "resident", "sections", "access_log"}
    assert UUID.fullmatch(data["resident"]["kenmerk"])
    consent = next(s for s in data["sections"] if s["model"] == "wijk.ConsentRecord")["records"][0]
    assert consent["uitdrukkelijk"] is False and ISO_MOMENT.match(consent["gegeven op"])
    assert CONSENT_CODE.fullmatch(consent["uitleg die de bewoner zag"])
    assert data["access_log"][0]["role"] == "moderator" and ISO_DAY.fullmatch(data["access_log"][0]["day"])


def test_staff_see_every_field_with_readable_dates(broker_bw, world):
    resident = world.residents.hagedoorn
    html = broker_bw.get(reverse("wijk:resident_data", args=[resident.uid])).content.decode()
    for heading in SUMMARY:
        assert f">{heading}</h2>" in html
    assert str(resident.uid) in html  # staff may need the record's code
    assert "Intrekken op" not in html and "Intrekken bij" not in html  # the resident's own links are not for staff
    assert not ISO_MOMENT.search(visible_text(html))


def demo_client(settings, email: str) -> Client:
    """A client logged in as a demo resident, after ``loaddemo``."""
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client


@pytest.mark.parametrize("email", ["bewoner@zuidwijk.example", "bewoner@hagedoorn.example"])
def test_the_demo_residents_read_their_page_without_codes(settings, email):
    html = demo_client(settings, email).get(reverse("wijk:my_data")).content.decode()
    for heading in SUMMARY:
        assert f">{heading}</h2>" in html
    assert_readable(html)


@pytest.mark.parametrize(("email", "most_pages"), [("bewoner@zuidwijk.example", 4), ("bewoner@hagedoorn.example", 3)])
def test_the_pdf_is_a_few_pages_for_the_demo_residents(settings, email, most_pages):
    """It was 13 and 5 pages of fields; now the summary and the readable details fit on a few. (One page more
    than with two columns: WeasyPrint's column balancing made a first download take seconds.)"""
    pdf = demo_client(settings, email).get(reverse("wijk:my_data") + "?formaat=pdf")
    reader = PdfReader(io.BytesIO(pdf.content))
    assert 1 <= len(reader.pages) <= most_pages
    text = " ".join(page.extract_text() for page in reader.pages)
    for heading in SUMMARY:
        assert heading in text
    assert not UUID.search(text) and not ISO_MOMENT.search(text) and not CONSENT_CODE.search(text)
