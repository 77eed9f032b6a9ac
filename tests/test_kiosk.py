"""Kiosk mode on a shared tablet: started and stopped by staff, nobody stays logged in, only the kiosk pages
are reachable, submissions are recorded as coming from the kiosk and the previous visitor's page is gone."""

import pytest
from django.test import Client
from django.urls import reverse

from droomhuis.models import Dream
from parelketting.models import Pearl
from wijk import kiosk
from wijk.choices import Channel

KIOSK = reverse("wijk:kiosk")
START = reverse("wijk:kiosk_start")
STOP = reverse("wijk:kiosk_stop")
SHARE = reverse("droomhuis:share")
PEARL = reverse("parelketting:kiosk_pearl")
PASSWORD = "kiosk-Wachtwoord-42"


def _start(client, neighbourhood):
    response = client.post(START, {"neighbourhood": neighbourhood.pk})
    assert response.status_code == 302 and response.url == KIOSK
    return response


@pytest.fixture
def tablet(broker_bw, world):
    """A browser turned into a kiosk for Hagedoorn by the Beter Wonen broker."""
    _start(broker_bw, world.hagedoorn)
    return broker_bw


@pytest.fixture
def zuid_tablet(moderator_hw, world):
    """A browser turned into a kiosk for the Zuidwijk by the HW Wonen moderator."""
    _start(moderator_hw, world.zuidwijk)
    return moderator_hw


def dream_data(world, **extra):
    data = {"text": "Een moestuin op het grasveld.", "neighbourhood": world.hagedoorn.pk, "alias": "Buurman"}
    data.update({"first_name": "", "contact_preference": "", "website": ""}, **extra)
    return data


def test_staff_starts_kiosk_and_is_logged_out(broker_bw, world):
    response = _start(broker_bw, world.hagedoorn)
    assert kiosk.KIOSK_COOKIE in response.cookies
    home = broker_bw.get(KIOSK)
    html = home.content.decode()
    assert home.status_code == 200
    assert "text-groter" in html
    assert "Deel uw droom" in html and "Bel mij terug" in html  # the Almelo kiosk: see below for what it leaves out
    assert "js/kiosk.js" in html and "css/kiosk.css" in html
    assert "_auth_user_id" not in broker_bw.session


def test_kiosk_offers_contrast_but_always_shows_large_letters(tablet):
    html = tablet.get(KIOSK).content.decode()
    assert 'name="contrast" value="hoog"' in html and 'name="text"' not in html
    assert tablet.post(reverse("wijk:display"), {"contrast": "hoog", "next": KIOSK}).status_code == 302
    assert 'class="text-groter contrast-hoog"' in tablet.get(KIOSK).content.decode()


def test_start_page_offers_only_own_neighbourhoods(moderator_hw, world):
    html = moderator_hw.get(START).content.decode()
    assert "Zuidwijk" in html and "Hagedoorn" not in html
    response = moderator_hw.post(START, {"neighbourhood": world.hagedoorn.pk})
    assert response.status_code == 200 and kiosk.KIOSK_COOKIE not in response.cookies


@pytest.mark.parametrize("persona", ["resident_zuidwijk", "expert_bw", "partner_welzijn"])
def test_non_staff_cannot_start_a_kiosk(as_persona, world, persona):
    client = as_persona(persona)
    assert client.get(START).status_code == 403
    response = client.post(START, {"neighbourhood": world.hagedoorn.pk})
    assert response.status_code == 403 and kiosk.KIOSK_COOKIE not in response.cookies


def test_anonymous_start_goes_to_login(anonymous):
    response = anonymous.get(START)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_forged_cookie_is_no_kiosk(anonymous, world):
    anonymous.cookies[kiosk.KIOSK_COOKIE] = f"{world.users.broker_bw.pk}:{world.hagedoorn.pk}"
    response = anonymous.get(reverse("wijk:privacy"))
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")


def test_logged_in_user_is_logged_out_on_a_kiosk(tablet, world):
    tablet.force_login(world.users.resident_hagedoorn)
    response = tablet.get(SHARE)
    assert response.status_code == 200
    assert "_auth_user_id" not in tablet.session
    assert tablet.get(reverse("wijk:account")).url == KIOSK


