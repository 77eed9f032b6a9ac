"""Walking distances along the necklace. Pure functions: numbers in, numbers out, no database."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_000
# Walking speeds in km/h: an ordinary pace, and an easy pace for older walkers.
PACE_KMH = 4.0
EASY_PACE_KMH = 3.0


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance in metres over the earth's surface between two (lat, lng) points in degrees."""
    lat1, lng1 = math.radians(float(a[0])), math.radians(float(a[1]))
    lat2, lng2 = math.radians(float(b[0])), math.radians(float(b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


def walking_minutes(metres: float, kmh: float = PACE_KMH) -> int:
    """Whole minutes to walk ``metres`` at ``kmh``, rounded up, at least 1 for any distance."""
    if metres <= 0:
        return 0
    return max(1, math.ceil(metres / (kmh * 1000 / 60)))


def round_metres(metres: float) -> int:
    """Distances are told "ongeveer": to 10 m below 1 km, to 50 m above."""
    step = 10 if metres < 1000 else 50
    return int(round(metres / step) * step)


@dataclass(frozen=True)
class Leg:
    metres: int
    minutes: int
    easy_minutes: int


@dataclass(frozen=True)
class RouteLength:
    legs: list[Leg | None]  # legs[i] is the walk from stop i-1 to stop i; legs[0] is None
    metres: int
    minutes: int
    easy_minutes: int


def route_length(points: Sequence[tuple[float, float]]) -> RouteLength:
    """Straight-line walking distance between consecutive points and in total, with minutes at two paces.

    Real paths are a little longer than the straight line, so pages say "ongeveer".
    """
    legs: list[Leg | None] = [None] if points else []
    total = 0.0
    for previous, current in zip(points, points[1:], strict=False):
        metres = haversine_m(previous, current)
        total += metres
        legs.append(Leg(round_metres(metres), walking_minutes(metres), walking_minutes(metres, EASY_PACE_KMH)))
    return RouteLength(
        legs=legs,
        metres=round_metres(total),
        minutes=walking_minutes(total),
        easy_minutes=walking_minutes(total, EASY_PACE_KMH),
    )


def bearing_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The compass bearing from ``a`` to ``b`` in degrees: 0 is north, 90 east, 180 south, 270 west."""
    lat1, lat2 = math.radians(float(a[0])), math.radians(float(b[0]))
    dlng = math.radians(float(b[1]) - float(a[1]))
    x = math.sin(dlng) * math.cos(lat2)
    y = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlng)
    return math.degrees(math.atan2(x, y)) % 360


# The eight compass points, clockwise from north; callers turn them into words.
COMPASS = ("n", "ne", "e", "se", "s", "sw", "w", "nw")


def compass_point(a: tuple[float, float], b: tuple[float, float]) -> str:
    """One of ``COMPASS`` for the way from ``a`` to ``b``."""
    return COMPASS[int((bearing_deg(a, b) + 22.5) // 45) % 8]


def nice_scale_metres(span_m: float) -> int:
    """A round length (1, 2 or 5 times a power of ten, at least 10 m) of about a quarter of ``span_m``."""
    target = max(10.0, span_m / 4)
    power = 10 ** math.floor(math.log10(target))
    for step in (5, 2, 1):
        if step * power <= target:
            return int(step * power)
    return int(power)
