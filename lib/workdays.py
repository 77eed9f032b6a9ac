"""Working-day arithmetic: weekends and holidays do not count. Every app's deadlines and promises use it
(a dream's first contact, a referral's answer, the day a "bel mij terug" call comes).

Holidays are the Dutch public holidays, unless ``DROOMHUIS_DUTCH_HOLIDAYS`` is False, plus the dates in
``DROOMHUIS_EXTRA_HOLIDAYS`` (ISO strings or dates). The settings keep the name of the app that needed them first.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings


def dutch_holidays_enabled() -> bool:
    return bool(getattr(settings, "DROOMHUIS_DUTCH_HOLIDAYS", True))


def extra_holidays() -> set[date]:
    days = set()
    for value in getattr(settings, "DROOMHUIS_EXTRA_HOLIDAYS", ()):
        days.add(value if isinstance(value, date) else date.fromisoformat(str(value)))
    return days


@lru_cache(maxsize=64)
def dutch_holidays(year: int) -> frozenset[date]:
    """The Dutch public holidays (the ``holidays`` package): Good Friday, King's Day on the 26th when the 27th is a
    Sunday, and Liberation Day only in lustrum years, as most employers close."""
    return frozenset(holidays.country_holidays("NL", years=year))


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
