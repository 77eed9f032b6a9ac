"""Pearls in the open-data API: only published ones, GeoJSON, filters, pages, and the map's privacy rules."""

import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from parelketting.choices import PearlKind, PearlStatus
from parelketting.models import Pearl
from wijk.choices import Channel, DataCategory, Purpose
from wijk.services import consent_give

pytestmark = pytest.mark.django_db

URL = "/api/v1/pearls"


def test_only_published_pearls_as_geojson_with_uuid_ids(anonymous, make_pearl, world):
    shown = make_pearl(title="Bankje", themes=[world.themes["groen"]])
    make_pearl(title="Wacht nog", status=PearlStatus.SUBMITTED)
    make_pearl(title="Verborgen", status=PearlStatus.HIDDEN)
    response = anonymous.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["count"] == 1
    feature = body["features"][0]
    assert feature["id"] == str(shown.uid)
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [float(shown.lng), float(shown.lat)],
    }
    props = feature["properties"]
    assert props["title"] == "Bankje"
    assert props["themes"] == ["groen"]
    assert props["neighbourhood"] == "zuidwijk"
    assert props["url"] == f"{settings.SITE_URL}/parelketting/parel/{shown.uid}/"
    assert props["changed"].endswith(("Z", "+00:00"))
    assert "public_name" not in props


def test_person_is_drawn_at_its_meeting_place_never_at_home(anonymous, make_pearl):
    place = make_pearl(title="Buurthuis")
    person = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen", meeting_place=place)
    alone = make_pearl(kind=PearlKind.PERSON, title="Ik brei")
    features = {f["id"]: f for f in anonymous.get(URL).json()["features"]}
    assert features[str(person.uid)]["geometry"]["coordinates"] == [float(place.lng), float(place.lat)]
    assert features[str(alone.uid)]["geometry"] is None


def test_person_at_a_hidden_meeting_place_has_no_point(anonymous, make_pearl, world):
    place = make_pearl(title="Buurthuis")
    person = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen", meeting_place=place)
    Pearl.objects.filter(pk=place.pk).update(status=PearlStatus.HIDDEN)
    feature = anonymous.get(f"{URL}/{person.uid}").json()
    assert feature["geometry"] is None


def test_thumbnail_only_for_places_never_for_a_person(anonymous, make_pearl, world):
    place = make_pearl(title="Tuin", photo=True)
    person = make_pearl(kind=PearlKind.PERSON, title="Ik kook", photo=True)
    consent_give(
        resident=world.residents.zuidwijk,
        category=DataCategory.PHOTO,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method=Channel.ONLINE,
    )
    features = {f["id"]: f["properties"] for f in anonymous.get(URL).json()["features"]}
    assert features[str(place.uid)]["thumbnail"] == f"{settings.SITE_URL}/parelketting/parel/{place.uid}/foto-klein/"
    assert features[str(person.uid)]["thumbnail"] is None


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("kind=place", {"Bankje", "Moestuin"}),
        ("kind=person", {"Ik repareer fietsen"}),
        ("theme=groen", {"Bankje"}),
        ("theme=onbekend", set()),
        ("neighbourhood=hagedoorn", {"Moestuin"}),
        ("neighbourhood=zuidwijk&kind=place", {"Bankje"}),
    ],
)
def test_filters(anonymous, make_pearl, world, query, titles):
    place = make_pearl(title="Bankje", themes=[world.themes["groen"]])
    make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen", meeting_place=place)
    make_pearl(title="Moestuin", neighbourhood=world.hagedoorn)
    body = anonymous.get(f"{URL}?{query}").json()
    assert {f["properties"]["title"] for f in body["features"]} == titles


def test_bbox_uses_the_drawn_point(anonymous, make_pearl, world):
    place = make_pearl(title="Bankje")
    make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen", meeting_place=place)
    make_pearl(title="Ver weg", offset=Decimal("0.5"))
    lat, lng = float(place.lat), float(place.lng)
    box = f"{lng - 0.01},{lat - 0.01},{lng + 0.01},{lat + 0.01}"
    titles = {f["properties"]["title"] for f in anonymous.get(f"{URL}?bbox={box}").json()["features"]}
    assert titles == {"Bankje", "Ik repareer fietsen"}


@pytest.mark.parametrize("box", ["1,2,3", "a,b,c,d", "5,5,4,4", "0,0,181,1", "0,-91,1,1"])
def test_a_wrong_bbox_is_a_422_with_a_message(anonymous, box):
    response = anonymous.get(f"{URL}?bbox={box}")
    assert response.status_code == 422
    assert "bbox" in response.json()["detail"]


