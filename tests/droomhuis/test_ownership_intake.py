"""Ownership and intake: "Oppakken" and its lost race, a dream taken in during a call, choosing an existing
resident at intake (and the duplicate warning), and what counts as first contact."""

from django.urls import reverse
from django.utils import timezone

from droomhuis import services
from droomhuis.models import ContactAttempt, Dream
from droomhuis.workflow import DreamStatus
from tests.factories import ResidentFactory
from wijk.choices import Channel, ContactPreference
from wijk.models import AccessLogEntry, Resident

from .conftest import picked_up


def case_url(dream, action=""):
    name = f"droomhuis:case_{action}" if action else "droomhuis:case"
    return reverse(name, args=[dream.reference])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- Oppakken ---------------------------------------------------------------------------------------------------


def test_pick_up_button_makes_the_dream_mine(broker_bw, world, dream):
    page = broker_bw.get(case_url(dream)).content.decode()
    assert case_url(dream, "pickup") in page and "Oppakken" in page
    response = broker_bw.post(case_url(dream, "pickup"), follow=True)
    dream.refresh_from_db()
    assert dream.status == DreamStatus.PICKING_UP and dream.owner == world.users.broker_bw
    assert "U heeft deze droom opgepakt." in messages_of(response)[0]
    assert AccessLogEntry.objects.filter(detail="opgepakt", user=world.users.broker_bw).exists()
    assert case_url(dream, "pickup") not in response.content.decode()  # no button once it has an owner


def test_second_broker_loses_the_race_and_reads_who_has_it(broker_bw, broker_bw2, world, dream):
    stale_version = dream.version
    assert broker_bw2.post(case_url(dream, "pickup")).status_code == 302
    response = broker_bw.post(case_url(dream, "pickup"), follow=True)
    dream.refresh_from_db()
    assert dream.owner.email == "makelaar2@bw.test"  # the first one keeps it
    assert response.status_code == 200 and response.request["PATH_INFO"] == case_url(dream)
    assert messages_of(response) == ["Tweede Makelaar pakte deze droom net op. U ziet hieronder wat er nu staat."]
    # The same race through the status form: the status in words and who has it, never "picking_up".
    form = broker_bw.post(case_url(dream, "status"), {"version": stale_version, "to_status": "picking_up"})
    html = form.content.decode()
    assert form.status_code == 400
    assert "De droom staat nu op ‘Wordt opgepakt’ bij Tweede Makelaar." in html
    assert "picking_up is" not in html and "geen beschikbare keuze" not in html


def test_picking_up_again_says_it_is_already_yours(broker_bw, world, dream):
    picked_up(dream, world.users.broker_bw)
    response = broker_bw.post(case_url(dream, "pickup"), follow=True)
    assert messages_of(response) == ["U had deze droom al opgepakt."]


def test_pick_up_of_a_withdrawn_dream_names_the_status(broker_bw, world, dream):
    services.dream_transition(
        dream=dream, to_status="withdrawn", actor=None, expected_version=dream.version, reason="Belde af"
    )
    response = broker_bw.post(case_url(dream, "pickup"), follow=True)
    assert messages_of(response) == ["Deze droom is niet meer nieuw. De status is nu: Ingetrokken door de bewoner."]
    dream.refresh_from_db()
    assert dream.owner is None


def test_pick_up_service_refuses_a_stale_copy(world, dream, broker_bw2_user):
    stale = Dream.objects.get(pk=dream.pk)
    services.dream_pick_up(dream=dream, actor=broker_bw2_user)
    try:
        services.dream_pick_up(dream=stale, actor=world.users.broker_bw)
    except services.AlreadyTaken as taken:
        assert taken.dream.owner == broker_bw2_user
    else:
        raise AssertionError("the second pick-up must fail")


def test_pick_up_needs_a_broker_of_the_corporation(as_persona, dream, broker_hw):
    for persona, code in [("moderator_bw", 403), ("partner_welzijn", 403), ("resident_hagedoorn", 403)]:
        assert as_persona(persona).post(case_url(dream, "pickup")).status_code == code, persona
    assert broker_hw.post(case_url(dream, "pickup")).status_code == 404
    assert as_persona("anonymous").post(case_url(dream, "pickup")).status_code == 302
    assert as_persona("broker_bw").get(case_url(dream, "pickup")).status_code == 405
    dream.refresh_from_db()
    assert dream.status == DreamStatus.NEW


# --- intake -----------------------------------------------------------------------------------------------------

INTAKE = {
    "text": "Meneer belde: hij wil een jeu-de-boulesbaan.",
    "first_name": "Jan",
    "contact_preference": "phone",
    "phone": "0546 999 999",
    "consent_note": "Mondeling ja gezegd aan de telefoon",
}


def intake(client, world, follow=False, **data):
    return client.post(
        reverse("droomhuis:intake"), {**INTAKE, "neighbourhood": world.hagedoorn.pk, **data}, follow=follow
    )


def test_phone_intake_is_the_brokers_case_and_counts_as_first_contact(broker_bw, world):
    response = intake(broker_bw, world, channel=Channel.PHONE)
    dream = Dream.objects.get()
    assert response.status_code == 302
    assert dream.status == DreamStatus.PICKING_UP and dream.owner == world.users.broker_bw
    assert dream.first_contact_at is not None
    page = broker_bw.get(case_url(dream)).content.decode()
    assert "Nog niemand" not in page and "gedaan op" in page


