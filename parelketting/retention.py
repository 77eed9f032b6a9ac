"""Retention in the Parelketting, run daily by ``manage.py retention_run`` (found through the app registry).

Photos nobody consented to keep: a pearl's photo is kept because the resident agreed to show it on the map.
A pearl that is not on the map (waiting, returned with a question, rejected or hidden) and has not changed
status for ``PARELKETTING_UNPUBLISHED_PHOTO_DAYS`` days (90) loses its photo and small photo, files in
storage included. The pearl itself stays for the moderators; the resident can send a new photo.
Published pearls and the photos with an activity's "zo ging het" story keep theirs: those were agreed to.
Pearls have no legal hold; nothing else here is deleted by time.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from wijk.erasure import file_delete

from .choices import PearlStatus
from .models import Pearl

NOT_ON_THE_MAP = (PearlStatus.SUBMITTED, PearlStatus.RETURNED, PearlStatus.REJECTED, PearlStatus.HIDDEN)


def unpublished_photo_days() -> int:
    return int(getattr(settings, "PARELKETTING_UNPUBLISHED_PHOTO_DAYS", 90))


def photos_due(now):
    before = now - timedelta(days=unpublished_photo_days())
    return Pearl.objects.filter(status__in=NOT_ON_THE_MAP, status_changed_at__lt=before).exclude(photo="", thumbnail="")


def retention_run(*, now, dry_run: bool) -> list[tuple[str, int]]:
    pearls = list(photos_due(now))
    if not dry_run:
        with transaction.atomic():
            for pearl in pearls:
                file_delete(pearl.photo)
                file_delete(pearl.thumbnail)
                Pearl.objects.filter(pk=pearl.pk).update(photo="", thumbnail="", photo_description="")
    return [("parelketting: photos of pearls not on the map deleted", len(pearls))]
