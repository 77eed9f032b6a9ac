"""Forgetting in the Droomhuis: a resident's dreams, signals and referrals ("vergeet mij", "vergeet mijn droom").

Found by ``wijk.erasure`` through the app registry. Decisions:

- A dream is anonymised: only its neighbourhood, themes, month and outcome (its closing status) stay. The
  text, photo (also the file in storage), story, free-text result, follow code and the link to the resident
  go; its history, contact attempts, notes, messages and expert pairings are removed. An open dream is closed
  as withdrawn first. The same function serves the 12-month rule in ``droomhuis.retention``.
- A dream is kept whole when it, one of its signals or one of its referrals is on legal hold.
- Signals and referrals are removed, unless on legal hold (then their dream is kept whole as well).
- Call tasks ("Terugbellen", ``wijk.CallbackRequest``) about the dream's case, found by its case path, are removed
  with the dream's messages: a message to a resident who can only be phoned becomes such a task.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijk.erasure import (
    ANONYMISED,
    KEPT,
    REMOVED,
    ErasureReport,
    anonymous_resident,
    file_delete,
    ledger_delete,
    ledger_strip,
    month_start,
    resident_erase_into,
    resident_has_other_records,
    tombstone_write,
)
from wijk.models import AccessLogEntry, CallbackRequest, ErasureScope
from wijk.notices import staff_notices_forget

from .care.models import Pairing, Referral, ReferralEvent, Signal
from .matches.models import Match
from .models import ContactAttempt, Dream, DreamEvent, Note, ResidentUpdate, WallStatus, reference_new
from .workflow import OPEN, DreamStatus

DECISIONS = {
    "droomhuis.Dream": "anonymised (neighbourhood, themes, month, outcome stay); kept whole on legal hold",
    "droomhuis.Dream.events": "removed with the dream's history",
    "droomhuis.Dream.contact_attempts": "removed",
    "droomhuis.Dream.notes": "removed",
    "droomhuis.Dream.updates": "removed",
    "droomhuis.Dream.signals": "removed, unless on legal hold",
    "droomhuis.Dream.pairings": "removed, with the expert's notes",
    "droomhuis.Signal.dream": "removed, unless on legal hold",
    "droomhuis.DreamEvent.dream": "removed with the dream's history",
    "droomhuis.ContactAttempt.dream": "removed",
    "droomhuis.Note.dream": "removed",
    "droomhuis.ResidentUpdate.dream": "removed",
    "droomhuis.Pairing.dream": "removed, with the expert's notes",
    "droomhuis.Pairing.consent": "the pairing goes; the consent stays in the stripped ledger",
    "droomhuis.ExpertNote.pairing": "removed with the pairing",
    "droomhuis.Referral": "removed, unless on legal hold",
    "droomhuis.Referral.dream": "the referral is removed before the dream is anonymised",
    "droomhuis.Referral.consents": "the link goes with the referral; the consent stays in the stripped ledger",
    "droomhuis.ReferralEvent.referral": "removed with the referral",
    "droomhuis.Dream.matches": "kept for the evidence without notes or the pearl: only partner, outcome and month",
    "droomhuis.Match.dream": "kept without notes or the pearl, like the anonymised dream",
    "droomhuis.Match.pearl": "the link empties when the pearl goes (and when the dream is anonymised)",
    "droomhuis.Match.referral": "the link empties when the referral goes",
    "wijk.CallbackRequest.about_path": "a call task about the dream's case is removed with the dream's messages",
}

REASON_HOLD = gettext_lazy("Dit moeten wij bewaren voor een rechtszaak. Daarna gooien wij het weg.")


def _held(dream) -> bool:
    return (
        dream.legal_hold
        or dream.signals.filter(legal_hold=True).exists()
        or dream.referrals.filter(legal_hold=True).exists()
    )


def dream_anonymise(dream: Dream, *, report: ErasureReport | None = None, dry_run: bool = False) -> None:
    """Keep only neighbourhood, themes, month and outcome of ``dream``; remove all the rest about the person.

    Signals and referrals are not touched here: erasure removes them first, retention on their own clock.
    """
    children = {
        DreamEvent: DreamEvent.objects.filter(dream=dream),
        ContactAttempt: ContactAttempt.objects.filter(dream=dream),
        Note: Note.objects.filter(dream=dream),
        ResidentUpdate: ResidentUpdate.objects.filter(dream=dream),
        Pairing: Pairing.objects.filter(dream=dream),
        CallbackRequest: CallbackRequest.objects.filter(
            about_path=reverse("droomhuis:case", kwargs={"reference": dream.reference})
        ),
    }
    matches = Match.objects.filter(dream=dream)
    if report is not None:
        report.add(Dream, ANONYMISED)
        report.add(Match, ANONYMISED, matches.count())
        for model, rows in children.items():
            report.add(model, REMOVED, rows.count())
    if dry_run:
        return
    for model, rows in children.items():
        if model is DreamEvent:
            ledger_delete(rows)
        else:
            rows.delete()
    matches.update(note="", outcome_note="", pearl=None, referral=None)
    photo = dream.photo
    file_delete(photo)
    ledger_strip(
        AccessLogEntry.objects.filter(object_type=Dream._meta.label_lower, object_id=str(dream.pk)),
        resident=None,
        object_id="",
        on_behalf_of="",
        detail="",
    )
    now = timezone.now()
    month = month_start(dream.created_at)
    was_open = dream.status in OPEN
    Dream.objects.filter(pk=dream.pk).update(
        reference=reference_new(),
        text="",
        photo="",
        photo_description="",
        resident=anonymous_resident(dream.neighbourhood_id),
        status=DreamStatus.WITHDRAWN if was_open else dream.status,
        next_action_date=None,
        next_action="",
        first_contact_due=month.date(),
        first_contact_at=None,
        created_by=None,
        created_at=month,
        picked_up_at=None,
        closed_at=month_start(now if was_open else dream.closed_at),
        outcome="",
        story="",
        wall_status=WallStatus.NOT_PROPOSED,
        wall_decided_by=None,
        wall_decided_at=None,
        anonymised_at=now,
        version=dream.version + 1,
    )


def _referrals_remove(referrals, report, dry_run):
    referrals = list(referrals)
    report.add(Referral, REMOVED, len(referrals))
    report.add(ReferralEvent, REMOVED, ReferralEvent.objects.filter(referral__in=referrals).count())
    if dry_run:
        return
    for referral in referrals:
        ledger_delete(ReferralEvent.objects.filter(referral=referral))
        ledger_strip(
            AccessLogEntry.objects.filter(object_type=Referral._meta.label_lower, object_id=str(referral.pk)),
            resident=None,
            object_id="",
        )
        referral.delete()


def _dream_forget(dream, report, dry_run):
    if _held(dream):
        report.add(Dream, KEPT, 1, REASON_HOLD)
        report.add(Signal, KEPT, dream.signals.count(), REASON_HOLD)
        report.add(Referral, KEPT, dream.referrals.count(), REASON_HOLD)
        return
    signals = Signal.objects.filter(dream=dream)
    report.add(Signal, REMOVED, signals.count())
    if not dry_run:  # the brokers' notices about this dream name it (and a partner's outcome may name the resident)
        references = [referral.reference for referral in Referral.objects.filter(dream=dream)]
        staff_notices_forget(dream.reference, dream.reference_display, *references)
    _referrals_remove(Referral.objects.filter(dream=dream), report, dry_run)
    if not dry_run:
        signals.delete()
    dream_anonymise(dream, report=report, dry_run=dry_run)


def resident_erase(resident, *, publications, user, report, dry_run) -> None:
    """Every dream, signal and referral of ``resident`` (the hook called by ``wijk.erasure``)."""
    if not dry_run:
        staff_notices_forget(*(referral.reference for referral in Referral.objects.filter(resident=resident)))
    for dream in Dream.objects.filter(resident=resident).order_by("pk"):
        _dream_forget(dream, report, dry_run)
    # Referrals whose dream belongs to someone else cannot happen through the app; cover them all the same.
    loose = Referral.objects.filter(resident=resident).exclude(dream__resident=resident)
    held = loose.filter(Q(legal_hold=True) | Q(dream__legal_hold=True))
    report.add(Referral, KEPT, held.count(), REASON_HOLD)
    _referrals_remove(loose.exclude(pk__in=held.values("pk")), report, dry_run)


def dream_forget(*, dream: Dream, actor=None, role: str, channel: str, dry_run: bool = False) -> ErasureReport:
    """ "Vergeet mijn droom": anonymise one dream; without an account and nothing else left, the resident too."""
    if dream.anonymised_at is not None:
        raise ValidationError(_("Deze droom is al vergeten."), code="already_erased")
    report = ErasureReport(dry_run=dry_run)
    with transaction.atomic():
        locked = Dream.objects.select_for_update(of=("self",)).select_related("resident").get(pk=dream.pk)
        resident = locked.resident
        _dream_forget(locked, report, dry_run)
        alone = resident.user_id is None and not resident_has_other_records(resident, besides=locked)
        if alone and not report.lines[Dream._meta.label].kept:
            resident_erase_into(resident=resident, report=report, actor=actor, channel=channel, dry_run=dry_run)
        if not dry_run:
            tombstone_write(
                report=report,
                scope=ErasureScope.DREAM,
                neighbourhood_id=locked.neighbourhood_id,
                actor=actor,
                role=role,
                channel=channel,
            )
    return report
