"""The monthly A3 poster for the notice board: the coming month's programme and the new pearls.

Per neighbourhood and month: the published activities that start in that month, and the pearls
published in the month before it. With the portal's address and a QR code to the programme.
"""

import re
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.links import absolute_url, short_address
from lib.qr import qr_svg
from wijk.stories import featured_story

from ..models import Pearl
from .models import Activity

POSTER_MONTHS = 4  # a moderator can choose this month and the next three
POSTER_REACH_MONTHS = 12  # by the address bar, a poster up to a year back or ahead
MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_add(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_parse(value: str | None) -> date | None:
    """``"2026-12"`` as the first day of that month; None for anything else (``2026-13``, ``0``, ``٢٠٢٦-١٢``)."""
    found = MONTH.fullmatch(value or "")
    if not found or not 1 <= int(found[2]) <= 12:
        return None
    return date(int(found[1]), int(found[2]), 1)


def poster_month_allowed(month: date, today: date) -> bool:
    """A poster is made for a month at most ``POSTER_REACH_MONTHS`` from this one (so year 1 or 9999 is not)."""
    first = month_start(today)
    return month_add(first, -POSTER_REACH_MONTHS) <= month <= month_add(first, POSTER_REACH_MONTHS)


def poster_months(today: date) -> list[date]:
    first = month_start(today)
    return [month_add(first, n) for n in range(POSTER_MONTHS)]


def poster_default_month(neighbourhood, today: date) -> date:
    """The month a poster opens on: this month while something in it is still to come, else the first of the
    coming months with an activity, else this month (its poster then says there is nothing yet). One query."""
    first = month_start(today)
    end = _aware(month_add(first, POSTER_MONTHS))
    soonest = (
        Activity.objects.published()
        .filter(neighbourhood=neighbourhood, starts_at__gte=timezone.now(), starts_at__lt=end)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return month_start(timezone.localdate(soonest)) if soonest is not None else first


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def poster_data(*, neighbourhood, month: date) -> dict:
    """Everything the poster shows. The activities and the pearls (two queries), and the story staff featured
    (``wijk.stories``: one query per app until one is found)."""
    start, end = _aware(month), _aware(month_add(month, 1))
    previous = _aware(month_add(month, -1))
    activities = list(
        Activity.objects.published()
        .filter(neighbourhood=neighbourhood, starts_at__gte=start, starts_at__lt=end)
        .select_related("place")
        .order_by("starts_at", "pk")
    )
    pearls = list(
        Pearl.objects.published()
        .filter(neighbourhood=neighbourhood, published_at__gte=previous, published_at__lt=start)
        .only("uid", "title", "kind", "street", "published_at")
        .order_by("published_at", "pk")
    )
    programme_path = reverse("parelketting:programme")
    story = featured_story(neighbourhood)
    return {
        "story": story,
        "story_address": short_address(story.url) if story else "",
        "neighbourhood": neighbourhood,
        "month": month,
        "previous_month": month_add(month, -1),
        "activities": activities,
        "pearls": pearls,
        "programme_address": short_address(programme_path),
        "site_address": short_address("/"),
        "qr": qr_svg(absolute_url(programme_path), label=_("QR-code naar het programma")),
    }
