"""Query counts of every list endpoint, pinned at two data sizes so an N+1 fails."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parelketting.choices import PearlKind
from tests.factories import NeighbourhoodFactory, PartnerFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_pearl_list_is_three_queries_at_any_size(anonymous, make_pearl, world, django_assert_num_queries):
    def add(n):
        for i in range(n):
            place = make_pearl(title=f"Plek {i}", themes=[world.themes["groen"], world.themes["klussen"]], photo=i == 0)
            make_pearl(kind=PearlKind.PERSON, title=f"Mens {i}", meeting_place=place)
            make_pearl(kind=PearlKind.PARTNER_OFFER, title=f"Aanbod {i}", partner=world.welzijn)

    add(1)
    with django_assert_num_queries(3):  # count, pearls with neighbourhood/meeting place/partner, themes
        assert len(anonymous.get("/api/v1/pearls").json()["features"]) == 3
    add(10)
    with django_assert_num_queries(3):
        assert len(anonymous.get("/api/v1/pearls").json()["features"]) == 33
    with django_assert_num_queries(3):
        anonymous.get("/api/v1/pearls?theme=groen&neighbourhood=zuidwijk&bbox=0,0,10,60&changed_since=2020-01-01")


def test_pearl_detail_is_fixed(anonymous, make_pearl, world):
    pearl = make_pearl(kind=PearlKind.PERSON, title="Mens", themes=[world.themes["groen"]])
    # pearl with joins, themes, then public_name's consent checks (first name, alias)
    assert queries(anonymous, f"/api/v1/pearls/{pearl.uid}") <= 4


def test_directory_lists_at_two_sizes(anonymous, world, django_assert_num_queries):
    def grow(n, start):
        for i in range(start, start + n):
            theme = ThemeFactory(slug=f"thema-{i}", name=f"Thema {i}")
            hood = NeighbourhoodFactory(slug=f"wijk-{i}", name=f"Wijk {i}", corporation=world.hw)
            partner = PartnerFactory(slug=f"partner-x{i}", name=f"Partner {i}")
            partner.themes.set([theme])
            partner.neighbourhoods.set([hood])

    grow(2, 0)
    small = {
        url: queries(anonymous, url)
        for url in ("/api/v1/neighbourhoods", "/api/v1/themes", "/api/v1/partners", "/api/v1/experiments")
    }
    assert small == {
        "/api/v1/neighbourhoods": 2,
        "/api/v1/themes": 2,
        "/api/v1/partners": 4,
        "/api/v1/experiments": 1,
    }
    grow(28, 2)
    for url, count in small.items():
        with django_assert_num_queries(count):
            anonymous.get(url)


def test_experiments_at_two_sizes(anonymous, make_experiment, django_assert_num_queries):
    for i in range(3):
        make_experiment(slug=f"exp-{i}")
    with django_assert_num_queries(2):
        assert len(anonymous.get("/api/v1/experiments").json()["results"]) == 3
    for i in range(3, 30):
        make_experiment(slug=f"exp-{i}")
    with django_assert_num_queries(2):
        assert len(anonymous.get("/api/v1/experiments").json()["results"]) == 30


def test_dream_wall_at_two_sizes(anonymous, make_wall_dream, django_assert_num_queries):
    for _ in range(3):
        make_wall_dream()
    with django_assert_num_queries(3):
        assert len(anonymous.get("/api/v1/dream-wall").json()["results"]) == 3
    for _ in range(27):
        make_wall_dream()
    with django_assert_num_queries(3):
        assert len(anonymous.get("/api/v1/dream-wall").json()["results"]) == 30
