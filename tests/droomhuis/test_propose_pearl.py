"""A realised dream proposed as a pearl: the button on the broker's case page, only with the resident's
consent to show the dream and only for the case owner; the handover lands in the pearl moderation queue."""

import re
from html import unescape

import pytest
from django.urls import reverse

from droomhuis import services
from parelketting.choices import PearlStatus
from parelketting.models import Pearl
from wijk.choices import Channel, DataCategory, Purpose
from wijk.models import ConsentRecord
from wijk.services import consent_withdraw

BUTTON = "Stel voor als parel"
NO_CONSENT = "De bewoner gaf geen toestemming om de droom te laten zien."


def realise(world, dream, *, outcome="Een moestuin achter de flat", story="Buren zaaien samen sla en bonen."):
    broker = world.users.broker_bw
    for target in ["picking_up", "in_conversation", "realised"]:
        services.dream_transition(dream=dream, to_status=target, actor=broker, expected_version=dream.version)
    if outcome:
        services.dream_outcome_record(
            dream=dream,
            actor=broker,
            expected_version=dream.version,
            outcome=outcome,
            story=story,
            propose_for_wall=False,
        )
    dream.refresh_from_db()
    return dream


def case_url(dream):
    return reverse("droomhuis:case", kwargs={"reference": dream.reference})


def hidden_fields(html):
    """The handover form's hidden inputs, as the browser would send them."""
    form = html[html.index('action="' + reverse("parelketting:new_on_behalf")) :]
    form = form[: form.index("</form>")]
    pairs = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(unescape(value))
    return data


@pytest.fixture
def realised_with_consent(world, make_dream):
    dream = make_dream(consent_wall=True, themes=[world.themes["groen"]])
    return realise(world, dream)


def test_owner_sees_the_button_with_the_dreams_text(broker_bw, realised_with_consent):
    html = broker_bw.get(case_url(realised_with_consent)).content.decode()
    assert BUTTON in html
    fields = hidden_fields(html)
    assert fields["overdracht"] == ["1"]
    assert fields["bewoner"] == [str(realised_with_consent.resident.uid)]
    assert fields["titel"] == ["Een moestuin achter de flat"]
    assert fields["verhaal"] == ["Buren zaaien samen sla en bonen."]
    assert fields["thema"] == ["groen"]
    assert fields["terug"] == [case_url(realised_with_consent)]
    assert "csrfmiddlewaretoken" in fields


def test_no_button_without_consent_and_the_page_says_why(broker_bw, world, make_dream):
    dream = realise(world, make_dream(consent_wall=False))
    html = broker_bw.get(case_url(dream)).content.decode()
    assert BUTTON not in html
    assert NO_CONSENT in html


def test_a_withdrawn_consent_removes_the_button_at_once(broker_bw, realised_with_consent):
    consent = ConsentRecord.objects.get(resident=realised_with_consent.resident, purpose=Purpose.DREAM_WALL)
    consent_withdraw(consent=consent, method=Channel.PHONE)
    html = broker_bw.get(case_url(realised_with_consent)).content.decode()
    assert BUTTON not in html and NO_CONSENT in html


def test_no_button_before_the_dream_is_realised(broker_bw, world, make_dream):
    dream = make_dream(consent_wall=True)
    services.dream_transition(
        dream=dream, to_status="picking_up", actor=world.users.broker_bw, expected_version=dream.version
    )
    html = broker_bw.get(case_url(dream)).content.decode()
    assert BUTTON not in html and "Voorstellen als parel" not in html


def test_no_button_before_the_outcome_is_written(broker_bw, world, make_dream):
    dream = realise(world, make_dream(consent_wall=True), outcome="")
    html = broker_bw.get(case_url(dream)).content.decode()
    assert BUTTON not in html
    assert "Schrijf eerst op wat er gelukt is" in html


