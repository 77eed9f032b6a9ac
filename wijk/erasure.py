"""Forget a resident ("vergeet mij"): a dry run that shows what will happen, then the real run and a tombstone.

Built like the export (``wijk.export``): every model with a foreign key to ``Resident`` needs a decision,
and so does every record under those records. ``decisions()`` gathers them from here (``DECISIONS``) and
from each app's ``erasure`` module, found through the app registry (``wijk`` imports no other app). A test
fails when a model points to a resident, or to a resident's record, without a decision.

An app's ``erasure`` module has:

- ``DECISIONS``: ``{"app.Model": "...", "app.Model.field": "..."}``, what happens and why;
- ``resident_erase(resident, *, publications, user, report, dry_run)``: counts into ``report`` and, unless
  ``dry_run``, removes or anonymises. It runs inside the caller's transaction.

Decisions for the records of ``wijk`` itself:

- ``Resident``: anonymised. The row stays as an empty shell in its neighbourhood: new ``uid``, no name, no
  contact details, no account, ``erased_at`` set. Records on legal hold and the consent ledger point to it,
  and it says nothing about the person.
- ``Letter``: removed, queued or printed.
- ``ConsentRecord`` and ``ConsentWithdrawal`` (the consent ledger): every active consent is withdrawn first,
  so the apps that act on consents stop (a partner is told). The ledger rows are then kept, but stripped:
  the free-text note is emptied and the rows belong to the empty shell. Why keep them: the law asks us to
  prove on what grounds we shared data in the past (with a partner, on the dream wall). Why strip them:
  that proof does not need the person. The ledger is append-only; this is the one place allowed to change
  a row, and it only empties the note.
- ``AccessLogEntry``: kept, stripped of the person (no resident, no code, no object id, no note; the
  resident's own account is taken out). Why: staff access to files must stay traceable for security
  checks ("did someone open files they had no business with?"); that no longer needs to say whose file.
- The account (``User``): removed. When other records still protect it, it is emptied and switched off.
  Someone who also has a role (staff, partner) keeps the account: their work for others stays accountable.

Dreams are forgotten one at a time too ("vergeet mijn droom"), see ``droomhuis.erasure``; when the
resident then has nothing else left here and no account, their contact details are forgotten as well.
"""

import uuid
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, Q
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib.photos import photo_delete

from .choices import Channel
from .export import _resident_relations
from .models import (
    AccessLogEntry,
    ConsentRecord,
    ConsentWithdrawal,
    ErasureRecord,
    ErasureScope,
    Letter,
    Resident,
    User,
)
from .public_cache import kinds_bump, kinds_reached

REMOVED, ANONYMISED, KEPT = "removed", "anonymised", "kept"
ACTIONS = (REMOVED, ANONYMISED, KEPT)

# What a resident chooses for what they published (pearls, stories): keep it without the name, or take it down.
ANONYMISE, WITHDRAW = "anonymise", "withdraw"
PUBLICATIONS = (ANONYMISE, WITHDRAW)

DECISIONS = {
    "wijk.Resident": "anonymised: an empty shell stays for the ledger and records on legal hold",
    "wijk.Letter": "removed",
    "wijk.ConsentRecord": "kept without the note: proof of the grounds for past sharing (the law)",
    "wijk.ConsentRecord.withdrawal": "kept without the note, like the consent",
    "wijk.ConsentWithdrawal.consent": "kept without the note, like the consent",
    "wijk.AccessLogEntry": "kept without the person: staff access must stay traceable (the law)",
}

REASON_LEDGER = gettext_lazy(
    "De wet vraagt ons te bewijzen waarom wij iets deelden. Wij bewaren uw ja of nee, zonder uw naam."
)
REASON_STAFF = gettext_lazy("U werkt ook voor een organisatie in het portaal. Dat account blijft.")
REASON_LOG = gettext_lazy("Wij houden bij wie dossiers opent. Dat blijft, maar zonder uw naam.")


@dataclass
class Line:
    """One kind of record in a report: how many are removed, anonymised and kept, and why kept."""

    label: str
    title: str
    removed: int = 0
    anonymised: int = 0
    kept: int = 0
    reasons: list[str] = field(default_factory=list)