def test_changed_since(anonymous, make_pearl):
    old = make_pearl(title="Oud")
    Pearl.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timezone.timedelta(days=10))
    make_pearl(title="Nieuw")
    since = (timezone.now() - timezone.timedelta(days=1)).isoformat()
    response = anonymous.get(URL, {"changed_since": since})
    assert [f["properties"]["title"] for f in response.json()["features"]] == ["Nieuw"]
    naive = (timezone.now() - timezone.timedelta(days=20)).replace(tzinfo=None).isoformat()
    assert anonymous.get(URL, {"changed_since": naive}).json()["count"] == 2
    assert anonymous.get(URL, {"changed_since": "gisteren"}).status_code == 422


@pytest.mark.parametrize(
    ("since", "count"),
    [
        ("0001-01-01T00:00:00+05:00", 1),  # before the first moment in UTC: everything changed since
        ("0001-01-01T00:00:00", 1),
        ("9999-12-31T23:59:59-05:00", 0),  # after the last moment in UTC: nothing did
        ("9999-12-31T23:59:59.999999", 0),
    ],
)
def test_changed_since_at_the_ends_of_the_calendar(anonymous, make_pearl, since, count):
    """Years 1 and 9999 with an offset that crosses the calendar's end answer 200, not an OverflowError."""
    make_pearl(title="Bankje")
    response = anonymous.get(URL, {"changed_since": since})
    assert response.status_code == 200
    assert response.json()["count"] == count


def test_pages_with_links(anonymous, make_pearl):
    for i in range(5):
        make_pearl(title=f"Parel {i}")
    first = anonymous.get(URL, {"limit": 2}).json()
    assert first["count"] == 5
    assert len(first["features"]) == 2
    assert first["previous"] is None
    assert first["next"] == f"{settings.SITE_URL}{URL}?limit=2&offset=2"
    last = anonymous.get(URL, {"limit": 2, "offset": 4}).json()
    assert len(last["features"]) == 1
    assert last["next"] is None
    assert last["previous"].endswith("offset=2")
    seen = {f["id"] for f in first["features"]} | {f["id"] for f in last["features"]}
    assert len(seen) == 3
    assert anonymous.get(URL, {"limit": 101}).status_code == 422
    assert anonymous.get(URL, {"offset": -1}).status_code == 422
    assert anonymous.get(URL, {"offset": 50}).json()["features"] == []


def test_detail_by_uuid_and_404_for_unknown_or_unpublished(anonymous, make_pearl):
    shown = make_pearl(title="Bankje")
    waiting = make_pearl(title="Wacht", status=PearlStatus.SUBMITTED)
    response = anonymous.get(f"{URL}/{shown.uid}")
    assert response.status_code == 200
    assert response.json()["properties"]["title"] == "Bankje"
    assert anonymous.get(f"{URL}/{waiting.uid}").status_code == 404
    assert anonymous.get(f"{URL}/{uuid.uuid4()}").status_code == 404
    assert anonymous.get(f"{URL}/{shown.pk}").status_code in (404, 422)


def test_detail_shows_a_name_only_with_consent(anonymous, make_pearl, world):
    pearl = make_pearl(kind=PearlKind.PERSON, title="Ik kook")
    assert anonymous.get(f"{URL}/{pearl.uid}").json()["properties"]["public_name"] == ""
    consent_give(
        resident=world.residents.zuidwijk,
        category=DataCategory.FIRST_NAME,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method=Channel.ONLINE,
    )
    assert anonymous.get(f"{URL}/{pearl.uid}").json()["properties"]["public_name"] == "Ans"


def test_partner_offer_names_the_partner_not_a_person(anonymous, make_pearl, world):
    pearl = make_pearl(kind=PearlKind.PARTNER_OFFER, title="Koffieochtend", partner=world.welzijn)
    props = anonymous.get(f"{URL}/{pearl.uid}").json()["properties"]
    assert props["partner"] == "welzijn-almelo"
    assert props["public_name"] == ""


def test_post_is_405(anonymous, make_pearl):
    pearl = make_pearl()
    assert anonymous.post(URL).status_code == 405
    assert anonymous.post(f"{URL}/{pearl.uid}").status_code == 405
    assert anonymous.delete(f"{URL}/{pearl.uid}").status_code == 405


def test_changed_since_with_an_unusual_time_zone_offset_is_answered(client, db):
    """PostgreSQL refuses offsets beyond ±15:59; the API converts to UTC first (a fuzzing find)."""
    response = client.get("/api/v1/pearls", {"changed_since": "0486-08-03T00:28:30+16:56"})
    assert response.status_code == 200