@pytest.mark.parametrize(
    "name",
    [
        "wijk:home",
        "wijk:account",
        "wijk:privacy",
        "parelketting:map",
        "parelketting:new",
        "droomhuis:follow_start",
        "droomhuis:wall",
        "account_login",
        "admin:index",
    ],
)
def test_other_pages_go_to_kiosk_home(tablet, name):
    response = tablet.get(reverse(name))
    assert response.status_code == 302 and response.url == KIOSK
    assert response["Cache-Control"] == "no-store"


def test_allowed_pages_open_with_no_store(tablet, zuid_tablet):
    for client, urls in ((tablet, (KIOSK, SHARE)), (zuid_tablet, (KIOSK, PEARL, reverse("parelketting:programme")))):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Cache-Control"] == "no-store"
            assert "text-groter" in response.content.decode()


def test_the_droomhuis_kiosk_offers_only_what_belongs_in_almelo(tablet, world):
    html = tablet.get(KIOSK).content.decode()
    assert f'href="{SHARE}"' in html and "Deze tablet hoort bij de wijk Hagedoorn" in html
    assert f'href="{PEARL}"' not in html and reverse("parelketting:programme") not in html
    assert f'href="{reverse("wijk:callback")}"' in html
    for url in (PEARL, reverse("parelketting:programme")):
        response = tablet.get(url)
        assert response.status_code == 302 and response.url == KIOSK, url


def test_the_zuidwijk_kiosk_has_no_almelo_dream_form(zuid_tablet, world):
    html = zuid_tablet.get(KIOSK).content.decode()
    assert f'href="{PEARL}"' in html and f'href="{reverse("parelketting:programme")}"' in html
    assert f'href="{SHARE}"' not in html and "Deel uw droom" not in html
    for url in (SHARE, reverse("droomhuis:thanks", args=["ABCD-EFGH"])):
        response = zuid_tablet.get(url)
        assert response.status_code == 302 and response.url == KIOSK, url
    assert not zuid_tablet.post(SHARE, dream_data(world)).url.startswith("/droomhuis/")
    assert not Dream.objects.exists()


def test_kiosk_pages_without_kiosk(anonymous):
    assert anonymous.get(KIOSK).url == reverse("wijk:home")
    assert anonymous.get(STOP).url == reverse("wijk:home")
    assert anonymous.get(PEARL).url == reverse("parelketting:new")
    html = anonymous.get(reverse("wijk:privacy")).content.decode()
    assert "kiosk.js" not in html


def test_bel_mij_terug_opens_on_a_kiosk_for_its_neighbourhood(tablet, world):
    response = tablet.get(reverse("wijk:callback"))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response.context["form"]["neighbourhood"].value() == world.hagedoorn.pk


def test_share_prefills_the_kiosk_neighbourhood(tablet, world):
    html = tablet.get(SHARE).content.decode()
    assert f'value="{world.hagedoorn.pk}" selected' in html


def test_dream_from_kiosk_is_recorded_with_channel_kiosk(tablet, world):
    response = tablet.post(SHARE, dream_data(world))
    dream = Dream.objects.get()
    assert dream.intake_channel == Channel.KIOSK
    assert dream.resident.created_via == Channel.KIOSK
    assert dream.created_by == world.users.broker_bw
    assert response.status_code == 302 and response.url == reverse("droomhuis:thanks", args=[dream.reference])
    thanks = tablet.get(response.url)
    html = thanks.content.decode()
    assert dream.reference_display in html
    assert 'data-kiosk-home="/kiosk/"' in html and 'data-idle-seconds="60"' in html
    assert thanks["Cache-Control"] == "no-store"


def test_previous_thanks_page_is_gone_after_reset(tablet, world):
    thanks_url = tablet.post(SHARE, dream_data(world)).url
    dream = Dream.objects.get()
    assert dream.reference_display in tablet.get(thanks_url).content.decode()
    tablet.get(KIOSK)
    again = tablet.get(thanks_url)
    assert again.status_code == 302 and again.url == KIOSK
    assert tablet.get(SHARE).content.decode().count("Een moestuin op het grasveld.") == 0