@dataclass
class ErasureReport:
    """What an erasure does (dry run) or did, per kind of record."""

    dry_run: bool
    lines: dict[str, Line] = field(default_factory=dict)

    def add(self, model, action: str, count: int = 1, reason: str = "") -> None:
        if count <= 0:
            return
        meta = model._meta
        line = self.lines.setdefault(meta.label, Line(meta.label, str(meta.verbose_name_plural).capitalize()))
        setattr(line, action, getattr(line, action) + count)
        if reason and str(reason) not in line.reasons:
            line.reasons.append(str(reason))

    def counts(self) -> dict:
        """``{"app.Model": {"removed": n, ...}}``: numbers only, for the tombstone."""
        return {
            label: {action: getattr(line, action) for action in ACTIONS if getattr(line, action)}
            for label, line in sorted(self.lines.items())
        }

    def for_display(self) -> list[Line]:
        return sorted(self.lines.values(), key=lambda line: line.title)


def _hooks():
    """Every other app's ``erasure`` module, found through the app registry."""
    found = []
    for config in apps.get_app_configs():
        if config.name != "wijk" and module_has_submodule(config.module, "erasure"):
            found.append(import_module(f"{config.name}.erasure"))
    return found


def decisions() -> dict[str, str]:
    """Every decision of every app: ``"app.Model"`` or ``"app.Model.field"`` → what happens and why."""
    merged = dict(DECISIONS)
    for hook in _hooks():
        merged.update(hook.DECISIONS)
    return merged


def ledger_strip(queryset, **values) -> int:
    """Change ledger rows (consent, access log) during an erasure only; their querysets refuse any other change."""
    count = models.QuerySet.update(queryset, **values)
    if count:
        kinds_bump(kinds_reached(queryset.model, values))
    return count


def ledger_delete(queryset) -> None:
    """Delete append-only rows (a dream's history) of a record that is being anonymised or removed."""
    models.QuerySet.delete(queryset)


def file_delete(field_file) -> None:
    """Remove an uploaded photo and its smaller copies from storage (disk or object storage); empties the field."""
    if field_file:
        photo_delete(field_file)


def month_start(moment):
    """The first day of the moment's month at midnight: the only "when" an anonymised record keeps."""
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def anonymous_resident(neighbourhood_id: int) -> Resident:
    """The neighbourhood's empty resident: anonymised records (an old dream) point here instead of to a person.

    One per neighbourhood, with a fixed ``uid``; it holds no data, so records pointing to it link to nobody.
    """
    uid = uuid.uuid5(uuid.NAMESPACE_URL, f"wijkportaal:anoniem:{neighbourhood_id}")
    resident, _created = Resident.objects.get_or_create(
        uid=uid, defaults={"neighbourhood_id": neighbourhood_id, "erased_at": timezone.now()}
    )
    return resident


def resident_has_other_records(resident, *, besides=None) -> bool:
    """True when anything still points to the resident, apart from ``besides``, the ledger, the log and letters."""
    bookkeeping = {"wijk.ConsentRecord", "wijk.AccessLogEntry", "wijk.Letter"}
    for model, fk in _resident_relations():
        if model._meta.label in bookkeeping:
            continue
        rows = model._default_manager.filter(**{fk.name: resident})
        if besides is not None and isinstance(besides, model):
            rows = rows.exclude(pk=besides.pk)
        if rows.exists():
            return True
    return False


def _account_removable(user) -> bool:
    """Whether the account can be deleted once the access log no longer names it (dry run only)."""
    collector = Collector(using=user._state.db or "default")
    try:
        collector.collect([user])
    except ProtectedError as error:
        return all(isinstance(obj, AccessLogEntry) for obj in error.protected_objects)
    return True


def _account_remove(user) -> str:
    """Delete the account; when other records protect it, empty it and switch it off."""
    try:
        with transaction.atomic():
            user.delete()
        return REMOVED
    except (ProtectedError, IntegrityError):
        pass
    user.email = f"vergeten-{uuid.uuid4().hex}@vergeten.invalid"
    user.name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    if apps.is_installed("allauth.account"):
        apps.get_model("account", "EmailAddress").objects.filter(user=user).delete()
    return ANONYMISED


