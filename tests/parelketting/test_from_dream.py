"""A proposal handed over to the on-behalf pearl form: by a dream broker for a resident of their own
corporation, prefilled from the query string or from a handover POST, and stored as a submitted pearl."""

import pytest
from django.urls import reverse

from parelketting.choices import PearlStatus
from parelketting.models import Pearl
from tests.factories import ResidentFactory, RoleFactory, UserFactory
from wijk.choices import RoleKind

URL = reverse("parelketting:new_on_behalf")
BACK = "/droomhuis/makelaar/ABC/"


def handover(resident, **extra):
    data = {
        "overdracht": "1",
        "bewoner": str(resident.uid),
        "titel": "Een moestuin achter de flat",
        "verhaal": "Buren zaaien samen sla en bonen.",
        "thema": ["groen", "ontmoeting"],
        "terug": BACK,
    }
    data.update(extra)
    return data


def submission(resident, **extra):
    data = {
        "bewoner": str(resident.uid),
        "terug": BACK,
        "kind": "place",
        "title": "De moestuin achter de flat",
        "story": "Buren zaaien samen sla en bonen.",
        "themes": [],
        "street": "Vlierstraat",
        "location_description": "",
        "namens-resident": resident.pk,
        "namens-submitted_via": "in_person",
        "namens-consent_method": "in_person",
    }
    data.update(extra)
    return data


def test_handover_post_prefills_and_stores_nothing(broker_bw, world):
    henk = world.residents.hagedoorn
    response = broker_bw.post(URL, handover(henk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Een moestuin achter de flat"' in html
    assert "Buren zaaien samen sla en bonen." in html
    form = response.context["form"]
    assert not form.is_bound
    assert {t.slug for t in form.initial["themes"]} == {"groen", "ontmoeting"}
    behalf = response.context["behalf"]
    assert list(behalf.fields["resident"].queryset) == [henk]
    assert "partner" not in behalf.fields and "new_first_name" not in behalf.fields
    assert f'name="bewoner" value="{henk.uid}"' in html
    assert f'name="terug" value="{BACK}"' in html
    assert "namens Henk in de wijk Hagedoorn" in html
    assert not Pearl.objects.exists()


def test_query_string_prefills_too(broker_bw, world):
    henk = world.residents.hagedoorn
    response = broker_bw.get(
        URL, {"bewoner": str(henk.uid), "titel": "Bankje bij school", "soort": "place", "kanaal": "phone"}
    )
    assert response.status_code == 200
    assert response.context["form"].initial["title"] == "Bankje bij school"
    assert response.context["form"].initial["kind"] == "place"
    assert response.context["behalf"].initial["submitted_via"] == "phone"


def test_too_long_title_is_shortened_to_fit(broker_bw, world):
    response = broker_bw.post(URL, handover(world.residents.hagedoorn, titel="woord " * 50))
    assert len(response.context["form"].initial["title"]) == 120


def test_broker_submits_a_pearl_on_behalf_of_the_resident(broker_bw, world):
    henk = world.residents.hagedoorn
    response = broker_bw.post(URL, submission(henk))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == BACK
    pearl = Pearl.objects.get()
    assert pearl.status == PearlStatus.SUBMITTED
    assert pearl.submitter == henk
    assert pearl.neighbourhood == world.hagedoorn
    assert pearl.created_by == world.users.broker_bw
    assert pearl.submitted_via == "in_person" and pearl.consent_method == "in_person"


def test_the_pearl_lands_in_the_corporations_moderation_queue(broker_bw, moderator_bw, moderator_hw, world):
    assert broker_bw.post(URL, submission(world.residents.hagedoorn)).status_code == 302
    pearl = Pearl.objects.get()
    from parelketting.permissions import moderated_pearls

    assert list(moderated_pearls(world.users.moderator_bw)) == [pearl]
    assert not moderated_pearls(world.users.moderator_hw).exists()


def test_the_broker_must_choose_how_the_resident_said_yes(broker_bw, world):
    henk = world.residents.hagedoorn
    handed = broker_bw.post(URL, handover(henk)).content.decode()
    assert "Kies hoe de bewoner ja zei" in handed
    response = broker_bw.post(URL, submission(henk, **{"namens-consent_method": ""}))
    assert response.status_code == 200
    assert "Kies hoe de bewoner ja zei." in response.content.decode()
    assert 'value="De moestuin achter de flat"' in response.content.decode()
    assert not Pearl.objects.exists()


def test_broker_cannot_swap_in_another_resident_or_a_partner_offer(broker_bw, world):
    henk = world.residents.hagedoorn
    other = ResidentFactory(neighbourhood=world.hagedoorn, first_name="Els")
    swapped = broker_bw.post(URL, submission(henk, **{"namens-resident": other.pk}))
    assert swapped.status_code == 200 and "resident" in swapped.context["behalf"].errors
    offer = broker_bw.post(URL, submission(henk, kind="partner_offer"))
    assert offer.status_code == 200 and "kind" in offer.context["form"].errors
    assert not Pearl.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("resident_hagedoorn", 403),
        ("expert_bw", 403),
        ("partner_welzijn", 403),
        ("broker_bw", 200),
        ("moderator_bw", 200),
        ("moderator_hw", 404),
    ],
)
def test_who_may_open_a_handover_for_a_hagedoorn_resident(as_persona, world, persona, expected):
    response = as_persona(persona).post(URL, handover(world.residents.hagedoorn))
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    assert not Pearl.objects.exists()


