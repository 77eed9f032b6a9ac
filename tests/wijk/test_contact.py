"""A person to reach: each organisation's phone, hours, addresses and walk-in places, shown where residents look."""

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory
from wijk.contact import contacts_for, tel_href
from wijk.models import Organisation, WalkInPlace


@pytest.fixture
def contacts(world):
    """The two corporations with contact details and one walk-in place each, as in the demo."""
    for org, phone, address in (
        (world.hw, "0186 000 000", "Parelplein 1, Oud-Beijerland"),
        (world.bw, "0546 000 000", "Dromenweg 1, Almelo"),
    ):
        org.phone = phone
        org.opening_hours = "maandag tot en met vrijdag, 9 tot 17 uur"
        org.visiting_address = address
        org.save()
    WalkInPlace.objects.create(
        organisation=world.hw,
        neighbourhood=world.zuidwijk,
        name="Pop-up rommelruimte",
        address="Spui 1a",
        opening_hours="woensdag, 10 tot 16 uur",
    )
    WalkInPlace.objects.create(
        organisation=world.bw,
        neighbourhood=world.hagedoorn,
        name="Het Droomhuis",
        address="Sleedoornstraat 2",
        opening_hours="dinsdag, 9 tot 12 uur",
    )
    return world


@pytest.mark.parametrize(
    "phone, href",
    [
        ("0186 000 000", "tel:+31186000000"),
        ("0546-000000", "tel:+31546000000"),
        ("+31 546 000 000", "tel:+31546000000"),
        ("0032 3 000 00 00", "tel:+3230000000"),
        ("", ""),
    ],
)
def test_a_phone_number_becomes_an_international_tel_link(phone, href):
    assert tel_href(phone) == href


def test_a_neighbourhood_gets_its_own_corporation_and_walk_in_place(contacts):
    (only,) = contacts_for(contacts.zuidwijk)
    assert only.name == "HW Wonen" and only.phone == "0186 000 000"
    assert [place.name for place in only.walk_ins] == ["Pop-up rommelruimte"]


def test_without_a_neighbourhood_every_corporation_is_listed_and_no_partner(contacts):
    names = [contact.name for contact in contacts_for()]
    assert names == ["Beter Wonen", "HW Wonen"]


def test_a_change_in_the_admin_shows_at_once(contacts, anonymous):
    assert "0186 000 000" in anonymous.get(reverse("wijk:home")).content.decode()
    contacts.hw.phone = "0186 999 999"
    contacts.hw.save()
    html = anonymous.get(reverse("wijk:home")).content.decode()
    assert 'href="tel:+31186999999" dir="ltr">0186 999 999</a>' in html and "0186 000 000" not in html


@pytest.mark.parametrize("name", ["wijk:home", "account_login", "wijk:privacy", "wijk:accessibility"])
def test_pages_that_say_call_us_show_both_corporations(contacts, anonymous, name):
    html = anonymous.get(reverse(name)).content.decode()
    assert 'href="tel:+31186000000" dir="ltr">0186 000 000</a>' in html
    assert 'href="tel:+31546000000" dir="ltr">0546 000 000</a>' in html
    assert "maandag tot en met vrijdag, 9 tot 17 uur" in html and "Het Droomhuis, Sleedoornstraat 2" in html


def test_a_logged_in_resident_sees_their_own_corporation(contacts, resident_hagedoorn):
    html = resident_hagedoorn.get(reverse("wijk:home"), follow=True).content.decode()  # on to /hagedoorn/
    assert 'href="tel:+31546000000"' in html and "Het Droomhuis" in html
    assert "0186 000 000" not in html


def test_an_activity_shows_its_own_neighbourhoods_corporation(contacts, anonymous):
    activity = ActivityFactory(neighbourhood=contacts.zuidwijk)
    html = anonymous.get(activity.get_absolute_url()).content.decode()
    assert "Liever bellen? De corporatie meldt u ook aan." in html
    assert 'href="tel:+31186000000"' in html and "Pop-up rommelruimte" in html
    assert "0546 000 000" not in html


def test_staff_keep_contact_details_and_walk_in_places_in_the_admin(contacts, superuser):
    url = reverse("admin:wijk_organisation_change", args=[contacts.hw.pk])
    html = superuser.get(url).content.decode()
    for field in ("phone", "opening_hours", "visiting_address", "postal_address"):
        assert f'name="{field}"' in html
    assert 'name="walk_in_places-TOTAL_FORMS"' in html and "Pop-up rommelruimte" in html


def test_a_moderator_changes_only_their_own_walk_in_places(contacts, moderator_hw):
    own = moderator_hw.get(reverse("admin:wijk_organisation_change", args=[contacts.hw.pk])).content.decode()
    assert 'name="walk_in_places-0-name"' in own
    options = own.split('name="walk_in_places-0-neighbourhood"', 1)[1].split("</select>", 1)[0]
    assert "Zuidwijk" in options and "Hagedoorn" not in options


def test_the_demo_fills_in_fictional_contact_details(db):
    from wijk import demo

    demo.load()
    for org in Organisation.objects.corporations():
        assert org.phone and org.opening_hours and org.visiting_address and org.postal_address
    assert set(WalkInPlace.objects.values_list("neighbourhood__slug", flat=True)) == {"zuidwijk", "hagedoorn"}


@pytest.mark.parametrize(
    "line, phone",
    [
        ("Bel 0186 000 000, of kom langs in de pop-up ruimte in Zuidwijk.", "0186 000 000"),
        ("Bel de droommakelaar op 0546-000000, of kom langs in het Droomhuis.", "0546-000000"),
        ("Bel +31 546 000 000.", "+31 546 000 000"),
    ],
)
def test_the_old_letter_line_keeps_its_phone_number(line, phone):
    """Migration 0007 takes the number out of the free text that used to stand under letters."""
    from importlib import import_module

    migration = import_module("wijk.migrations.0007_phone_from_letter_contact")
    assert migration.PHONE.search(line).group(0).strip() == phone
