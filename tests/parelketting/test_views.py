"""Resident pages through the test client: who sees what, submitting with and without a map, query counts."""

import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parelketting.choices import PearlKind, PearlStatus
from parelketting.models import Pearl
from parelketting.services import pearl_transition

from .conftest import jpeg_bytes, upload

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["parelketting:map", "parelketting:list", "parelketting:geojson"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize("persona", ["anonymous", "resident_zuidwijk", "moderator_bw", "superuser"])
def test_public_pages_open_for_everyone(as_persona, make_pearl, name, persona):
    make_pearl()
    assert as_persona(persona).get(reverse(name)).status_code == 200


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 404),
        ("resident_hagedoorn", 404),
        ("resident_zuidwijk", 200),  # the submitter
        ("moderator_hw", 200),
        ("moderator_bw", 404),
        ("broker_bw", 404),
        ("partner_welzijn", 404),
        ("facilitator", 404),
        ("superuser", 200),
    ],
)
def test_unpublished_pearl_only_for_owner_and_own_moderators(as_persona, make_pearl, persona, expected):
    pearl = make_pearl(status=PearlStatus.SUBMITTED, photo=True)
    client = as_persona(persona)
    assert client.get(pearl.get_absolute_url()).status_code == expected
    assert client.get(reverse("parelketting:photo", kwargs={"uid": pearl.uid})).status_code == expected


def test_published_detail_shows_story_photo_and_consented_name(anonymous, make_pearl, world):
    from wijk.choices import DataCategory, Purpose
    from wijk.services import consent_give

    pearl = make_pearl(photo=True, themes=[world.themes["groen"]])
    response = anonymous.get(pearl.get_absolute_url())
    html = response.content.decode()
    assert "Een mooi verhaal over de wijk." in html
    assert reverse("parelketting:photo", kwargs={"uid": pearl.uid}) in html
    assert 'alt="Een bankje"' in html
    assert "Ans" not in html  # no consent yet: no name
    consent_give(
        resident=world.residents.zuidwijk,
        category=DataCategory.FIRST_NAME,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method="online",
    )
    assert "Ans" in anonymous.get(pearl.get_absolute_url()).content.decode()
    photo = anonymous.get(reverse("parelketting:photo", kwargs={"uid": pearl.uid}))
    assert photo["Content-Type"] == "image/jpeg"
    assert b"".join(photo.streaming_content)[:2] == b"\xff\xd8"


def test_personal_pearl_never_shows_email_or_phone(anonymous, make_pearl, world):
    world.residents.zuidwijk.phone = "0612345678"
    world.residents.zuidwijk.save()
    person = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen")
    html = anonymous.get(person.get_absolute_url()).content.decode()
    assert "bewoner@zuidwijk.test" not in html
    assert "0612345678" not in html
    assert "Niet op de kaart" in html


@pytest.mark.parametrize("name", ["parelketting:mine", "parelketting:new_on_behalf"])
def test_login_required_pages_redirect_anonymous(anonymous, name):
    response = anonymous.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("resident_zuidwijk", 403),
        ("broker_bw", 403),
        ("facilitator", 403),
        ("moderator_hw", 200),
        ("moderator_bw", 200),
    ],
)
def test_on_behalf_page_is_for_moderators(as_persona, persona, expected):
    assert as_persona(persona).get(reverse("parelketting:new_on_behalf")).status_code == expected


def _place_data(**extra):
    data = {
        "kind": "place",
        "title": "Het bankje bij de vijver",
        "story": "Hier zit ik graag.",
        "street": "",
        "location_description": "",
        "lat": "",
        "lng": "",
        "photo_description": "",
    }
    data.update(extra)
    return data