def test_thanks_of_another_dream_is_not_shown_on_the_kiosk(tablet, world):
    Client().post(SHARE, dream_data(world))
    other = Dream.objects.get()
    assert other.intake_channel == Channel.ONLINE
    response = tablet.get(reverse("droomhuis:thanks", args=[other.reference]))
    assert response.status_code == 302 and response.url == KIOSK


def test_online_dream_keeps_channel_online(anonymous, world):
    anonymous.post(SHARE, dream_data(world))
    assert Dream.objects.get().intake_channel == Channel.ONLINE


def pearl_data(**extra):
    data = {
        "kind": "place",
        "title": "Het bankje",
        "story": "Hier zit ik graag in de zon.",
        "street": "",
        "location_description": "Bij de vijver",
        "first_name": "Riet",
        "alias": "",
        "website": "",
    }
    data.update(extra)
    return data


def test_pearl_form_on_kiosk_has_unticked_choice_and_no_map(zuid_tablet):
    html = zuid_tablet.get(PEARL).content.decode()
    assert 'name="show_first_name"' in html
    assert "checked" not in html.split('name="show_first_name"')[1].split(">")[0]
    assert 'name="lat"' not in html and 'name="photo"' not in html and 'name="website"' in html


def test_pearl_from_kiosk_goes_to_moderation_with_channel_kiosk(zuid_tablet, world):
    response = zuid_tablet.post(PEARL, pearl_data())
    assert response.status_code == 200 and "Bedankt voor uw parel" in response.content.decode()
    pearl = Pearl.objects.get()
    assert pearl.submitted_via == Channel.KIOSK and pearl.status == "submitted"
    assert pearl.neighbourhood == world.zuidwijk
    assert pearl.submitter.first_name == "Riet" and pearl.submitter.created_via == Channel.KIOSK
    assert pearl.submitter.user is None


def test_pearl_on_kiosk_needs_a_name_and_keeps_what_was_typed(zuid_tablet):
    response = zuid_tablet.post(PEARL, pearl_data(first_name=""))
    html = response.content.decode()
    assert "Vul uw voornaam of een andere naam in." in html and "Hier zit ik graag in de zon." in html
    assert not Pearl.objects.exists()


def test_pearl_honeypot_stores_nothing(zuid_tablet):
    zuid_tablet.post(PEARL, pearl_data(website="http://spam.example"))
    assert not Pearl.objects.exists()


