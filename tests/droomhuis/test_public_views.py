"""Residents share, follow and withdraw dreams without an account; the paper form and the dream wall."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from droomhuis import services
from droomhuis.models import Dream
from droomhuis.workflow import DreamStatus
from wijk.choices import DataCategory, Purpose
from wijk.models import ConsentRecord, ConsentText

from .conftest import picked_up

SHARE = reverse("droomhuis:share")


def form_data(world, **extra):
    data = {
        "text": "Een bankje bij de speeltuin.",
        "neighbourhood": world.hagedoorn.pk,
        "first_name": "",
        "alias": "Buurman",
        "contact_preference": "",
        "website": "",
    }
    data.update(extra)
    return data


def test_share_page_asks_the_question_with_unticked_consents(anonymous, world):
    response = anonymous.get(SHARE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Welke kansen ziet u vandaag om het wonen hier prettiger te maken?" in html
    assert "Mogen wij contact met u opnemen over uw droom?" in html and 'name="consent_wall"' in html
    no_contact = html.split('name="contact_preference" value=""')[1].split(">")[0]
    assert "checked" in no_contact  # the default answer is "no": nobody is contacted without choosing a way
    for way in ("phone", "email", "letter", "home_visit"):
        assert "checked" not in html.split(f'name="contact_preference" value="{way}"')[1].split(">")[0]
    assert "checked" not in html.split('name="consent_wall"')[1].split(">")[0]
    for forbidden in ("schuld", "inkomen", "ziekte"):
        assert forbidden not in html.lower()
    assert ConsentText.objects.filter(key=services.CONSENT_CONTACT_KEY).exists()


def test_anonymous_shares_a_dream_and_sees_code_and_date(anonymous, world):
    response = anonymous.post(
        SHARE,
        form_data(world, contact_preference="phone", phone="0546 111 222", consent_wall="on"),
    )
    dream = Dream.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("droomhuis:thanks", args=[dream.reference])
    thanks = anonymous.get(response.url).content.decode()
    assert dream.reference_display in thanks
    assert f"{dream.first_contact_due.day}" in thanks and "nemen wij contact met u op" in thanks
    assert dream.resident.alias == "Buurman" and dream.resident.phone == "0546 111 222"
    consents = ConsentRecord.objects.filter(resident=dream.resident)
    assert {(c.category, c.purpose) for c in consents} == {
        (DataCategory.CONTACT, Purpose.CONTACT),
        (DataCategory.DREAM, Purpose.DREAM_WALL),
    }


def test_thanks_page_only_for_the_sender_others_go_to_follow(anonymous, world, client):
    anonymous.post(SHARE, form_data(world))
    dream = Dream.objects.get()
    response = client.get(reverse("droomhuis:thanks", args=[dream.reference]))
    assert response.status_code == 302 and response.url == reverse("droomhuis:follow", args=[dream.reference])


def test_missing_contact_details_keep_what_was_typed(anonymous, world):
    response = anonymous.post(SHARE, form_data(world, contact_preference="email"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul uw e-mailadres in" in html
    assert "Een bankje bij de speeltuin." in html and 'value="Buurman"' in html
    assert not Dream.objects.exists()


def test_choosing_a_way_is_the_consent(anonymous, world):
    response = anonymous.post(SHARE, form_data(world, contact_preference="phone", phone="0546 111 222"))
    assert response.status_code == 302
    dream = Dream.objects.get()
    assert services.has_contact_consent(dream) and dream.resident.phone == "0546 111 222"


def test_a_phone_number_typed_with_no_contact_is_asked_about_not_dropped(anonymous, world):
    response = anonymous.post(SHARE, form_data(world, phone="0546 111 222"))
    html = response.content.decode()
    assert response.status_code == 200 and not Dream.objects.exists()
    assert "U vulde een telefoonnummer in. Mogen wij u bellen?" in html and 'value="0546 111 222"' in html


def test_a_detail_for_another_way_is_asked_about(anonymous, world):
    response = anonymous.post(
        SHARE, form_data(world, contact_preference="email", email="buur@example.test", phone="0546 111 222")
    )
    assert "U vulde ook een telefoonnummer in, maar koos een andere manier." in response.content.decode()
    assert not Dream.objects.exists()


def test_the_default_form_is_valid_logged_out_and_logged_in(anonymous, resident_zuidwijk, world):
    """Only a dream, nothing else touched: sent in one go, with or without an account (whose details are
    filled in but not "typed", so never asked about)."""
    resident = world.residents.hagedoorn
    resident.phone, resident.email = "0546 999 000", "henk@example.test"
    resident.save()
    from django.test import Client

    henk = Client()
    henk.force_login(world.users.resident_hagedoorn)
    for client in (anonymous, henk):
        page = client.get(SHARE).content.decode()
        assert "checked" in page.split('name="contact_preference" value=""')[1].split(">")[0]
    assert 'value="0546 999 000"' in henk.get(SHARE).content.decode()
    data = form_data(world, phone="0546 999 000", email="henk@example.test")
    assert henk.post(SHARE, data).status_code == 302
    assert anonymous.post(SHARE, form_data(world)).status_code == 302
    assert Dream.objects.count() == 2


def test_empty_dream_gets_a_dutch_error(anonymous, world):
    response = anonymous.post(SHARE, form_data(world, text=""))
    assert "Een paar woorden is genoeg" in response.content.decode()


def test_honeypot_stops_bots(anonymous, world):
    response = anonymous.post(SHARE, form_data(world, website="http://spam.example"))
    assert response.status_code == 200
    assert not Dream.objects.exists()


def test_photo_is_stored_without_exif_and_shown_to_the_follower(anonymous, world):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Telefoon"
    Image.new("RGB", (20, 20), "green").save(buffer, "JPEG", exif=exif.tobytes())
    photo = SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), content_type="image/jpeg")
    anonymous.post(SHARE, {**form_data(world), "photo": photo, "photo_description": "Het grasveld"})
    dream = Dream.objects.get()
    assert dream.photo and "IMG_0001" not in dream.photo.name
    response = anonymous.get(reverse("droomhuis:follow_photo", args=[dream.reference]))
    body = b"".join(response.streaming_content)
    assert not Image.open(io.BytesIO(body)).getexif()


def test_wrong_photo_type_gets_a_dutch_error(anonymous, world):
    photo = SimpleUploadedFile("doc.pdf", b"%PDF-1.4 nope", content_type="application/pdf")
    response = anonymous.post(SHARE, {**form_data(world), "photo": photo})
    assert "geen foto die wij kunnen lezen" in response.content.decode()


def test_follow_by_code_shows_status_and_updates_not_notes(anonymous, world, dream):
    services.resident_update_post(dream=dream, author=world.users.broker_bw, body="Ik bel u dinsdag.")
    services.note_add(dream=dream, author=world.users.broker_bw, body="Interne gedachte", private=False)
    response = anonymous.get(reverse("droomhuis:follow_start"), {"reference": dream.reference_display.lower()})
    assert response.status_code == 302
    html = anonymous.get(response.url).content.decode()
    assert "Ik bel u dinsdag." in html
    assert "Wij hebben uw droom ontvangen" in html
    assert "Interne gedachte" not in html and "0546 123 456" not in html


def test_unknown_code_gets_a_clear_message(anonymous, world):
    response = anonymous.get(reverse("droomhuis:follow_start"), {"reference": "ABCD-EFG-HJK"})
    assert "Wij vinden geen droom met deze code" in response.content.decode()
    assert anonymous.get(reverse("droomhuis:follow", args=["ABCDEFGHJK"])).status_code == 404


def test_logged_in_resident_sees_own_dreams_only(resident_hagedoorn, world, make_dream):
    mine = make_dream(user=world.users.resident_hagedoorn, text="Mijn eigen droom")
    make_dream(text="Droom van iemand anders")
    html = resident_hagedoorn.get(reverse("droomhuis:follow_start")).content.decode()
    assert "Mijn eigen droom" in html and "iemand anders" not in html
    assert reverse("droomhuis:follow", args=[mine.reference]) in html


def test_resident_withdraws_with_confirmation(anonymous, dream):
    url = reverse("droomhuis:withdraw", args=[dream.reference])
    assert "Weet u het zeker?" in anonymous.get(url).content.decode()
    response = anonymous.post(url)
    assert response.status_code == 302
    dream.refresh_from_db()
    assert dream.status == DreamStatus.WITHDRAWN
    html = anonymous.get(response.url).content.decode()
    assert "U heeft deze droom ingetrokken" in html and "Droom intrekken" not in html


def test_paper_form_has_the_same_questions_and_print_css(anonymous, world):
    html = anonymous.get(reverse("droomhuis:paper")).content.decode()
    assert "Welke kansen ziet u vandaag" in html
    assert "print.css" in html and "Hagedoorn" in html
    assert "Mogen wij contact met u opnemen over uw droom?" in html and "Ja, bel mij" in html and "dromenmuur" in html


@pytest.mark.parametrize("persona", ["anonymous", "resident_zuidwijk", "broker_bw", "moderator_hw"])
def test_public_pages_open_for_everyone(as_persona, persona):
    client = as_persona(persona)
    for name in ("share", "follow_start", "paper", "wall"):
        assert client.get(reverse(f"droomhuis:{name}")).status_code == 200


def test_nav_shows_broker_link_only_to_brokers(as_persona):
    queue = reverse("droomhuis:queue")
    assert queue in as_persona("broker_bw").get("/").content.decode()
    for persona in ("anonymous", "resident_hagedoorn", "moderator_bw", "partner_welzijn"):
        assert queue not in as_persona(persona).get("/").content.decode()


def test_resident_takes_back_the_dream_wall_choice_from_the_follow_page(
    anonymous, world, make_dream, django_capture_on_commit_callbacks
):
    from droomhuis.models import EventKind, WallStatus

    dream = make_dream(consent_wall=True)
    Dream.objects.filter(pk=dream.pk).update(wall_status=WallStatus.PROPOSED)
    follow = reverse("droomhuis:follow", args=[dream.reference])
    assert "Niet op de dromenmuur" in anonymous.get(follow).content.decode()
    url = reverse("droomhuis:consent_withdraw", args=[dream.reference, "dromenmuur"])
    assert anonymous.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post(url)
    assert response.status_code == 302
    assert not services.has_wall_consent(dream)
    assert services.has_contact_consent(dream)
    dream.refresh_from_db()
    assert dream.wall_status == WallStatus.NOT_PROPOSED
    assert dream.events.filter(kind=EventKind.CONSENT).count() == 1
    html = anonymous.get(follow).content.decode()
    assert "Niet op de dromenmuur" not in html and "Geen contact meer" in html


def test_taking_back_contact_hides_contact_details_from_the_broker(anonymous, broker_bw, dream):
    case = reverse("droomhuis:case", args=[dream.reference])
    assert "0546 123 456" in broker_bw.get(case).content.decode()
    anonymous.post(reverse("droomhuis:consent_withdraw", args=[dream.reference, "contact"]))
    html = broker_bw.get(case).content.decode()
    assert "0546 123 456" not in html and "Geen toestemming voor contact." in html


def test_unknown_or_inactive_choice_gives_a_message(anonymous, make_dream):
    dream = make_dream()
    response = anonymous.post(reverse("droomhuis:consent_withdraw", args=[dream.reference, "dromenmuur"]))
    assert response.status_code == 302
    follow = anonymous.get(response.url).content.decode()
    assert "Deze toestemming staat al uit." in follow
    bad = anonymous.post(reverse("droomhuis:consent_withdraw", args=[dream.reference, "iets"]))
    assert bad.status_code == 302


def test_a_residents_own_download_is_not_shown_as_a_staff_member_looking(resident_hagedoorn, world, make_dream):
    """Found walking "Mijn gegevens": after downloading their own data, the dream page said "Een medewerker heeft
    uw gegevens gedownload." Only what others did is listed there; a broker's look still is."""
    mine = make_dream(user=world.users.resident_hagedoorn, text="Samen eten in de school")
    assert resident_hagedoorn.get(reverse("wijk:my_data"), {"formaat": "json"}).status_code == 200
    assert resident_hagedoorn.get(reverse("wijk:my_data"), {"formaat": "pdf"}).status_code == 200
    follow = reverse("droomhuis:follow", args=[mine.reference])
    html = resident_hagedoorn.get(follow).content.decode()
    assert "Een medewerker" not in html and "Nog niemand heeft uw gegevens bekeken." in html
    picked_up(mine, world.users.broker_bw)
    broker = Client()
    broker.force_login(world.users.broker_bw)
    assert broker.get(reverse("droomhuis:case", args=[mine.reference])).status_code == 200
    assert (
        "Een droommakelaar van Beter Wonen heeft uw gegevens bekeken."
        in resident_hagedoorn.get(follow).content.decode()
    )


def test_my_data_in_arabic_keeps_the_dutch_words_of_the_resident_in_their_own_direction(
    resident_hagedoorn, world, make_dream
):
    """Found walking "Mijn gegevens" in Arabic: the Dutch dream text, set right to left, showed its full stop and
    '…' at the wrong end. What a person wrote keeps its own direction (bdi in the summary, dir="auto" in the
    details)."""
    make_dream(user=world.users.resident_hagedoorn, text="Een keer per maand samen eten in de school.")
    resident_hagedoorn.post(reverse("set_language"), {"language": "ar", "next": "/"})
    html = resident_hagedoorn.get(reverse("wijk:my_data")).content.decode()
    assert 'dir="rtl"' in html
    assert "<bdi>Een keer per maand samen eten in de school.</bdi>" in html
    assert '<dd dir="auto">Een keer per maand samen eten in de school.</dd>' in html
