"""A new account without a neighbourhood is asked once, kindly, and never meets a dead end; "Mijn account"
sets and changes the neighbourhood."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from parelketting.models import SignUp
from tests.factories import UserFactory
from wijk.models import Resident

pytestmark = pytest.mark.django_db

CHOOSE = reverse("wijk:neighbourhood")


@pytest.fixture
def newcomer(world):
    """A fresh account: confirmed e-mail, no resident record, no neighbourhood."""
    client = Client()
    client.force_login(UserFactory(email="nieuw@bewoner.test"))
    return client


def test_mijn_account_offers_to_choose_a_neighbourhood(newcomer):
    html = newcomer.get(reverse("wijk:account")).content.decode()
    assert "Nog niet gekozen." in html and CHOOSE in html


def test_an_activity_tells_a_newcomer_what_to_do_and_brings_them_back_to_sign_up(newcomer, make_activity, world):
    activity = make_activity()
    page = newcomer.get(activity.get_absolute_url()).content.decode()
    assert "Vertel ons eerst in welke wijk u woont" in page
    link = f"{CHOOSE}?next={quote(activity.get_absolute_url(), safe='/')}"
    assert link in page
    form = newcomer.get(link)
    assert form.status_code == 200 and "In welke wijk woont u?" in form.content.decode()
    response = newcomer.post(CHOOSE, {"neighbourhood": world.zuidwijk.pk, "next": activity.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    resident = Resident.objects.get(user__email="nieuw@bewoner.test")
    assert resident.neighbourhood == world.zuidwijk and resident.email == "nieuw@bewoner.test"
    page = newcomer.get(activity.get_absolute_url()).content.decode()
    assert "Ik kom: aanmelden" in page and "Uw wijk is nu Zuidwijk." in page
    newcomer.post(reverse("parelketting:activity_signup", kwargs={"uid": activity.uid}))
    assert SignUp.objects.get().resident == resident


def test_a_resident_who_moved_changes_their_neighbourhood(resident_hagedoorn, make_activity, world):
    activity = make_activity()  # in Zuidwijk
    page = resident_hagedoorn.get(activity.get_absolute_url()).content.decode()
    assert "Bent u verhuisd? Verander uw wijk." in page
    form = resident_hagedoorn.get(CHOOSE).content.decode()
    assert "Nu staat u bij: Hagedoorn" in form
    resident_hagedoorn.post(CHOOSE, {"neighbourhood": world.zuidwijk.pk})
    assert Resident.objects.filter(user=world.users.resident_hagedoorn).get().neighbourhood == world.zuidwijk
    assert Resident.objects.filter(user=world.users.resident_hagedoorn).count() == 1


def test_no_choice_or_a_wrong_one_is_said_plainly_and_changes_nothing(newcomer, world):
    response = newcomer.post(CHOOSE, {"neighbourhood": ""})
    assert response.status_code == 200 and "Kies de wijk waar u woont." in response.content.decode()
    response = newcomer.post(CHOOSE, {"neighbourhood": "999999"})
    assert "Kies een wijk uit de lijst." in response.content.decode()
    assert not Resident.objects.filter(user__email="nieuw@bewoner.test").exists()


def test_next_never_leads_off_the_site(newcomer, world):
    response = newcomer.post(CHOOSE, {"neighbourhood": world.zuidwijk.pk, "next": "https://elders.example/"})
    assert response["Location"] == reverse("wijk:account")


def test_staff_without_a_home_neighbourhood_are_not_asked(moderator_hw, make_activity):
    page = moderator_hw.get(make_activity().get_absolute_url()).content.decode()
    assert "Vertel ons eerst in welke wijk u woont" not in page
