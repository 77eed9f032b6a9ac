"""Paper forms work on paper: at most two A4 pages, a QR code and a short address back online, whom to call, no
online-only hints, and a way to hear back without e-mail that staff can type in as it was written.

The forms are rendered with the demo's data (both neighbourhoods' streets, meeting places and contact details),
so the page count is the one a resident gets.
"""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lib.links import absolute_url, short_address
from lib.qr import qr_svg
from parelketting.forms import OnBehalfForm
from parelketting.paper_forms import PaperPearlAboutForm
from parelketting.programme.models import Activity

from .access_fixtures import matrix_world, response_close  # noqa: F401  (module-scoped fixture)
from .test_access_matrix import client_for

pytestmark = [pytest.mark.django_db]

PHONES = {"zuidwijk": "0186 000 000", "hagedoorn": "0546 000 000"}


def pdf_text(objects, url, persona="anonymous"):
    response = client_for(objects, persona).get(url)
    response_close(response)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
    reader = PdfReader(io.BytesIO(response.content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def activity_url(name):
    activity = Activity.objects.filter(status="published").order_by("starts_at").first()
    return reverse(name, kwargs={"uid": activity.uid}), activity


@pytest.mark.parametrize(
    ("name", "query", "phone", "online"),
    [
        ("parelketting:paper_pearl_pdf", "?wijk=zuidwijk", "zuidwijk", "parelketting:new"),
        ("parelketting:paper_pearl_pdf", "?wijk=hagedoorn", "hagedoorn", "parelketting:new"),
        ("droomhuis:paper_pdf", "", "hagedoorn", "droomhuis:share"),
        ("parelketting:paper_signup_blank_pdf", "", "zuidwijk", "parelketting:programme"),
    ],
)
def test_a_paper_form_fits_on_two_pages_and_says_where_to_go(matrix_world, name, query, phone, online):  # noqa: F811
    _, objects = matrix_world
    pages, text = pdf_text(objects, reverse(name) + query)
    assert pages <= 2, f"{name}{query}: {pages} pages"
    flat = " ".join(text.split())
    assert PHONES[phone] in flat, "whom to call"
    assert short_address(reverse(online)).replace(" ", "") in flat.replace(" ", ""), "the short address"
    for online_only in ("MB", "JPG", "klik", "Klik", "Download"):
        assert online_only not in flat, f"an online-only hint on paper: {online_only}"


def test_a_paper_sign_up_for_one_activity_is_one_page_with_its_qr_code(matrix_world):  # noqa: F811
    _, objects = matrix_world
    url, activity = activity_url("parelketting:paper_signup_pdf")
    pages, text = pdf_text(objects, url)
    assert pages == 1
    flat = " ".join(text.split())
    assert activity.title in flat and str(activity.uid) not in flat, "a title to look for, never a UUID to type"
    page_url, _ = activity_url("parelketting:paper_signup")
    response = client_for(objects, "anonymous").get(page_url)
    qr = qr_svg(absolute_url(activity.get_absolute_url()), label="x", css_class="paper-qr")
    assert qr.split("<path", 1)[1] in response.content.decode(), "the QR code opens the activity itself"


def test_the_paper_pearl_qr_code_opens_the_online_form(matrix_world):  # noqa: F811
    _, objects = matrix_world
    response = client_for(objects, "anonymous").get(reverse("parelketting:paper_pearl") + "?wijk=zuidwijk")
    qr = qr_svg(absolute_url(reverse("parelketting:new")), label="x", css_class="paper-qr")
    assert qr.split("<path", 1)[1] in response.content.decode()


def test_every_answer_about_the_person_on_the_paper_pearl_can_be_typed_in():
    typed = set(OnBehalfForm(organisation_ids=[], neighbourhood=None).fields)
    for name in PaperPearlAboutForm().fields:
        assert f"new_{name}" in typed, f"the paper form asks {name!r}, but staff cannot type it in"
