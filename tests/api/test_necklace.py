"""Necklace routes and the upcoming programme in the open-data API."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from parelketting.choices import ActivityStatus, PearlKind, PearlStatus, RouteStatus, SignUpStatus
from parelketting.models import Activity, Pearl, Route, RouteStop, SignUp
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_route(world, make_pearl):
    def make(*, slug="rondje-zuidwijk", status=RouteStatus.PUBLISHED, stops=3):
        route = Route.objects.create(
            slug=slug, title=slug.replace("-", " "), neighbourhood=world.zuidwijk, status=status
        )
        for i in range(stops):
            pearl = make_pearl(title=f"{slug} stop {i}", offset=Decimal("0.001") * (i + 1))
            RouteStop.objects.create(route=route, pearl=pearl, position=(i + 1) * 10, note=f"Tip {i}")
        return route

    return make


@pytest.fixture
def make_activity(world):
    def make(*, title="Koffie in de tuin", status=ActivityStatus.PUBLISHED, days=3, place=None, partner=None, **kw):
        start = timezone.now() + timedelta(days=days)
        return Activity.objects.create(
            title=title,
            description="Samen koffie drinken.",
            neighbourhood=kw.pop("neighbourhood", world.zuidwijk),
            place=place,
            place_text="" if place else "Het buurthuis",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            organiser_resident=None if partner else world.residents.zuidwijk,
            organiser_partner=partner,
            capacity=12,
            status=status,
            **kw,
        )

    return make


def test_published_routes_with_ordered_public_stops_and_a_line(anonymous, make_route):
    route = make_route()
    make_route(slug="concept", status=RouteStatus.DRAFT)
    hidden = route.stops.order_by("position")[1].pearl
    Pearl.objects.filter(pk=hidden.pk).update(status=PearlStatus.HIDDEN)
    body = anonymous.get("/api/v1/routes").json()
    assert [r["slug"] for r in body["results"]] == ["rondje-zuidwijk"]
    data = body["results"][0]
    assert [s["title"] for s in data["stops"]] == ["rondje-zuidwijk stop 0", "rondje-zuidwijk stop 2"]
    assert [s["number"] for s in data["stops"]] == [1, 2]
    assert data["stops"][0]["walk_metres"] is None
    assert data["stops"][1]["walk_metres"] > 0
    assert data["geometry"]["type"] == "LineString"
    assert len(data["geometry"]["coordinates"]) == 2
    assert str(hidden.uid) not in anonymous.get("/api/v1/routes").content.decode()
    assert data["url"] == f"{settings.SITE_URL}/parelketting/ketting/rondje-zuidwijk/"
    assert anonymous.get("/api/v1/routes/rondje-zuidwijk").json()["metres"] == data["metres"]
    assert anonymous.get("/api/v1/routes/concept").status_code == 404
    assert anonymous.get("/api/v1/routes/nergens").status_code == 404


def test_upcoming_published_and_cancelled_activities_without_residents(anonymous, make_activity, make_pearl, world):
    place = make_pearl(title="Buurttuin")
    shown = make_activity(place=place)
    shown.themes.set([world.themes["ontmoeting"]])
    cancelled = make_activity(title="Gaat niet door", status=ActivityStatus.CANCELLED)
    make_activity(title="Alleen voorgesteld", status=ActivityStatus.PROPOSED)
    make_activity(title="Al geweest", days=-3)
    for _ in range(2):
        SignUp.objects.create(
            activity=shown, resident=ResidentFactory(neighbourhood=world.zuidwijk), status=SignUpStatus.CONFIRMED
        )
    body = anonymous.get("/api/v1/activities").json()
    assert [a["title"] for a in body["results"]] == ["Koffie in de tuin", "Gaat niet door"]
    first = body["results"][0]
    assert first["place"] == {
        "pearl": str(place.uid),
        "name": "Buurttuin",
        "geometry": {"type": "Point", "coordinates": [float(place.lng), float(place.lat)]},
    }
    assert first["free_places"] == 10
    assert first["themes"] == ["ontmoeting"]
    assert first["organiser_partner"] is None
    assert body["results"][1]["status"] == "cancelled"
    assert body["results"][1]["place"] == {"pearl": None, "name": "Het buurthuis", "geometry": None}
    assert "Ans" not in anonymous.get("/api/v1/activities").content.decode()
    assert anonymous.get("/api/v1/activities", {"theme": "ontmoeting"}).json()["count"] == 1
    assert anonymous.get("/api/v1/activities", {"neighbourhood": "hagedoorn"}).json()["count"] == 0
    assert anonymous.get(f"/api/v1/activities/{cancelled.uid}").status_code == 200


def test_activity_detail_lists_published_talents_and_hides_proposals(anonymous, make_activity, make_pearl, world):
    activity = make_activity(partner=world.welzijn)
    talent = make_pearl(kind=PearlKind.PERSON, title="Ik bak taart")
    hidden = make_pearl(kind=PearlKind.PERSON, title="Verborgen", status=PearlStatus.HIDDEN)
    activity.talent_pearls.set([talent, hidden])
    body = anonymous.get(f"/api/v1/activities/{activity.uid}").json()
    assert body["talents"] == [str(talent.uid)]
    assert body["organiser_partner"] == "welzijn-almelo"
    proposal = make_activity(status=ActivityStatus.PROPOSED)
    assert anonymous.get(f"/api/v1/activities/{proposal.uid}").status_code == 404
    assert anonymous.get(f"/api/v1/activities/{uuid.uuid4()}").status_code == 404
    assert anonymous.post(f"/api/v1/activities/{activity.uid}").status_code == 405


def test_queries_at_two_sizes(anonymous, make_route, make_activity, world, django_assert_num_queries):
    for i in range(2):
        make_route(slug=f"route-{i}", stops=2)
        make_activity(title=f"Activiteit {i}", partner=world.welzijn).themes.set([world.themes["groen"]])
    with django_assert_num_queries(3):  # count, routes, stops with pearls
        anonymous.get("/api/v1/routes")
    with django_assert_num_queries(3):  # count, activities with joins and sign-up count, themes
        anonymous.get("/api/v1/activities")
    for i in range(2, 12):
        make_route(slug=f"route-{i}", stops=4)
        make_activity(title=f"Activiteit {i}").themes.set([world.themes["groen"]])
    with django_assert_num_queries(3):
        assert len(anonymous.get("/api/v1/routes").json()["results"]) == 12
    with django_assert_num_queries(3):
        assert len(anonymous.get("/api/v1/activities").json()["results"]) == 12