def test_only_the_case_owner_gets_the_button(broker_bw2, realised_with_consent):
    html = broker_bw2.get(case_url(realised_with_consent)).content.decode()
    assert BUTTON not in html
    assert "Alleen de droommakelaar van deze droom" in html


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("resident_hagedoorn", 403), ("moderator_bw", 403), ("partner_welzijn", 403)],
)
def test_others_never_reach_the_case_page(as_persona, realised_with_consent, persona, expected):
    assert as_persona(persona).get(case_url(realised_with_consent)).status_code == expected


def test_a_broker_of_the_other_corporation_sees_no_case_and_cannot_hand_over(broker_hw, realised_with_consent):
    assert broker_hw.get(case_url(realised_with_consent)).status_code == 404
    data = {
        "overdracht": "1",
        "bewoner": str(realised_with_consent.resident.uid),
        "titel": realised_with_consent.outcome,
    }
    assert broker_hw.post(reverse("parelketting:new_on_behalf"), data).status_code == 404


def test_from_case_page_to_a_submitted_pearl(broker_bw, world, realised_with_consent):
    """The whole way: the button's hidden fields open the prefilled form; sending it stores the pearl."""
    dream = realised_with_consent
    fields = hidden_fields(broker_bw.get(case_url(dream)).content.decode())
    fields.pop("csrfmiddlewaretoken")
    form_page = broker_bw.post(reverse("parelketting:new_on_behalf"), fields)
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert 'value="Een moestuin achter de flat"' in html
    assert "Buren zaaien samen sla en bonen." in html
    assert not Pearl.objects.exists()

    form = form_page.context["form"]
    data = {
        "bewoner": str(dream.resident.uid),
        "terug": case_url(dream),
        "kind": "person",
        "title": form.initial["title"],
        "story": form.initial["story"],
        "themes": [t.pk for t in form.initial["themes"]],
        "meeting_place": "",
        "namens-resident": dream.resident.pk,
        "namens-submitted_via": "phone",
        "namens-consent_method": "phone",
    }
    done = broker_bw.post(reverse("parelketting:new_on_behalf"), data)
    assert done.status_code == 302
    assert done["Location"] == case_url(dream)
    pearl = Pearl.objects.get()
    assert pearl.status == PearlStatus.SUBMITTED
    assert pearl.submitter == dream.resident
    assert pearl.neighbourhood == dream.neighbourhood
    assert pearl.created_by == world.users.broker_bw
    assert pearl.submitted_via == "phone" and pearl.consent_method == "phone"
    assert pearl.title == "Een moestuin achter de flat"
    assert [t.slug for t in pearl.themes.all()] == ["groen"]
    # No name is shown with the pearl unless the resident said yes to that as well.
    assert not ConsentRecord.objects.filter(
        resident=dream.resident, category=DataCategory.FIRST_NAME, purpose=Purpose.PUBLICATION
    ).exists()
    back = broker_bw.get(done["Location"]).content.decode()
    assert "Hij staat nu in de wachtrij." in back


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_by_keyboard_from_case_to_pearl(live_server, page, world, make_dream):
    """The owner reaches the button with Tab, checks the prefilled form, and sends it. axe-core on both pages."""
    from tests.browser import assert_accessible, log_in
    from tests.droomhuis.test_browser import tab_to

    dream = realise(world, make_dream(consent_wall=True, themes=[world.themes["groen"]]))
    log_in(page, live_server, world.users.broker_bw)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + case_url(dream))
    assert_accessible(page)
    tab_to(page, "button[aria-describedby='dh-pearl-help']", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/parelketting/namens-bewoner/"))
    assert page.get_by_label("Geef uw parel een korte naam").input_value() == "Een moestuin achter de flat"
    assert page.get_by_label("Groen", exact=True).is_checked()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert_accessible(page)
    page.get_by_label("Hoe zei de bewoner ja tegen plaatsen?").select_option("phone")
    page.get_by_label("In welke straat is het?").select_option("Vlierstraat")
    page.get_by_role("button", name="Parel versturen").click()
    page.wait_for_url(re.compile(r"/droomhuis/makelaar/"))
    assert "Hij staat nu in de wachtrij." in page.content()
    pearl = Pearl.objects.get()
    assert pearl.status == PearlStatus.SUBMITTED and pearl.submitter == dream.resident