def test_a_broker_of_another_corporation_gets_a_404_and_stores_nothing(world):
    from django.test import Client

    broker_hw = UserFactory(email="makelaar@hw.test")
    RoleFactory(user=broker_hw, organisation=world.hw, kind=RoleKind.BROKER)
    client = Client()
    client.force_login(broker_hw)
    henk = world.residents.hagedoorn
    assert client.post(URL, handover(henk)).status_code == 404
    assert client.get(URL, {"bewoner": str(henk.uid)}).status_code == 404
    assert client.post(URL, submission(henk)).status_code == 404
    assert not Pearl.objects.exists()
    # Their own corporation's resident is fine.
    assert client.post(URL, handover(world.residents.zuidwijk)).status_code == 200


def test_a_broker_needs_a_resident_handed_over(broker_bw):
    assert broker_bw.get(URL).status_code == 403
    assert broker_bw.get(URL, {"bewoner": "geen-kenmerk"}).status_code == 404


def test_a_broker_tied_to_one_neighbourhood_only_proposes_there(world):
    from django.test import Client

    from tests.factories import NeighbourhoodFactory

    other_hood = NeighbourhoodFactory(slug="schelfhorst", name="Schelfhorst", corporation=world.bw)
    outside = ResidentFactory(neighbourhood=other_hood, first_name="Rik")
    user = UserFactory(email="makelaar-hagedoorn@bw.test")
    RoleFactory(user=user, organisation=world.bw, kind=RoleKind.BROKER, neighbourhood=world.hagedoorn)
    client = Client()
    client.force_login(user)
    assert client.post(URL, handover(world.residents.hagedoorn)).status_code == 200
    assert client.post(URL, handover(outside)).status_code == 404


def test_an_outside_back_address_is_ignored(broker_bw, world):
    response = broker_bw.post(URL, submission(world.residents.hagedoorn, terug="https://example.com/"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wijk:home")


def test_a_moderator_gets_the_full_form_with_the_resident_chosen(moderator_bw, world):
    henk = world.residents.hagedoorn
    response = moderator_bw.get(URL, {"bewoner": str(henk.uid), "titel": "Het bankje"})
    behalf = response.context["behalf"]
    assert behalf.initial["resident"] == henk.pk
    assert "new_first_name" in behalf.fields and "partner" in behalf.fields
    assert response.context["form"].initial["title"] == "Het bankje"