def _erase_wijk(resident, user, report, *, dry_run, channel, actor):
    letters = Letter.objects.filter(resident=resident)
    consents = ConsentRecord.objects.filter(resident=resident)
    active = list(consents.active())
    withdrawals = ConsentWithdrawal.objects.filter(consent__resident=resident)
    log = AccessLogEntry.objects.filter(Q(resident=resident) | Q(on_behalf_of=str(resident.uid)))
    # Someone who also works here (a role) keeps the account: their work for others stays accountable.
    works_here = user is not None and user.roles.exists()
    report.add(Letter, REMOVED, letters.count())
    report.add(ConsentRecord, KEPT, consents.count(), REASON_LEDGER)
    report.add(ConsentWithdrawal, KEPT, withdrawals.count() + len(active), REASON_LEDGER)
    report.add(AccessLogEntry, KEPT, log.count(), REASON_LOG)
    report.add(Resident, ANONYMISED)
    if works_here:
        report.add(User, KEPT, 1, REASON_STAFF)
    elif user is not None and dry_run:
        report.add(User, REMOVED if _account_removable(user) else ANONYMISED)
    if dry_run:
        return
    from .services import consent_withdraw

    letters.delete()
    method = channel if channel in Channel.values else Channel.ONLINE
    for consent in active:
        consent_withdraw(consent=consent, method=method, recorded_by=actor if actor != user else None)
    ledger_strip(ConsentRecord.objects.filter(resident=resident), note="")
    ledger_strip(ConsentWithdrawal.objects.filter(consent__resident=resident), note="")
    ledger_strip(
        AccessLogEntry.objects.filter(pk__in=list(log.values_list("pk", flat=True))),
        resident=None,
        on_behalf_of="",
        object_id="",
        detail="",
    )
    if user is not None and not works_here:
        ledger_strip(AccessLogEntry.objects.filter(user=user), user=None)
    Resident.objects.filter(pk=resident.pk).update(
        uid=uuid.uuid4(),
        user=None,
        display_name="",
        first_name="",
        alias="",
        contact_preference="",
        phone="",
        email="",
        postal_address="",
        contact_notes="",
        created_by=None,
        created_at=month_start(resident.created_at),
        updated_at=month_start(resident.created_at),
        erased_at=timezone.now(),
    )
    if user is not None and not works_here:
        report.add(User, _account_remove(user))


def _run(resident, report, *, actor, channel, publications):
    user = resident.user
    for hook in _hooks():
        hook.resident_erase(resident, publications=publications, user=user, report=report, dry_run=report.dry_run)
    _erase_wijk(resident, user, report, dry_run=report.dry_run, channel=channel, actor=actor)


def resident_erase(
    *,
    resident: Resident,
    actor=None,
    role: str,
    channel: str,
    publications: str = ANONYMISE,
    dry_run: bool = False,
) -> ErasureReport:
    """Forget everything about ``resident``; with ``dry_run`` only say what would happen.

    ``actor`` is the staff member who carries out a request made by phone or in person, or the resident's
    own account. ``publications`` is the resident's choice for published pearls and stories.
    """
    if resident.erased_at is not None:
        raise ValidationError(_("Deze bewoner is al vergeten."), code="already_erased")
    if publications not in PUBLICATIONS:
        raise ValidationError(_("Kies wat er met uw parels en verhalen gebeurt."), code="publications")
    report = ErasureReport(dry_run=dry_run)
    with transaction.atomic():
        locked = Resident.objects.select_for_update(of=("self",)).select_related("user").get(pk=resident.pk)
        _run(locked, report, actor=actor, channel=channel, publications=publications)
        if not dry_run:
            tombstone_write(
                report=report,
                scope=ErasureScope.RESIDENT,
                neighbourhood_id=locked.neighbourhood_id,
                actor=actor,
                role=role,
                channel=channel,
            )
    return report


def resident_erase_into(*, resident: Resident, report: ErasureReport, actor, channel: str, dry_run: bool) -> None:
    """Forget the resident's own row, consents and letters as part of another erasure.

    For the last dream of someone without an account: nothing else points to them (the caller checked
    ``resident_has_other_records``), so the other apps have nothing left to do.
    """
    if resident.erased_at is not None:
        return
    locked = Resident.objects.select_for_update(of=("self",)).select_related("user").get(pk=resident.pk)
    _erase_wijk(locked, locked.user, report, dry_run=dry_run, channel=channel, actor=actor)


def tombstone_write(*, report: ErasureReport, scope: str, neighbourhood_id: int, actor, role: str, channel: str):
    """The record that an erasure happened: day, who (staff member or role) and how, counts, neighbourhood.

    A staff member is named (they answer for it); a resident who did it themselves is not (only the role).
    """
    staff = role != "resident" and getattr(actor, "is_authenticated", False) and actor.pk is not None
    return ErasureRecord.objects.create(
        on=timezone.localdate(),
        scope=scope,
        carried_out_by=actor if staff else None,
        role=role,
        channel=channel if channel in Channel.values else Channel.ONLINE,
        neighbourhood_id=neighbourhood_id,
        counts=report.counts(),
    )
