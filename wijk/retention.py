"""Retention in ``wijk``, run daily by ``manage.py retention_run`` (found through the app registry).

"Bel mij terug": a call task keeps the resident's phone number, first name and note only as long as staff need
them. ``WIJK_CALLBACK_RETENTION_DAYS`` (30) days after a task was marked done, those are emptied; so are they
for a task nobody closed ``WIJK_CALLBACK_STALE_DAYS`` (90) days after it was asked, and such a task leaves the
staff's list. The task itself stays without them (neighbourhood, day, status), so staff can count how often
residents ask.

A photo kept after a form error (``photos.photo_keep``) is removed ``PHOTO_KEPT_HOURS`` (24) hours after it was
chosen; by then its token no longer works either.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from lib.photos import photos_kept_remove_old

from .models import CallbackRequest, CallbackStatus
from .services import callback_request_erase


def callback_retention_days() -> int:
    return int(getattr(settings, "WIJK_CALLBACK_RETENTION_DAYS", 30))


def callback_stale_days() -> int:
    return int(getattr(settings, "WIJK_CALLBACK_STALE_DAYS", 90))


def callbacks_due(now):
    done_before = now - timedelta(days=callback_retention_days())
    asked_before = now - timedelta(days=callback_stale_days())
    done = Q(status=CallbackStatus.DONE, handled_at__lt=done_before)
    return CallbackRequest.objects.filter(done | Q(created_at__lt=asked_before), erased_at__isnull=True)


def retention_run(*, now, dry_run: bool) -> list[tuple[str, int]]:
    due = callbacks_due(now)
    count = due.count() if dry_run else callback_request_erase(callbacks=due)
    return [
        ("wijk callback requests: phone number and note removed", count),
        ("wijk photos kept after a form error: removed", photos_kept_remove_old(now=now, dry_run=dry_run)),
    ]