def test_staff_stops_kiosk_with_password(tablet, world):
    broker = world.users.broker_bw
    broker.set_password(PASSWORD)
    broker.save()
    wrong = tablet.post(STOP, {"email": broker.email, "password": "fout"})
    assert wrong.status_code == 403 and "Dit lukte niet" in wrong.content.decode()
    response = tablet.post(STOP, {"email": broker.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("wijk:home")
    assert response.cookies[kiosk.KIOSK_COOKIE].value == ""
    assert "_auth_user_id" not in tablet.session
    assert tablet.get(reverse("wijk:privacy")).status_code == 200


def test_resident_cannot_stop_kiosk(tablet, world):
    resident = world.users.resident_hagedoorn
    resident.set_password(PASSWORD)
    resident.save()
    response = tablet.post(STOP, {"email": resident.email, "password": PASSWORD})
    assert response.status_code == 403
    assert tablet.get(reverse("wijk:privacy")).url == KIOSK


def test_kiosk_browser_always_has_a_session_so_the_page_cache_skips_it(tablet):
    tablet.get(KIOSK)
    assert tablet.session.get(kiosk.SESSION_MARK) is True
    assert Client().get(KIOSK).status_code == 302


def test_kiosk_of_a_deactivated_staff_member_stores_nothing(tablet, world):
    world.users.broker_bw.is_active = False
    world.users.broker_bw.save()
    response = tablet.post(SHARE, dream_data(world))
    assert response.status_code == 403 and "Vraag een medewerker om hulp." in response.content.decode()
    assert "Een moestuin op het grasveld." in response.content.decode()
    assert not Dream.objects.exists()


def test_shared_page_cache_never_answers_the_kiosk_nor_keeps_a_kiosk_page(zuid_tablet, world):
    programme = reverse("parelketting:programme")
    visitor = Client()
    assert "kiosk.js" not in visitor.get(programme).content.decode()
    kiosk_page = zuid_tablet.get(programme)
    assert "kiosk.js" in kiosk_page.content.decode() and kiosk_page["Cache-Control"] == "no-store"
    assert "kiosk.js" not in visitor.get(programme).content.decode()


def test_wrong_staff_passwords_pause_only_the_guessing_tablet(tablet, world, settings):
    """Wrong passwords at the kiosk's stop page count per tablet and per e-mail address. A tablet that kept
    guessing waits an hour even with the right password; another tablet with the right password is let out,
    even after many wrong guesses at that address from elsewhere."""
    from django.core.cache import cache

    settings.RATE_LIMIT_SCALE = 1
    cache.clear()
    broker = world.users.broker_bw
    broker.set_password(PASSWORD)
    broker.save()
    for _ in range(kiosk.STOP_GUESSES.per_client):
        assert tablet.post(STOP, {"email": broker.email, "password": "fout"}).status_code == 403
    assert tablet.post(STOP, {"email": broker.email, "password": PASSWORD}).status_code == 429
    for number in range(3):  # past the 20 wrong guesses at this address in all
        other = Client(REMOTE_ADDR=f"198.51.100.{number + 1}")
        _start_as(other, world)
        for _ in range(kiosk.STOP_GUESSES.per_client):
            other.post(STOP, {"email": broker.email, "password": "fout"})
    second = Client(REMOTE_ADDR="203.0.113.77")
    _start_as(second, world)
    assert second.post(STOP, {"email": broker.email, "password": PASSWORD}).status_code == 302
    cache.clear()


def _start_as(client, world):
    client.force_login(world.users.broker_bw)
    _start(client, world.hagedoorn)


def test_forged_kiosk_cookies_are_counted_and_then_ignored(world, settings):
    """A kiosk cookie carries a 256-bit signature: a forged one never works, is counted per client, and past
    the limit even a real kiosk cookie from that client is ignored (the browser is an ordinary one)."""
    from django.core.cache import cache

    settings.RATE_LIMIT_SCALE = 1
    cache.clear()
    real = Client(REMOTE_ADDR="198.51.100.50")
    _start_as(real, world)
    assert real.get(KIOSK).status_code == 200
    forger = Client(REMOTE_ADDR="198.51.100.50")
    for number in range(kiosk.COOKIE_GUESSES.per_client):
        forger.cookies[kiosk.KIOSK_COOKIE] = f"1:{number}:vals"
        assert forger.get(KIOSK).status_code == 302  # no kiosk: sent to the ordinary home page
    assert real.get(KIOSK).status_code == 302
    elsewhere = Client(REMOTE_ADDR="203.0.113.51")
    _start_as(elsewhere, world)
    assert elsewhere.get(KIOSK).status_code == 200
    cache.clear()


def test_kiosk_dream_receipt_with_code_next_steps_and_whom_to_call(tablet, world):
    corporation = world.hagedoorn.corporation
    corporation.phone = "0546 123 456"
    corporation.save()
    thanks_url = tablet.post(SHARE, dream_data(world)).url
    dream = Dream.objects.get()
    receipt = reverse("droomhuis:kiosk_receipt", args=[dream.reference])
    html = tablet.get(thanks_url).content.decode()
    assert "Schrijf deze code op" not in html
    assert f'href="{receipt}"' in html and "Print een bonnetje met de code" in html
    assert f'href="{reverse("wijk:callback")}?wijk={world.hagedoorn.pk}"' in html
    response = tablet.get(receipt)
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert dream.reference_display in html and "Wat gebeurt er nu?" in html
    assert "/droomhuis/volgen/ en vul uw volgcode in" in html
    assert 'class="contact-block"' in html and 'href="tel:' in html and "Beter Wonen" in html
    assert "data-print" in html and "js/print.js" in html and "css/receipt.css" in html


def test_receipt_only_on_the_kiosk_and_only_right_after_sharing(tablet, anonymous, world):
    tablet.post(SHARE, dream_data(world))
    dream = Dream.objects.get()
    receipt = reverse("droomhuis:kiosk_receipt", args=[dream.reference])
    assert anonymous.get(receipt).url == reverse("wijk:kiosk")  # not a kiosk: no receipt
    tablet.get(KIOSK)  # the next visitor
    response = tablet.get(receipt)
    assert response.status_code == 302 and response.url == KIOSK
