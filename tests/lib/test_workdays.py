"""Working-day deadlines skip weekends, Dutch public holidays and configured closed days."""

from datetime import date

from droomhuis.workdays import first_contact_due
from lib import workdays


def test_easter_dates_are_right():
    # Easter Sunday is 5 April 2026 and 28 March 2027: Good Friday and Easter Monday follow it.
    assert {date(2026, 4, 3), date(2026, 4, 6)} <= workdays.dutch_holidays(2026)
    assert {date(2027, 3, 26), date(2027, 3, 29)} <= workdays.dutch_holidays(2027)


def test_five_working_days_skip_the_weekend():
    # Wednesday 4 Nov 2026 + 5 working days = Wednesday 11 Nov.
    assert workdays.add_working_days(date(2026, 11, 4), 5) == date(2026, 11, 11)


def test_a_friday_dream_counts_from_monday():
    assert workdays.add_working_days(date(2026, 11, 6), 1) == date(2026, 11, 9)


def test_christmas_and_boxing_day_do_not_count():
    # Wednesday 23 Dec 2026: 24th (Thu) counts, 25/26 are holidays, weekend, then 28..31 Dec.
    assert workdays.add_working_days(date(2026, 12, 23), 5) == date(2026, 12, 31)


def test_easter_monday_and_kings_day_do_not_count():
    assert not workdays.is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not workdays.is_working_day(date(2026, 4, 27))  # King's Day
    assert workdays.add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 7)  # Good Friday -> skip Easter Monday


def test_kings_day_on_sunday_moves_to_saturday():
    assert date(2025, 4, 26) in workdays.dutch_holidays(2025)


def test_liberation_day_only_in_lustrum_years():
    assert not workdays.is_working_day(date(2025, 5, 5))  # Monday in a lustrum year
    assert workdays.is_working_day(date(2026, 5, 5))  # Tuesday, not a lustrum year


def test_extra_holidays_come_from_settings(settings):
    settings.DROOMHUIS_EXTRA_HOLIDAYS = ["2026-11-05"]
    assert workdays.add_working_days(date(2026, 11, 4), 1) == date(2026, 11, 6)


def test_dutch_holidays_can_be_switched_off(settings):
    settings.DROOMHUIS_DUTCH_HOLIDAYS = False
    assert workdays.is_working_day(date(2026, 12, 25))


def test_first_contact_deadline_follows_the_setting(settings):
    settings.DROOMHUIS_FIRST_CONTACT_WORKING_DAYS = 2
    assert first_contact_due(date(2026, 11, 4)) == date(2026, 11, 6)


def test_zero_days_is_the_same_day():
    assert workdays.add_working_days(date(2026, 11, 7), 0) == date(2026, 11, 7)
