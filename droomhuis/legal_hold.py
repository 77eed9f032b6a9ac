"""Legal hold: a dream, signal or referral that must be kept for a court case or a complaint.

Retention (``retention_run``) and "vergeet mij" skip records on hold. Only a superuser sets or lifts a hold,
in the admin, with a reason; each change is an access-log row (action "gewijzigd", detail names the hold).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .audit import case_log
from .care.models import Referral, Signal
from .models import Dream


def _dream_of(record) -> Dream:
    return record if isinstance(record, Dream) else record.dream


def legal_hold_set(*, record: Dream | Signal | Referral, hold: bool, by, reason: str) -> bool:
    """Put ``record`` on legal hold (``hold=True``) or lift it; returns whether anything changed.

    A reason is required both ways, so the access log says why a record was kept or let go.
    """
    if not by.is_superuser:
        raise ValidationError(_("Alleen een beheerder mag dit doen."), code="not_allowed")
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Schrijf op waarom."), code="reason_required")
    if getattr(record, "anonymised_at", None) is not None:
        raise ValidationError(_("Deze droom is al anoniem gemaakt."), code="anonymised")
    with transaction.atomic():
        locked = (
            type(record)
            .objects.select_for_update(of=("self",))
            .select_related(
                "neighbourhood__corporation" if isinstance(record, Dream) else "dream__neighbourhood__corporation"
            )
            .get(pk=record.pk)
        )
        if locked.legal_hold == hold:
            return False
        locked.legal_hold = hold
        locked.save(update_fields=["legal_hold"])
        dream = _dream_of(locked)
        detail = ("legal hold aan: " if hold else "legal hold uit: ") + reason[:150]
        case_log(by, locked, dream, detail, role="superuser")
    record.legal_hold = hold
    return True
