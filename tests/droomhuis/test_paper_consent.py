"""The consent form on paper: every question of the broker's consent forms, the current explanation texts
(word for word, with their version), tick boxes, a signature and a date line. Only for brokers.
The dream's paper form likewise holds every question of the online share form."""

import html
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from droomhuis.care.forms import PairingConsentForm, ReferralConsentForm
from droomhuis.consents import CONSENT_CONTACT_KEY, CONSENT_WALL_KEY, consent_text_for
from droomhuis.forms import DreamShareForm
from droomhuis.views.paper import CONTACT_FIELDS
from lib.paper import SKIP_FIELDS, question_labels
from wijk.services import consent_text_publish

pytestmark = pytest.mark.django_db

URL = reverse("droomhuis:paper_consent")


def _page(client, query="") -> str:
    response = client.get(URL + query)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_paper_consent_has_every_question_of_the_online_consent_forms(broker_bw, world):
    page = _page(broker_bw)
    online = [
        *question_labels(ReferralConsentForm(corporation=world.bw)),
        *question_labels(PairingConsentForm()),
        *question_labels(DreamShareForm(), only=(*CONTACT_FIELDS, "consent_wall")),
    ]
    assert "Welke gegevens mogen mee?" in online and "Wat mag de ervaringsdeskundige weten?" in online
    assert "Welzijn Almelo" in online  # the partners of Beter Wonen, to tick
    for label in online:
        assert label in page, label
    assert page.count("Handtekening") == 1 and "Datum" in page and "paper-tick" in page


def test_paper_consent_prints_the_current_consent_texts_word_for_word(broker_bw, world):
    consent_text_for("referral")
    newer = consent_text_publish(
        key="referral", title="Uw gegevens naar een partner", body="Nieuwe uitleg, versie twee."
    )
    page = _page(broker_bw)
    assert "Nieuwe uitleg, versie twee." in page and f"Uitleg versie {newer.version}" in page
    for key in (CONSENT_CONTACT_KEY, CONSENT_WALL_KEY, "pairing"):
        text = consent_text_for(key)
        assert text.title in page and text.body in page


def test_paper_consent_for_one_dream_prints_its_code(broker_bw, dream):
    page = _page(broker_bw, f"?droom={dream.reference}")
    assert dream.reference in page


def test_paper_consent_for_a_dream_of_another_corporation_is_hidden(broker_hw, dream):
    assert broker_hw.get(URL + f"?droom={dream.reference}").status_code == 404


def test_paper_consent_pdf(broker_bw, dream):
    response = broker_bw.get(reverse("droomhuis:paper_consent_pdf") + f"?droom={dream.reference}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert dream.reference in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("moderator_bw", 403), ("resident_hagedoorn", 403)]
)
def test_paper_consent_is_for_brokers(as_persona, persona, status):
    assert as_persona(persona).get(URL).status_code == status


def test_case_page_links_to_the_paper_consent_form(broker_bw, case):
    page = html.unescape(broker_bw.get(reverse("droomhuis:case", args=[case.reference])).content.decode())
    assert f"{URL}?droom={case.reference}" in page


def test_dream_paper_form_has_every_question_of_the_share_form(anonymous, world):
    response = anonymous.get(reverse("droomhuis:paper"))
    page = html.unescape(response.content.decode())
    form = DreamShareForm()
    labels = question_labels(form)
    assert "Uw droom, in uw eigen woorden" in labels and "Hagedoorn" in " ".join(labels)
    for name, field in form.fields.items():
        if name not in SKIP_FIELDS and not field.widget.is_hidden:
            assert str(field.label) in labels, name
    for label in labels:
        assert label in page, label
    for key in (CONSENT_CONTACT_KEY, CONSENT_WALL_KEY):
        assert consent_text_for(key).body in page
    assert 'name="website"' not in page


def test_dream_paper_form_as_pdf(anonymous, world):
    response = anonymous.get(reverse("droomhuis:paper_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "Uw droom, in uw eigen woorden" in text and "dromenmuur" in text


def test_broker_pages_link_to_the_paper_forms(broker_bw):
    for name in ("queue", "intake"):
        page = broker_bw.get(reverse(f"droomhuis:{name}")).content.decode()
        assert reverse("droomhuis:paper") in page and URL in page, name
