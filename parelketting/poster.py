"""The monthly A3 poster for the notice board: the coming month's programme and the new pearls.

Per neighbourhood and month: the published activities that start in that month, and the pearls
published in the month before it. With the portal's address and a QR code to the programme.
"""

from datetime import date, datetime, time

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijk.services import letter_web_address

from .models import Activity, Pearl
from .plaques import qr_svg

POSTER_MONTHS = 4  # a moderator can choose this month and the next three


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_add(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_parse(value: str | None) -> date | None:
    """``"2026-12"`` as the first day of that month; None for anything else."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def poster_months(today: date) -> list[date]:
    first = month_start(today)
    return [month_add(first, n) for n in range(POSTER_MONTHS)]


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def poster_data(*, neighbourhood, month: date) -> dict:
    """Everything the poster shows. Two queries: the activities and the pearls."""
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
    return {
        "neighbourhood": neighbourhood,
        "month": month,
        "previous_month": month_add(month, -1),
        "activities": activities,
        "pearls": pearls,
        "programme_address": letter_web_address(programme_path),
        "site_address": letter_web_address("/"),
        "qr": qr_svg(f"{settings.SITE_URL}{programme_path}", label=_("QR-code naar het programma")),
    }
