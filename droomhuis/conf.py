"""Droomhuis settings, each read with a default so the project settings need not name them.

``DROOMHUIS_FIRST_CONTACT_WORKING_DAYS``: working days within which a new dream gets a first contact (5).
``DROOMHUIS_DUTCH_HOLIDAYS``: count the Dutch public holidays as non-working days (True).
``DROOMHUIS_EXTRA_HOLIDAYS``: extra closed days, as ISO dates ("2026-12-24") or ``date`` objects.
``DROOMHUIS_PHOTO_MAX_BYTES``: largest photo upload accepted (8 MB).
``DROOMHUIS_PHOTO_MAX_SIDE``: photos are scaled down to fit this many pixels (1600).
``DROOMHUIS_QUEUE_PAGE_SIZE``: cases per page in the broker's lists (25).
``SITE_URL``: start of links in e-mails, e.g. ``https://wijkportaal.example`` (empty: paths only).
"""

from datetime import date

from django.conf import settings


def first_contact_working_days() -> int:
    return int(getattr(settings, "DROOMHUIS_FIRST_CONTACT_WORKING_DAYS", 5))


def dutch_holidays_enabled() -> bool:
    return bool(getattr(settings, "DROOMHUIS_DUTCH_HOLIDAYS", True))


def extra_holidays() -> set[date]:
    days = set()
    for value in getattr(settings, "DROOMHUIS_EXTRA_HOLIDAYS", ()):
        days.add(value if isinstance(value, date) else date.fromisoformat(str(value)))
    return days


def photo_max_bytes() -> int:
    return int(getattr(settings, "DROOMHUIS_PHOTO_MAX_BYTES", 8 * 1024 * 1024))


def photo_max_side() -> int:
    return int(getattr(settings, "DROOMHUIS_PHOTO_MAX_SIDE", 1600))


def queue_page_size() -> int:
    return int(getattr(settings, "DROOMHUIS_QUEUE_PAGE_SIZE", 25))


def corporation_slugs() -> list[str]:
    """Corporations that run a Droomhuis: residents of their neighbourhoods can share dreams."""
    return list(getattr(settings, "DROOMHUIS_CORPORATIONS", ["beter-wonen"]))


def site_url() -> str:
    return str(getattr(settings, "SITE_URL", "")).rstrip("/")