def test_paper_intake_goes_to_the_new_dreams(broker_bw, world):
    response = intake(broker_bw, world, channel=Channel.PAPER, follow=True)
    dream = Dream.objects.get()
    assert dream.status == DreamStatus.NEW and dream.owner is None and dream.first_contact_at is None
    assert "staat bij de nieuwe dromen" in messages_of(response)[0]


def test_intake_search_finds_residents_of_the_own_corporation_only(broker_bw, world):
    known = ResidentFactory(
        neighbourhood=world.hagedoorn,
        first_name="Fatma",
        phone="06-12 34 56 78",
        postal_address="Vlierstraat 4\n7601 AB Almelo",
    )
    ResidentFactory(neighbourhood=world.zuidwijk, first_name="Fatma", phone="06 12345678")  # the other corporation
    url = reverse("droomhuis:intake")
    for term in ("fatma", "0612345678", "7601AB", "7601 ab"):
        found = broker_bw.get(url, {"zoek": term}).context["found"]
        assert found == [known], term
    assert broker_bw.get(url, {"zoek": "Nobody"}).context["found"] == []
    assert "Niemand gevonden" in broker_bw.get(url, {"zoek": "Nobody"}).content.decode()


def test_intake_for_a_chosen_resident_makes_no_duplicate(broker_bw, world):
    henk = world.residents.hagedoorn
    page = broker_bw.get(reverse("droomhuis:intake"), {"bewoner": henk.uid})
    assert page.context["resident"] == henk and "U voert een droom in voor Henk" in page.content.decode()
    before = Resident.objects.count()
    response = intake(
        broker_bw, world, channel=Channel.IN_PERSON, resident=henk.uid, first_name="", phone="0546 111 222"
    )
    assert response.status_code == 302
    dream = Dream.objects.get()
    assert dream.resident == henk and Resident.objects.count() == before
    henk.refresh_from_db()
    assert henk.phone == "0546 111 222"  # the new number from the conversation is kept


def test_intake_cannot_choose_a_resident_of_the_other_corporation(broker_bw, world):
    ans = world.residents.zuidwijk
    assert broker_bw.get(reverse("droomhuis:intake"), {"bewoner": ans.uid}).status_code == 404
    assert intake(broker_bw, world, channel=Channel.PHONE, resident=ans.uid).status_code == 404
    assert broker_bw.get(reverse("droomhuis:intake"), {"bewoner": "geen-uuid"}).status_code == 404
    assert not Dream.objects.exists()


def test_intake_warns_about_a_likely_duplicate_before_saving(broker_bw, world):
    known = ResidentFactory(neighbourhood=world.hagedoorn, first_name="Jan", phone="+31 546 999 999")
    warned = intake(broker_bw, world, channel=Channel.PHONE)
    assert warned.status_code == 200 and not Dream.objects.exists()
    assert warned.context["duplicates"] == [known]
    assert "Deze bewoner is misschien al bekend." in warned.content.decode()
    # Choosing the known resident from the warning saves the dream for them.
    assert intake(broker_bw, world, channel=Channel.PHONE, resident=known.uid).status_code == 302
    assert Dream.objects.get().resident == known
    # Or on purpose as a new resident.
    before = Resident.objects.count()
    assert intake(broker_bw, world, channel=Channel.PHONE, nieuwe_bewoner="1").status_code == 302
    assert Resident.objects.count() == before + 1
    assert Dream.objects.order_by("-pk").first().resident != known


# --- first contact ----------------------------------------------------------------------------------------------


def attempt(client, dream, reached):
    return client.post(
        case_url(dream, "contact"),
        {"channel": "phone", "reached": reached, "day": timezone.localdate().isoformat(), "part_of_day": "morning"},
        follow=True,
    )


def test_voicemail_and_no_answer_are_not_first_contact(broker_bw, world, dream):
    picked_up(dream, world.users.broker_bw)
    response = attempt(broker_bw, dream, "voicemail")
    assert "Dit telt nog niet als eerste contact" in messages_of(response)[0]
    attempt(broker_bw, dream, "0")
    dream.refresh_from_db()
    assert dream.first_contact_at is None
    voicemail = ContactAttempt.objects.filter(note__startswith="Ingesproken op de voicemail").get()
    assert voicemail.reached is False
    attempt(broker_bw, dream, "1")
    dream.refresh_from_db()
    assert dream.first_contact_at is not None


def test_a_message_for_someone_who_wants_a_call_is_not_first_contact(world, make_dream):
    phone_only = make_dream(contact_preference=ContactPreference.PHONE, phone="0546 123 456")
    services.resident_update_post(dream=phone_only, author=world.users.broker_bw, body="Wij bellen u.")
    phone_only.refresh_from_db()
    assert phone_only.first_contact_at is None
    by_mail = make_dream(contact_preference=ContactPreference.EMAIL, email="mira@example.org", phone="")
    services.resident_update_post(dream=by_mail, author=world.users.broker_bw, body="Wij mailen u.")
    by_mail.refresh_from_db()
    assert by_mail.first_contact_at is not None