def test_resident_submits_place_with_point_and_photo(resident_zuidwijk, world):
    data = _place_data(lat="51.816500", lng="4.412000", themes=[world.themes["groen"].pk])
    data["photo"] = upload(jpeg_bytes())
    response = resident_zuidwijk.post(reverse("parelketting:new"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("parelketting:mine")
    pearl = Pearl.objects.get()
    assert pearl.status == PearlStatus.SUBMITTED
    assert pearl.submitter == world.residents.zuidwijk
    assert str(pearl.lat) == "51.816500"
    assert pearl.photo and pearl.thumbnail
    assert list(pearl.themes.all()) == [world.themes["groen"]]


def test_without_javascript_a_street_and_description_are_enough(resident_zuidwijk):
    response = resident_zuidwijk.post(
        reverse("parelketting:new"), _place_data(street="Spui", location_description="Bij de wilg")
    )
    assert response.status_code == 302
    pearl = Pearl.objects.get()
    # No point placed: the place is put on the street's point, so it still shows on the map.
    assert pearl.street == "Spui"
    assert (pearl.lat, pearl.lng) == (Decimal("51.817800"), Decimal("4.415200"))


def test_a_point_placed_by_hand_wins_over_the_street(resident_zuidwijk):
    data = _place_data(street="Spui", lat="51.816500", lng="4.412000")
    assert resident_zuidwijk.post(reverse("parelketting:new"), data).status_code == 302
    assert (Pearl.objects.get().lat, Pearl.objects.get().lng) == (Decimal("51.816500"), Decimal("4.412000"))


def test_a_street_without_a_point_leaves_the_place_off_the_map(resident_zuidwijk, world):
    world.zuidwijk.streets.filter(name="Spui").update(lat=None, lng=None)
    data = _place_data(street="Spui", location_description="Bij de wilg")
    assert resident_zuidwijk.post(reverse("parelketting:new"), data).status_code == 302
    assert Pearl.objects.get().lat is None


def test_a_person_never_gets_the_street_point(resident_zuidwijk):
    data = _place_data(kind="person", title="Ik repareer fietsen", street="Spui")
    assert resident_zuidwijk.post(reverse("parelketting:new"), data).status_code == 302
    pearl = Pearl.objects.get()
    assert pearl.lat is None and pearl.lng is None and pearl.street == ""


def test_place_without_any_location_gets_a_clear_error(resident_zuidwijk):
    response = resident_zuidwijk.post(reverse("parelketting:new"), _place_data())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Waar is deze plek?" in html
    assert 'value="Het bankje bij de vijver"' in html
    assert not Pearl.objects.exists()


def test_point_outside_the_neighbourhood_is_refused(resident_zuidwijk):
    response = resident_zuidwijk.post(reverse("parelketting:new"), _place_data(lat="52.370000", lng="4.890000"))
    assert "buiten de wijk" in response.content.decode()
    assert not Pearl.objects.exists()


def test_person_pearl_drops_any_point_from_the_map(resident_zuidwijk):
    data = _place_data(kind="person", title="Ik repareer fietsen", lat="51.816500", lng="4.412000")
    assert resident_zuidwijk.post(reverse("parelketting:new"), data).status_code == 302
    pearl = Pearl.objects.get()
    assert pearl.kind == PearlKind.PERSON
    assert pearl.lat is None and pearl.lng is None


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"geen foto maar tekst" * 10, "foto.jpg", "geen foto die wij kunnen lezen"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "plaatje.svg", "SVG"),
    ],
)
def test_bad_photo_error_next_to_field_and_text_kept(resident_zuidwijk, content, name, message):
    data = _place_data(street="Spui", story="Mijn eigen verhaal blijft staan.")
    data["photo"] = upload(content, name=name)
    response = resident_zuidwijk.post(reverse("parelketting:new"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_photo_errors"' in html
    assert message in html
    assert "Mijn eigen verhaal blijft staan." in html
    assert 'aria-describedby="id_photo_helptext id_photo_errors"' in html
    assert not Pearl.objects.exists()


def test_account_without_resident_first_chooses_neighbourhood(as_persona, world):
    client = as_persona("facilitator")
    response = client.get(reverse("parelketting:new"))
    assert "In welke wijk woont u?" in response.content.decode()
    response = client.get(reverse("parelketting:new"), {"neighbourhood": world.zuidwijk.pk})
    assert 'name="title"' in response.content.decode()
    data = _place_data(street="Spui", neighbourhood=world.zuidwijk.pk)
    assert client.post(reverse("parelketting:new"), data).status_code == 302
    pearl = Pearl.objects.get()
    assert pearl.submitter.user == world.users.facilitator
    assert pearl.neighbourhood == world.zuidwijk


def test_staff_submit_on_behalf_of_new_resident_records_how(moderator_hw, world):
    data = _place_data(street="Spui", title="Bankje van Gerrit")
    data.update(
        {
            "namens-resident": "",
            "namens-new_first_name": "Gerrit",
            "namens-new_email": "",
            "namens-submitted_via": "phone",
            "namens-consent_method": "phone",
            "namens-partner": "",
        }
    )
    response = moderator_hw.post(reverse("parelketting:new_on_behalf"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pearl = Pearl.objects.get()
    assert pearl.created_by == world.users.moderator_hw
    assert pearl.submitted_via == "phone" and pearl.consent_method == "phone"
    assert pearl.submitter.first_name == "Gerrit"
    assert pearl.submitter.created_by == world.users.moderator_hw


def test_staff_cannot_pick_a_resident_of_the_other_corporation(moderator_hw, world):
    data = _place_data(street="Spui")
    data.update(
        {
            "namens-resident": world.residents.hagedoorn.pk,
            "namens-submitted_via": "phone",
            "namens-consent_method": "phone",
        }
    )
    response = moderator_hw.post(reverse("parelketting:new_on_behalf"), data)
    assert response.status_code == 200
    assert not Pearl.objects.exists()


def test_staff_submit_partner_offer(moderator_hw, world):
    from tests.factories import PartnerFactory

    partner = PartnerFactory(slug="tuincentrum", name="Tuincentrum")
    partner.works_with.set([world.hw])
    data = _place_data(kind="partner_offer", street="Spui", title="Gratis plantjes")
    data.update({"namens-partner": partner.pk, "namens-submitted_via": "phone", "namens-consent_method": "phone"})
    assert moderator_hw.post(reverse("parelketting:new_on_behalf"), data).status_code == 302
    pearl = Pearl.objects.get()
    assert pearl.partner == partner and pearl.submitter is None


def test_mine_shows_status_and_kind_words(resident_zuidwijk, resident_hagedoorn, make_pearl):
    make_pearl(status=PearlStatus.RETURNED, title="Met een vraag")
    make_pearl(status=PearlStatus.REJECTED, title="Niet geplaatst")
    html = resident_zuidwijk.get(reverse("parelketting:mine")).content.decode()
    assert "Waar is het precies?" in html
    assert "Dit is een eigen tuin." in html
    assert "U bent altijd welkom" in html
    assert "Met een vraag" not in resident_hagedoorn.get(reverse("parelketting:mine")).content.decode()


def test_answering_a_question_sends_pearl_back_to_queue(resident_zuidwijk, resident_hagedoorn, make_pearl):
    pearl = make_pearl(status=PearlStatus.RETURNED)
    url = reverse("parelketting:answer", kwargs={"uid": pearl.uid})
    assert resident_hagedoorn.get(url).status_code == 404
    assert resident_zuidwijk.get(url).status_code == 200
    response = resident_zuidwijk.post(url, _place_data(street="Spui", title="Het bankje, bij de wilg"))
    assert response.status_code == 302
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.SUBMITTED
    assert pearl.title == "Het bankje, bij de wilg"
    # No point placed on the answer, as on a new pearl: the street's point keeps the place on the map.
    assert (pearl.lat, pearl.lng) == (Decimal("51.817800"), Decimal("4.415200"))
    assert resident_zuidwijk.get(url).status_code == 404


def test_report_asks_what_is_wrong_and_keeps_pearl_on_the_map(anonymous, make_pearl):
    pearl = make_pearl()
    url = reverse("parelketting:report", kwargs={"uid": pearl.uid})
    assert anonymous.get(url).status_code == 200
    response = anonymous.post(url, {"reason": "De bank is weg."})
    assert response.status_code == 200 and 'id="id_what_errors"' in response.content.decode()
    response = anonymous.post(url, {"what": "broken", "reason": "De bank is kapot."})
    assert response.status_code == 200 and "blijft op de kaart" in response.content.decode()
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.PUBLISHED and pearl.reported
    assert anonymous.get(pearl.get_absolute_url()).status_code == 200


def test_join_sends_message_to_offerer(as_persona, make_pearl, world, django_capture_on_commit_callbacks):
    from django.core import mail

    person = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen")
    place = make_pearl(title="Bankje")
    url = reverse("parelketting:join", kwargs={"uid": person.uid})
    assert (
        as_persona("anonymous").get(url).status_code == 200
    )  # no account needed (tests/parelketting/test_signup_anonymous.py)
    assert as_persona("resident_zuidwijk").get(url).status_code == 404  # own pearl
    assert (
        as_persona("resident_hagedoorn").get(reverse("parelketting:join", kwargs={"uid": place.uid})).status_code == 404
    )
    client = as_persona("resident_hagedoorn")
    detail = client.get(person.get_absolute_url()).content.decode()
    assert "Ik doe mee / ik wil dit ook" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"sender_name": "Henk", "body": "Mijn band is lek.", "reply_how": "Bel mij"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["bewoner@zuidwijk.test"]
    mine = as_persona("resident_zuidwijk").get(reverse("parelketting:mine")).content.decode()
    assert "Mijn band is lek." in mine


def test_filters_by_kind_and_theme(anonymous, make_pearl, world):
    make_pearl(title="Groene plek", themes=[world.themes["groen"]])
    make_pearl(title="Klusplek", themes=[world.themes["klussen"]])
    make_pearl(kind=PearlKind.PERSON, title="Fietsenmaker", themes=[world.themes["klussen"]])
    html = anonymous.get(reverse("parelketting:list"), {"thema": "klussen"}).content.decode()
    assert "Klusplek" in html and "Fietsenmaker" in html and "Groene plek" not in html
    html = anonymous.get(reverse("parelketting:list"), {"thema": "klussen", "soort": "person"}).content.decode()
    assert "Fietsenmaker" in html and "Klusplek" not in html
    data = anonymous.get(reverse("parelketting:geojson"), {"soort": "place"}).json()
    assert {f["properties"]["title"] for f in data["features"]} == {"Groene plek", "Klusplek"}


def test_geojson_has_only_published_pearls_with_a_point_and_no_personal_data(anonymous, make_pearl, world):
    place = make_pearl(title="Rommelruimte", photo=True, themes=[world.themes["ontmoeting"]])
    make_pearl(title="Zonder punt", point=False)
    make_pearl(title="Wacht nog", status=PearlStatus.SUBMITTED)
    make_pearl(title="Verborgen", status=PearlStatus.HIDDEN)
    person = make_pearl(kind=PearlKind.PERSON, title="Fietsenmaker", meeting_place=place)
    make_pearl(kind=PearlKind.PERSON, title="Voorlezer")
    response = anonymous.get(reverse("parelketting:geojson"))
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    by_title = {f["properties"]["title"]: f for f in data["features"]}
    assert set(by_title) == {"Rommelruimte", "Fietsenmaker"}
    feature = by_title["Rommelruimte"]
    assert feature["id"] == str(place.uid)
    assert feature["geometry"]["coordinates"] == [float(place.lng), float(place.lat)]
    assert feature["properties"]["themes"] == ["ontmoeting"]
    assert feature["properties"]["url"].endswith(place.get_absolute_url())
    assert feature["properties"]["thumbnail"].endswith(f"/parel/{place.uid}/foto-klein/")
    assert set(feature["properties"]) == {"kind", "title", "themes", "url", "thumbnail"}
    assert by_title["Fietsenmaker"]["geometry"]["coordinates"] == [float(place.lng), float(place.lat)]
    assert by_title["Fietsenmaker"]["id"] == str(person.uid)
    body = response.content.decode()
    assert "bewoner@zuidwijk.test" not in body and "Ans" not in body


def _many(make_pearl, world, n):
    for i in range(n):
        kind = PearlKind.PERSON if i % 3 == 0 else PearlKind.PLACE
        make_pearl(
            title=f"Parel {i}", kind=kind, themes=[world.themes["groen"], world.themes["klussen"]], photo=(i % 5 == 0)
        )


@pytest.mark.parametrize("n", [3, 30])
def test_geojson_query_count_is_pinned(anonymous, make_pearl, world, django_assert_num_queries, n):
    _many(make_pearl, world, n)
    with django_assert_num_queries(2):  # pearls, themes
        response = anonymous.get(reverse("parelketting:geojson"))
    assert len(response.json()["features"]) == n - (n + 2) // 3  # people without a meeting place have no point
    with django_assert_num_queries(0):  # from the cache, under the versions of the pearls and the site
        again = anonymous.get(reverse("parelketting:geojson"))
    assert again.content == response.content


def test_geojson_without_a_filter_is_one_copy_and_a_filter_its_own(
    anonymous, make_pearl, world, django_assert_num_queries
):
    """The map's own request and one with other parameters get the same copy (no form built for them);
    a filter in the address gets the copy of its pearls."""
    make_pearl(title="Groene plek", themes=[world.themes["groen"]])
    make_pearl(title="Klusplek", themes=[world.themes["klussen"]])
    url = reverse("parelketting:geojson")
    whole = anonymous.get(url)
    with django_assert_num_queries(0):
        assert anonymous.get(url, {"bron": "nieuwsbrief"}).content == whole.content
    titles = [f["properties"]["title"] for f in anonymous.get(url, {"thema": "groen"}).json()["features"]]
    assert titles == ["Groene plek"]


def test_geojson_cache_follows_every_change(anonymous, make_pearl, world):
    first = make_pearl(title="Eerste")
    assert len(anonymous.get(reverse("parelketting:geojson")).json()["features"]) == 1
    second = make_pearl(title="Tweede")
    assert len(anonymous.get(reverse("parelketting:geojson")).json()["features"]) == 2
    pearl_transition(pearl=second, to=PearlStatus.HIDDEN)
    titles = [f["properties"]["title"] for f in anonymous.get(reverse("parelketting:geojson")).json()["features"]]
    assert titles == ["Eerste"]
    first.delete()
    assert anonymous.get(reverse("parelketting:geojson")).json()["features"] == []


@pytest.mark.parametrize(("name", "own_queries"), [("parelketting:list", 4), ("parelketting:map", 2)])
def test_page_query_counts_do_not_grow_with_data(anonymous, make_pearl, world, name, own_queries):
    """Same number of queries for 3 and for 30 pearls; our own share pinned (the menu of other apps aside)."""
    counts = []
    for n in (3, 27):
        _many(make_pearl, world, n)
        cache.clear()  # both counts render the page with every cached part empty
        with CaptureQueriesContext(connection) as ctx:
            assert anonymous.get(reverse(name)).status_code == 200
        own = [q for q in ctx.captured_queries if "parelketting_" in q["sql"] or "wijk_" in q["sql"]]
        assert len(own) == own_queries, [q["sql"][:120] for q in own]
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_persons_photo_only_public_with_photo_consent(anonymous, resident_zuidwijk, make_pearl, world):
    from wijk.choices import DataCategory, Purpose
    from wijk.services import consent_give

    person = make_pearl(kind=PearlKind.PERSON, title="Ik lees voor", photo=True)
    photo_url = reverse("parelketting:photo", kwargs={"uid": person.uid})
    assert photo_url not in anonymous.get(person.get_absolute_url()).content.decode()
    assert anonymous.get(photo_url).status_code == 404
    assert resident_zuidwijk.get(photo_url).status_code == 200  # the resident sees their own photo
    consent_give(
        resident=world.residents.zuidwijk,
        category=DataCategory.PHOTO,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method="online",
    )
    assert photo_url in anonymous.get(person.get_absolute_url()).content.decode()
    assert anonymous.get(photo_url).status_code == 200
    feature = anonymous.get(reverse("parelketting:geojson")).json()["features"]
    assert feature == []  # no meeting place: no point; and person thumbnails never go in the open data


def test_submit_records_name_and_photo_consent_in_the_ledger(resident_zuidwijk, world):
    from wijk.choices import DataCategory
    from wijk.models import ConsentRecord

    data = _place_data(kind="person", title="Ik repareer fietsen", show_first_name="on", show_photo="on")
    assert resident_zuidwijk.post(reverse("parelketting:new"), data).status_code == 302
    consents = ConsentRecord.objects.filter(resident=world.residents.zuidwijk)
    assert set(consents.values_list("category", flat=True)) == {DataCategory.FIRST_NAME, DataCategory.PHOTO}
    assert all(c.method == "online" and c.explanation.key == "parelketting-publication" for c in consents)
    assert resident_zuidwijk.post(reverse("parelketting:new"), data).status_code == 302
    assert consents.count() == 2  # an active consent is not recorded twice


def _name_box(html):
    return html.split('name="show_first_name"')[1].split(">")[0]


def test_name_box_shows_the_active_consent_and_untick_takes_it_back(resident_zuidwijk, world):
    """The form's name box follows the ledger: ticked while the first-name consent is active. Sending it
    ticked records nothing new; taking the tick away withdraws it ("Zonder vinkje staat er geen naam bij")."""
    from parelketting.services import pearl_publication_consent_give
    from wijk.choices import DataCategory, Purpose
    from wijk.models import ConsentRecord
    from wijk.services import consent_check

    resident = world.residents.zuidwijk
    url = reverse("parelketting:new")
    assert "checked" not in _name_box(resident_zuidwijk.get(url).content.decode())
    pearl_publication_consent_give(resident=resident, first_name=True, photo=False)
    assert "checked" in _name_box(resident_zuidwijk.get(url).content.decode())

    assert resident_zuidwijk.post(url, _place_data(kind="person", show_first_name="on")).status_code == 302
    assert ConsentRecord.objects.filter(resident=resident, category=DataCategory.FIRST_NAME).count() == 1

    assert resident_zuidwijk.post(url, _place_data(kind="person", title="Ik lees voor")).status_code == 302
    assert not consent_check(resident=resident, category=DataCategory.FIRST_NAME, purpose=Purpose.PUBLICATION)
    assert "checked" not in _name_box(resident_zuidwijk.get(url).content.decode())


def test_reports_are_limited_per_visitor(anonymous, make_pearl):
    from parelketting.limits import REPORTS_PER_HOUR

    pearls = [make_pearl(title=f"Parel {i}") for i in range(REPORTS_PER_HOUR + 1)]
    for pearl in pearls[:REPORTS_PER_HOUR]:
        url = reverse("parelketting:report", kwargs={"uid": pearl.uid})
        assert anonymous.post(url, {"what": "other", "reason": "Klopt niet."}).status_code == 200
    last = pearls[-1]
    response = anonymous.post(
        reverse("parelketting:report", kwargs={"uid": last.uid}), {"what": "other", "reason": "Klopt niet."}
    )
    assert response.status_code == 429
    assert "Probeer het over een uur nog eens." in response.content.decode()
    last.refresh_from_db()
    assert last.status == PearlStatus.PUBLISHED


def test_resident_withdraws_name_and_photo_consent_on_mine(resident_zuidwijk, anonymous, make_pearl, world):
    """Taking back the name or photo consent is one button on "Mijn parels" and works at once."""
    from parelketting.services import pearl_publication_consent_give
    from wijk.models import ConsentWithdrawal

    resident = world.residents.zuidwijk
    pearl_publication_consent_give(resident=resident, first_name=True, photo=True)
    pearl = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen", photo=True)
    assert resident.first_name in anonymous.get(pearl.get_absolute_url()).content.decode()
    html = resident_zuidwijk.get(reverse("parelketting:mine")).content.decode()
    assert "Haal mijn naam weg" in html and "Haal mijn foto weg" in html
    url = reverse("parelketting:consent_withdraw")
    assert resident_zuidwijk.post(url, {"soort": "first_name"}).status_code == 302
    assert resident_zuidwijk.post(url, {"soort": "photo"}).status_code == 302
    assert ConsentWithdrawal.objects.filter(consent__resident=resident).count() == 2
    assert resident.first_name not in anonymous.get(pearl.get_absolute_url()).content.decode()
    photo_url = reverse("parelketting:photo", kwargs={"uid": pearl.uid})
    assert anonymous.get(photo_url).status_code == 404
    html = resident_zuidwijk.get(reverse("parelketting:mine")).content.decode()
    assert "Uw naam staat niet bij uw parels." in html
    assert resident_zuidwijk.post(url, {"soort": "health"}).status_code == 404


@pytest.mark.parametrize(
    ("form_url", "data"),
    [
        ("parelketting:report", {"what": "other", "reason": "Klopt niet.", "website": "http://spam.example"}),
    ],
)
def test_filled_honeypot_stores_nothing(anonymous, make_pearl, form_url, data):
    """A bot that fills the hidden field gets a vague error; the pearl stays on the map."""
    pearl = make_pearl()
    response = anonymous.post(reverse(form_url, kwargs={"uid": pearl.uid}), data)
    assert response.status_code == 200
    assert '<div class="honeypot" aria-hidden="true">' in response.content.decode()
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.PUBLISHED
