"""Paper versions of the pearl and sign-up forms hold every question of the online form; staff type a paper
sign-up in for a known or a new resident, and that is recorded as paper, by whom."""

import html
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lib.paper import SKIP_FIELDS, question_labels
from parelketting.choices import SignUpStatus
from parelketting.forms import PearlForm
from parelketting.models import Pearl, SignUp
from parelketting.paper_forms import PaperSignUpEntryForm, SignUpQuestionsForm
from wijk.models import Resident

from .test_views import _place_data

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_paper_pearl_form_has_every_question_of_the_online_form(anonymous, world, make_pearl):
    make_pearl(title="Het bankje bij de vijver")  # a meeting place to choose on paper
    page = _text(anonymous.get(reverse("parelketting:paper_pearl") + "?wijk=zuidwijk"))
    labels = question_labels(PearlForm(neighbourhood=world.zuidwijk))
    assert "Geef uw parel een korte naam" in labels and "Wat voor parel is het?" in labels
    for label in labels:
        assert label in page, label
    # The online form's choices, printed as tick boxes: the streets, the themes, the meeting places.
    for text in ("Spui", "Oranjestraat", "Groen", "Het bankje bij de vijver", "Handtekening", "css/paper.css"):
        assert text in page
    assert 'name="website"' not in page and "Website" not in page  # no honeypot on paper


def test_every_online_pearl_field_is_on_paper_except_hidden_and_honeypot(world):
    form = PearlForm(neighbourhood=world.zuidwijk)
    printed = {q for q in question_labels(form)}
    for name, field in form.fields.items():
        if name in SKIP_FIELDS or field.widget.is_hidden:
            continue
        assert str(field.label) in printed, name


def test_paper_pearl_asks_for_the_neighbourhood_first(anonymous, world):
    page = _text(anonymous.get(reverse("parelketting:paper_pearl")))
    assert "kies uw wijk" in page and "?wijk=zuidwijk" in page and "?wijk=hagedoorn" in page
    assert anonymous.get(reverse("parelketting:paper_pearl") + "?wijk=bestaat-niet").status_code == 404


def test_paper_pearl_for_a_resident_uses_their_own_neighbourhood(resident_hagedoorn, world):
    page = _text(resident_hagedoorn.get(reverse("parelketting:paper_pearl")))
    assert "Sleedoornstraat" in page and "Spui" not in page


def test_paper_pearl_pdf(anonymous, world):
    response = anonymous.get(reverse("parelketting:paper_pearl_pdf") + "?wijk=zuidwijk")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    for label in ("Geef uw parel een korte naam", "Vertel erover in uw eigen woorden", "Handtekening", "Spui"):
        assert label in text, label
    assert anonymous.get(reverse("parelketting:paper_pearl_pdf"))["Location"] == reverse("parelketting:paper_pearl")


