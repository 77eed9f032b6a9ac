"""Walking distances along the necklace: a small pure function, checked against known distances."""

import pytest

from parelketting.geo import EASY_PACE_KMH, haversine_m, round_metres, route_length, walking_minutes


def test_one_thousandth_degree_north_is_about_111_metres():
    assert haversine_m((51.8159, 4.413), (51.8169, 4.413)) == pytest.approx(111.2, abs=0.5)


def test_known_city_distance_amsterdam_to_utrecht():
    """Dam square to Domtoren is about 35.3 km as the crow flies."""
    assert haversine_m((52.3731, 4.8926), (52.0907, 5.1214)) / 1000 == pytest.approx(35.3, abs=0.3)


def test_distance_is_symmetric_and_zero_for_the_same_point():
    a, b = (51.8159, 4.413), (51.817, 4.415)
    assert haversine_m(a, b) == pytest.approx(haversine_m(b, a))
    assert haversine_m(a, a) == 0


def test_walking_minutes_at_4_and_3_kmh_round_up():
    assert walking_minutes(1000) == 15
    assert walking_minutes(1000, EASY_PACE_KMH) == 20
    assert walking_minutes(10) == 1
    assert walking_minutes(0) == 0


def test_metres_are_rounded_as_told_ongeveer():
    assert round_metres(114) == 110
    assert round_metres(1234) == 1250


def test_route_length_sums_legs_in_order():
    points = [(51.8159, 4.413), (51.8169, 4.413), (51.8179, 4.413)]
    length = route_length(points)
    assert length.legs[0] is None
    assert [leg.metres for leg in length.legs[1:]] == [110, 110]
    assert length.metres == 220
    assert length.minutes == 4  # 222 m at 4 km/h = 3.3 min
    assert length.easy_minutes == 5  # at 3 km/h = 4.4 min


def test_order_matters_for_the_total():
    a, b, c = (51.8159, 4.413), (51.8179, 4.413), (51.8169, 4.413)
    assert route_length([a, b, c]).metres > route_length([a, c, b]).metres


def test_empty_and_single_point_routes():
    assert route_length([]).metres == 0
    one = route_length([(51.8, 4.4)])
    assert one.legs == [None] and one.minutes == 0
