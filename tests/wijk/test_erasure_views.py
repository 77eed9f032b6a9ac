"""Forget-me pages: the resident themselves, staff of the resident's corporation, a dream by its code."""

import pytest
from django.urls import reverse

from droomhuis import services as dream_services
from droomhuis.models import Dream
from wijk.choices import Channel
from wijk.models import ErasureRecord, Resident, User

pytestmark = pytest.mark.django_db


def test_the_data_page_links_to_forget_me(resident_zuidwijk, broker_bw, world):
    assert reverse("wijk:forget_me") in resident_zuidwijk.get(reverse("wijk:my_data")).content.decode()
    staff_page = broker_bw.get(reverse("wijk:resident_data", args=[world.residents.hagedoorn.uid]))
    assert reverse("wijk:resident_forget", args=[world.residents.hagedoorn.uid]) in staff_page.content.decode()


def test_a_resident_sees_what_will_happen_and_must_tick_the_box(resident_zuidwijk, world):
    page = resident_zuidwijk.get(reverse("wijk:forget_me"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Vergeet mij" in text and "Zonder naam: 1" in text
    response = resident_zuidwijk.post(reverse("wijk:forget_me"), {"publications": "anonymise"})
    assert response.status_code == 400 and "Zet eerst een vinkje" in response.content.decode()
    world.residents.zuidwijk.refresh_from_db()
    assert world.residents.zuidwijk.erased_at is None and ErasureRecord.objects.count() == 0


def test_a_resident_forgets_themselves_and_is_logged_out(resident_zuidwijk, world):
    response = resident_zuidwijk.post(reverse("wijk:forget_me"), {"publications": "withdraw", "confirm": "on"})
    assert response.status_code == 200 and "Wij zijn u vergeten" in response.content.decode()
    resident = Resident.objects.get(pk=world.residents.zuidwijk.pk)
    assert resident.erased_at is not None and resident.first_name == "" and resident.email == ""
    assert not User.objects.filter(email="bewoner@zuidwijk.test").exists()
    assert resident_zuidwijk.get(reverse("wijk:my_data")).status_code == 302  # logged out
    tombstone = ErasureRecord.objects.get()
    assert tombstone.role == "resident" and tombstone.carried_out_by is None and tombstone.channel == Channel.ONLINE


def test_forget_me_is_never_done_on_get(resident_zuidwijk, world):
    resident_zuidwijk.get(reverse("wijk:forget_me") + "?confirm=on&publications=withdraw")
    world.residents.zuidwijk.refresh_from_db()
    assert world.residents.zuidwijk.erased_at is None


def test_staff_of_the_residents_corporation_carry_out_a_phone_request(broker_bw, world):
    resident = world.residents.hagedoorn
    url = reverse("wijk:resident_forget", args=[resident.uid])
    assert broker_bw.get(url).status_code == 200
    response = broker_bw.post(url, {"publications": "anonymise", "channel": Channel.PHONE, "confirm": "on"})
    assert response.status_code == 200 and "De bewoner is vergeten" in response.content.decode()
    resident.refresh_from_db()
    assert resident.erased_at is not None and resident.first_name == ""
    tombstone = ErasureRecord.objects.get()
    assert tombstone.role == "broker" and tombstone.channel == Channel.PHONE
    assert tombstone.carried_out_by == world.users.broker_bw and tombstone.neighbourhood == world.hagedoorn
    assert broker_bw.get(reverse("wijk:resident_forget", args=[resident.uid])).status_code == 404


def test_staff_must_tick_the_box_too(moderator_bw, world):
    url = reverse("wijk:resident_forget", args=[world.residents.hagedoorn.uid])
    response = moderator_bw.post(url, {"publications": "anonymise", "channel": Channel.PHONE})
    assert response.status_code == 400
    world.residents.hagedoorn.refresh_from_db()
    assert world.residents.hagedoorn.erased_at is None


@pytest.mark.parametrize("persona", ["moderator_hw", "resident_zuidwijk", "expert_bw", "partner_welzijn"])
def test_others_cannot_forget_someone_else(as_persona, world, persona):
    url = reverse("wijk:resident_forget", args=[world.residents.hagedoorn.uid])
    client = as_persona(persona)
    assert client.get(url).status_code == 404
    data = {"publications": "anonymise", "channel": Channel.PHONE, "confirm": "on"}
    assert client.post(url, data).status_code == 404
    world.residents.hagedoorn.refresh_from_db()
    assert world.residents.hagedoorn.erased_at is None


def test_anonymous_visitors_are_asked_to_log_in(anonymous, world):
    assert anonymous.get(reverse("wijk:forget_me")).status_code == 302
    url = reverse("wijk:resident_forget", args=[world.residents.hagedoorn.uid])
    response = anonymous.post(url, {"publications": "anonymise", "channel": Channel.PHONE, "confirm": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def mira_dream(world):
    """A dream shared without an account: Mira only left a phone number."""
    return dream_services.dream_submit(
        neighbourhood=world.hagedoorn,
        text="Mira wil een bankje bij de speeltuin.",
        consent_contact=True,
        consent_wall=False,
        first_name="Mira",
        phone="0546 111 222",
    )


def test_the_follow_page_links_to_forget_my_dream(anonymous, mira_dream):
    page = anonymous.get(reverse("droomhuis:follow", args=[mira_dream.reference]))
    assert reverse("droomhuis:forget", args=[mira_dream.reference]) in page.content.decode()


def test_forget_my_dream_shows_what_happens_then_forgets_the_dream_and_the_lone_resident(anonymous, mira_dream):
    url = reverse("droomhuis:forget", args=[mira_dream.reference])
    page = anonymous.get(url)
    assert page.status_code == 200 and "Zonder naam: 1" in page.content.decode()
    assert anonymous.post(url, {}).status_code == 400
    assert Dream.objects.get(pk=mira_dream.pk).anonymised_at is None
    response = anonymous.post(url, {"confirm": "on"})
    assert response.status_code == 200 and "Wij zijn uw droom vergeten" in response.content.decode()
    dream = Dream.objects.get(pk=mira_dream.pk)
    assert dream.anonymised_at is not None and dream.text == ""
    resident = Resident.objects.get(pk=mira_dream.resident_id)
    assert resident.erased_at is not None and resident.phone == "" and resident.first_name == ""
    assert anonymous.get(reverse("droomhuis:follow", args=[mira_dream.reference])).status_code == 404
    tombstone = ErasureRecord.objects.get()
    assert tombstone.scope == "dream" and tombstone.counts["droomhuis.Dream"] == {"anonymised": 1}


def test_forget_my_dream_keeps_the_resident_who_has_more(anonymous, world):
    dream = dream_services.dream_submit(
        neighbourhood=world.hagedoorn,
        text="Een moestuin.",
        consent_contact=True,
        consent_wall=False,
        user=world.users.resident_hagedoorn,
    )
    anonymous.post(reverse("droomhuis:forget", args=[dream.reference]), {"confirm": "on"})
    assert Dream.objects.get(pk=dream.pk).anonymised_at is not None
    world.residents.hagedoorn.refresh_from_db()
    assert world.residents.hagedoorn.erased_at is None and world.residents.hagedoorn.first_name == "Henk"


def test_a_dream_on_legal_hold_is_kept(anonymous, mira_dream):
    Dream.objects.filter(pk=mira_dream.pk).update(legal_hold=True)
    url = reverse("droomhuis:forget", args=[mira_dream.reference])
    assert "Bewaard: 1" in anonymous.get(url).content.decode()
    anonymous.post(url, {"confirm": "on"})
    dream = Dream.objects.get(pk=mira_dream.pk)
    assert dream.anonymised_at is None and "bankje" in dream.text
    assert dream.resident.first_name == "Mira"