def test_paper_signup_prints_the_activity_and_every_question(anonymous, make_activity):
    activity = make_activity(title="Samen breien")
    page = _text(anonymous.get(reverse("parelketting:paper_signup", kwargs={"uid": activity.uid})))
    assert "Ik kom: Samen breien" in page and "Pop-up rommelruimte" in page and "Zuidwijk" in page
    for label in question_labels(SignUpQuestionsForm()):
        assert label in page, label
    # The staff entry form asks the same questions of a new resident.
    entry = PaperSignUpEntryForm(neighbourhood=activity.neighbourhood)
    assert set(question_labels(SignUpQuestionsForm())) <= {str(f.label) for f in entry.fields.values()}
    pdf = anonymous.get(reverse("parelketting:paper_signup_pdf", kwargs={"uid": activity.uid}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_blank_paper_signup_has_lines_for_the_activity(anonymous, world):
    page = _text(anonymous.get(reverse("parelketting:paper_signup_blank")))
    assert "Naam van de activiteit" in page and "Op welke dag is het?" in page
    for label in question_labels(SignUpQuestionsForm()):
        assert label in page, label
    pdf = anonymous.get(reverse("parelketting:paper_signup_blank_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_no_paper_signup_for_a_proposal(anonymous, make_activity):
    activity = make_activity(publish=False)
    assert anonymous.get(reverse("parelketting:paper_signup", kwargs={"uid": activity.uid})).status_code == 404


def test_online_pages_link_to_the_paper_versions(resident_zuidwijk, moderator_hw, make_activity):
    activity = make_activity()
    page = resident_zuidwijk.get(activity.get_absolute_url()).content.decode()
    assert reverse("parelketting:paper_signup", kwargs={"uid": activity.uid}) in page
    assert reverse("parelketting:paper_signup_entry", kwargs={"uid": activity.uid}) not in page
    staff_page = moderator_hw.get(activity.get_absolute_url()).content.decode()
    assert reverse("parelketting:paper_signup_entry", kwargs={"uid": activity.uid}) in staff_page
    assert reverse("parelketting:paper_pearl") in resident_zuidwijk.get(reverse("parelketting:new")).content.decode()
    programme = resident_zuidwijk.get(reverse("parelketting:programme")).content.decode()
    assert reverse("parelketting:paper_signup_blank") in programme
    on_behalf = moderator_hw.get(reverse("parelketting:activity_on_behalf", kwargs={"uid": activity.uid}))
    assert reverse("parelketting:paper_signup_entry", kwargs={"uid": activity.uid}) in on_behalf.content.decode()
    behalf = moderator_hw.get(reverse("parelketting:new_on_behalf")).content.decode()
    assert reverse("parelketting:paper_pearl") in behalf and reverse("parelketting:poster") in behalf


def test_staff_type_in_a_paper_signup_for_a_new_resident(moderator_hw, make_activity, world):
    activity = make_activity()
    url = reverse("parelketting:paper_signup_entry", kwargs={"uid": activity.uid})
    assert "Een nieuwe bewoner" in moderator_hw.get(url).content.decode()
    response = moderator_hw.post(
        url, {"resident": "", "channel": "paper", "first_name": "Truus", "postal_address": "Spui 3"}
    )
    assert response.status_code == 302
    signup = SignUp.objects.get(activity=activity)
    resident = signup.resident
    assert (signup.channel, signup.created_by, signup.status) == (
        "paper",
        world.users.moderator_hw,
        SignUpStatus.CONFIRMED,
    )
    assert (resident.first_name, resident.postal_address, resident.neighbourhood) == ("Truus", "Spui 3", world.zuidwijk)
    assert (resident.created_via, resident.created_by) == ("paper", world.users.moderator_hw)


def test_staff_type_in_a_paper_signup_for_a_known_resident(moderator_hw, make_activity, world):
    activity = make_activity()
    known = world.residents.zuidwijk
    url = reverse("parelketting:paper_signup_entry", kwargs={"uid": activity.uid})
    count = Resident.objects.count()
    assert moderator_hw.post(url, {"resident": known.pk, "channel": "phone"}).status_code == 302
    signup = SignUp.objects.get(activity=activity)
    assert signup.resident == known and signup.channel == "phone" and Resident.objects.count() == count


def test_paper_signup_entry_needs_a_name_or_a_resident(moderator_hw, make_activity):
    activity = make_activity()
    url = reverse("parelketting:paper_signup_entry", kwargs={"uid": activity.uid})
    response = moderator_hw.post(url, {"resident": "", "channel": "paper", "first_name": " "})
    assert response.status_code == 200 and "vul de voornaam van een nieuwe bewoner in" in response.content.decode()
    assert not SignUp.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("moderator_bw", 403), ("broker_bw", 403), ("resident_zuidwijk", 403), ("superuser", 200)],
)
def test_paper_signup_entry_is_for_moderators_of_the_corporation(as_persona, make_activity, persona, status):
    activity = make_activity()
    url = reverse("parelketting:paper_signup_entry", kwargs={"uid": activity.uid})
    assert as_persona(persona).get(url).status_code == status
    assert as_persona("anonymous").get(url).status_code == 302


def on_behalf(**new):
    data = _place_data(street="Spui", title="Bankje van Gerrit")
    data.update(
        {
            "namens-resident": "",
            "namens-new_first_name": "Gerrit",
            "namens-submitted_via": "paper",
            "namens-consent_method": "paper",
            **{f"namens-new_{key}": value for key, value in new.items()},
        }
    )
    return data


def test_a_paper_pearl_from_someone_who_wants_a_call_is_typed_in_with_the_phone_number(moderator_hw, world):
    url = reverse("parelketting:new_on_behalf")
    response = moderator_hw.post(url, on_behalf(contact_preference="phone", phone=""))
    assert response.status_code == 200 and not Pearl.objects.exists()
    assert "de bewoner koos deze manier" in response.content.decode()
    response = moderator_hw.post(url, on_behalf(contact_preference="phone", phone="0186 123 456"))
    assert response.status_code == 302, response.content.decode()[:2000]
    gerrit = Resident.objects.get(first_name="Gerrit")
    assert (gerrit.contact_preference, gerrit.phone, gerrit.email) == ("phone", "0186 123 456", "")
    assert Pearl.objects.get().submitter == gerrit


def test_a_paper_pearl_from_someone_who_wants_a_letter_keeps_the_address(moderator_hw, world):
    response = moderator_hw.post(
        reverse("parelketting:new_on_behalf"),
        on_behalf(contact_preference="letter", postal_address="Spui 3\n3262 AA Oud-Beijerland"),
    )
    assert response.status_code == 302
    gerrit = Resident.objects.get(first_name="Gerrit")
    assert gerrit.contact_preference == "letter" and gerrit.postal_address.startswith("Spui 3")
