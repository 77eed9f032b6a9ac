"""Retention in the Droomhuis, run daily by ``manage.py retention_run`` (found through the app registry).

Every period is a setting (see ``droomhuis.conf``):

- ``DROOMHUIS_DREAM_ANONYMISE_DAYS`` (365): a closed dream is anonymised this long after closure. Only its
  neighbourhood, themes, month and outcome (closing status) stay; see ``droomhuis.erasure.dream_anonymise``.
  Its signals and referrals keep their own clock (below) and stay restricted until then.
- ``DROOMHUIS_SIGNAL_RETENTION_DAYS`` (730): a closed signal is deleted this long after closure.
- ``DROOMHUIS_REFERRAL_RETENTION_DAYS`` (730): a closed referral is deleted this long after closure.
- ``DROOMHUIS_WITHDRAWN_PHOTO_DAYS`` (30): the photo of a dream the resident withdrew is deleted (file too).
  Nobody works on a withdrawn dream, so nobody needs its photo.

Records on legal hold are skipped: a dream is not anonymised while it, one of its signals or one of its
referrals is on hold.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef

from wijk.erasure import file_delete, ledger_delete

from . import conf
from .care.models import Referral, ReferralEvent, Signal
from .erasure import dream_anonymise
from .models import Dream
from .workflow import DreamStatus


def dreams_due(now):
    before = now - timedelta(days=conf.dream_anonymise_days())
    held_signal = Signal.objects.filter(dream=OuterRef("pk"), legal_hold=True)
    held_referral = Referral.objects.filter(dream=OuterRef("pk"), legal_hold=True)
    return (
        Dream.objects.closed()
        .filter(closed_at__lt=before, anonymised_at__isnull=True, legal_hold=False)
        .exclude(Exists(held_signal))
        .exclude(Exists(held_referral))
    )


def signals_due(now):
    return Signal.objects.past_retention(now - timedelta(days=conf.signal_retention_days()))


def referrals_due(now):
    before = now - timedelta(days=conf.referral_retention_days())
    return Referral.objects.filter(closed_at__lt=before, legal_hold=False)


def withdrawn_photos_due(now):
    before = now - timedelta(days=conf.withdrawn_photo_days())
    return Dream.objects.filter(status=DreamStatus.WITHDRAWN, closed_at__lt=before, legal_hold=False).exclude(photo="")


def signals_delete(*, now, dry_run: bool) -> int:
    due = signals_due(now)
    count = due.count()
    if not dry_run:
        due.delete()
    return count


def retention_run(*, now, dry_run: bool) -> list[tuple[str, int]]:
    """Apply every rule; return ``(what, how many)`` lines. With ``dry_run`` only count."""
    lines = []
    with transaction.atomic():
        photos = list(withdrawn_photos_due(now))
        if not dry_run:
            for dream in photos:
                file_delete(dream.photo)
                Dream.objects.filter(pk=dream.pk).update(photo="", photo_description="")
        lines.append(("droomhuis: photos of withdrawn dreams deleted", len(photos)))

        dreams = list(dreams_due(now))
        if not dry_run:
            for dream in dreams:
                dream_anonymise(dream)
        lines.append(("droomhuis: closed dreams anonymised", len(dreams)))

        lines.append(("droomhuis: closed signals deleted", signals_delete(now=now, dry_run=dry_run)))

        referrals = list(referrals_due(now))
        if not dry_run:
            for referral in referrals:
                ledger_delete(ReferralEvent.objects.filter(referral=referral))
                referral.delete()
        lines.append(("droomhuis: closed referrals deleted", len(referrals)))
    return lines
