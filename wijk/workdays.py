"""Working-day arithmetic: weekends and holidays do not count. Every app's deadlines and promises use it
(a dream's first contact, a referral's answer, the day a "bel mij terug" call comes).

Holidays are the Dutch public holidays, unless ``DROOMHUIS_DUTCH_HOLIDAYS`` is False, plus the dates in
``DROOMHUIS_EXTRA_HOLIDAYS`` (ISO strings or dates). The settings keep the name of the app that needed them first.
"""

from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings


def dutch_holidays_enabled() -> bool:
    return bool(getattr(settings, "DROOMHUIS_DUTCH_HOLIDAYS", True))


def extra_holidays() -> set[date]:
    days = set()
    for value in getattr(settings, "DROOMHUIS_EXTRA_HOLIDAYS", ()):
        days.add(value if isinstance(value, date) else date.fromisoformat(str(value)))
    return days


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def dutch_holidays(year: int) -> frozenset[date]:
    """The Dutch public holidays most employers close on. Liberation Day only in lustrum years."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    days = {
        date(year, 1, 1),
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        kings_day,
        easter + timedelta(days=39),
        easter + timedelta(days=50),
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if year % 5 == 0:
        days.add(date(year, 5, 5))
    return frozenset(days)


def is_holiday(day: date, extra: set[date] | None = None) -> bool:
    extra = extra_holidays() if extra is None else extra
    if day in extra:
        return True
    return dutch_holidays_enabled() and day in dutch_holidays(day.year)


def is_working_day(day: date, extra: set[date] | None = None) -> bool:
    return day.weekday() < 5 and not is_holiday(day, extra)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself never counts)."""
    if days < 0:
        raise ValueError("days must be zero or more")
    extra = extra_holidays()
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, extra):
            remaining -= 1
    return day
