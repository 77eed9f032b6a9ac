"""All writes in the Droomhuis. Each function runs in a transaction and adds a history row.

A write by staff also adds its access-log row (``audit.case_log``) in that transaction, whoever calls it.

Case-level edits (status, owner, plan, outcome) take the ``expected_version`` the broker's form was
built from: when someone else saved the case in between, ``CaseChanged`` is raised and nothing is written.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lib.links import absolute_url
from wijk.choices import Channel, DataCategory, Purpose, ResidentLanguage, RoleKind
from wijk.models import CallbackRequest, DayPart, NoticeKind
from wijk.notices import staff_notify
from wijk.services import (
    callback_request_create,
    consent_check,
    consent_give,
    resident_create,
    resident_update_send,
)

from . import workdays
from .audit import case_log
from .consents import (  # noqa: F401 - re-exported: views and demo use them through services
    CONSENT_CONTACT_KEY,
    CONSENT_TEXTS,
    CONSENT_WALL_KEY,
    RESIDENT_CONSENTS,
    consent_text_for,
    dream_consent_withdraw,
    has_contact_consent,
    has_wall_consent,
    partner_consent_withdraw,
    partner_consents,
    resident_consents,
    update_reach,
)
from .models import QUESTION, ContactAttempt, Dream, DreamEvent, EventKind, Note, ResidentUpdate, WallStatus
from .permissions import brokers_for, dreams_for_team_lead
from .workflow import OPEN, DreamStatus, is_allowed, needs_reason


class CaseChanged(Exception):
    """Someone else saved the case after this form was opened."""


def _event(dream, *, kind, actor=None, from_value="", to_value="", reason="", channel="") -> DreamEvent:
    return DreamEvent.objects.create(
        dream=dream,
        kind=kind,
        actor=actor,
        from_value=str(from_value)[:200],
        to_value=str(to_value)[:200],
        reason=reason[:500],
        channel=channel,
    )


def _claim_version(dream: Dream, expected_version: int) -> None:
    """Raise ``CaseChanged`` unless the case is still at ``expected_version``; else move it one on."""
    updated = Dream.objects.filter(pk=dream.pk, version=expected_version).update(version=F("version") + 1)
    if not updated:
        raise CaseChanged
    dream.refresh_from_db()


@transaction.atomic
def dream_submit(
    *,
    neighbourhood,
    text: str,
    consent_contact: bool,
    consent_wall: bool,
    themes=(),
    photo=None,
    photo_description: str = "",
    first_name: str = "",
    alias: str = "",
    contact_preference: str = "",
    phone: str = "",
    email: str = "",
    postal_address: str = "",
    contact_notes: str = "",
    user=None,
    channel: str = Channel.ONLINE,
    recorded_by=None,
    consent_note: str = "",
    resident=None,
) -> Dream:
    """Receive a dream, online or on the resident's behalf (``recorded_by`` is then the broker).

    ``resident``: an existing resident the broker chose at intake (no duplicate record is made).

    Creates a resident record when the dreamer has none, stores each consent choice in the ledger with
    the explanation text version, sets the first-contact deadline in working days and writes history.
    """
    if channel != Channel.ONLINE and recorded_by is None:
        raise ValidationError(_("Leg vast wie de droom namens de bewoner invoert."), code="recorded_by_required")
    if resident is None:
        resident = getattr(user, "resident", None) if user is not None and user.is_authenticated else None
    contact = {
        "contact_preference": contact_preference,
        "phone": phone,
        "email": email,
        "postal_address": postal_address,
        "contact_notes": contact_notes,
    }
    if resident is None:
        if recorded_by is None and get_language() in ResidentLanguage.values:
            # The dreamer filled in the form in this language: letters and e-mails follow it.
            contact["language"] = get_language()
        resident = resident_create(
            neighbourhood=neighbourhood,
            user=user if user is not None and user.is_authenticated else None,
            created_by=recorded_by,
            created_via=channel,
            display_name=first_name or alias,
            first_name=first_name,
            alias=alias,
            **contact,
        )
    else:
        changed = [name for name, value in contact.items() if value and getattr(resident, name) != value]
        for name in changed:
            setattr(resident, name, contact[name])
        if changed:
            resident.save(update_fields=[*changed, "updated_at"])
    now = timezone.now()
    dream = Dream(
        question=str(QUESTION),
        text=text,
        photo_description=photo_description,
        neighbourhood=neighbourhood,
        resident=resident,
        next_action_date=workdays.first_contact_due(timezone.localdate(now)),
        next_action=_("Eerste contact met de bewoner"),
        first_contact_due=workdays.first_contact_due(timezone.localdate(now)),
        intake_channel=channel,
        created_by=recorded_by,
        created_at=now,
    )
    if photo is not None:
        dream.photo.save(photo.name, photo, save=False)
    dream.save()
    if themes:
        dream.themes.set(themes)
    method = channel if channel != Channel.KIOSK else Channel.ONLINE
    if consent_contact:
        consent_give(
            resident=resident,
            category=DataCategory.CONTACT,
            purpose=Purpose.CONTACT,
            recipient=neighbourhood.corporation,
            explanation=consent_text_for(CONSENT_CONTACT_KEY),
            method=method,
            recorded_by=recorded_by,
            note=consent_note,
        )
    if consent_wall:
        consent_give(
            resident=resident,
            category=DataCategory.DREAM,
            purpose=Purpose.DREAM_WALL,
            recipient=None,
            explanation=consent_text_for(CONSENT_WALL_KEY),
            method=method,
            recorded_by=recorded_by,
            note=consent_note,
        )
    _event(dream, kind=EventKind.SUBMITTED, actor=recorded_by, to_value=DreamStatus.NEW, channel=channel)
    if consent_contact:
        follow_path = absolute_url(reverse("droomhuis:follow", kwargs={"reference": dream.reference}))
        resident_update_send(
            resident=resident,
            organisation=neighbourhood.corporation,
            reason="droomhuis.received",
            compose=lambda: (
                _("Uw droom is aangekomen"),
                _(
                    "Bedankt voor uw droom!\n"
                    "Uw volgcode is %(code)s. Bewaar deze code.\n"
                    "De droommakelaar neemt uiterlijk %(date)s contact met u op.\n"
                    "U kunt uw droom volgen op: %(path)s\n"
                )
                % {
                    "code": dream.reference_display,
                    "date": date_format(dream.first_contact_due, "l j F Y"),
                    "path": follow_path,
                },
            ),
            created_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
        )
    return dream


# An intake during a conversation: the broker spoke with the resident, so that was the first contact.
CONVERSATION_CHANNELS = frozenset({Channel.PHONE, Channel.IN_PERSON})


@transaction.atomic
def dream_take_in(*, broker, channel: str, **kwargs) -> Dream:
    """A broker types in a dream on the resident's behalf (``dream_submit`` with ``recorded_by``).

    Taken in during a phone call or a visit, the dream is the broker's own case at once ("Wordt opgepakt")
    and the conversation counts as the first contact. A dream from paper goes to the new dreams, for any broker.
    """
    dream = dream_submit(recorded_by=broker, channel=channel, **kwargs)
    if channel in CONVERSATION_CHANNELS:
        _dream_move(
            dream,
            DreamStatus.PICKING_UP,
            broker,
            dream.version,
            reason=_("Ingevoerd tijdens een gesprek met de bewoner"),
        )
        dream.first_contact_at = dream.created_at
        dream.save(update_fields=["first_contact_at", "updated_at"])
    case_log(broker, dream, dream, "ingevoerd namens de bewoner")
    return dream


class AlreadyTaken(Exception):
    """Someone else picked up the dream first (or it is no longer new); ``dream`` is the case as it is now."""

    def __init__(self, dream):
        super().__init__(dream.reference)
        self.dream = dream


@transaction.atomic
def dream_pick_up(*, dream: Dream, actor) -> Dream:
    """The "Oppakken" button: a new dream becomes the actor's case. When another broker was first (even at the
    very same moment), nothing is written and ``AlreadyTaken`` carries the case as it is now."""
    # Lock the dream row only: the owner is an outer join, which PostgreSQL will not lock.
    current = Dream.objects.select_for_update(of=("self",)).select_related("owner").get(pk=dream.pk)
    if current.status != DreamStatus.NEW:
        raise AlreadyTaken(current)
    try:
        _dream_move(current, DreamStatus.PICKING_UP, actor, current.version)
    except CaseChanged:
        raise AlreadyTaken(Dream.objects.select_related("owner").get(pk=dream.pk)) from None
    case_log(actor, current, dream, "opgepakt")
    return current


@transaction.atomic
def dream_transition(
    *,
    dream: Dream,
    to_status: str,
    actor,
    expected_version: int,
    reason: str = "",
    next_action_date: date | None = None,
    channel: str = "",
) -> Dream:
    """The one way to change a dream's status: checks the workflow table, the reason and the plan.

    Picking up a new dream makes the actor its owner. Open cases keep a next action date; closing
    clears it. Handing a case back to the queue ("new") clears the owner.
    """
    _dream_move(
        dream, to_status, actor, expected_version, reason=reason, next_action_date=next_action_date, channel=channel
    )
    case_log(actor, dream, dream, "transition")
    return dream


def _dream_move(
    dream: Dream, to_status: str, actor, expected_version: int, *, reason="", next_action_date=None, channel=""
):
    """``dream_transition`` without its access-log row: a step of a service that writes its own (or none)."""
    source = dream.status
    if not is_allowed(source, to_status):
        raise ValidationError(_("Deze stap kan niet vanuit de huidige status."), code="transition_not_allowed")
    reason = (reason or "").strip()
    if needs_reason(source, to_status) and not reason:
        raise ValidationError(_("Schrijf kort op waarom."), code="reason_required")
    _claim_version(dream, expected_version)
    if dream.status != source:
        raise CaseChanged
    now = timezone.now()
    fields = ["status", "next_action_date", "next_action", "owner", "picked_up_at", "closed_at", "updated_at"]
    dream.status = to_status
    if to_status in OPEN:
        if next_action_date is not None:
            dream.next_action_date = next_action_date
        if dream.next_action_date is None:
            dream.next_action_date = workdays.add_working_days(timezone.localdate(now), 1)
        dream.closed_at = None
    else:
        dream.next_action_date = None
        dream.next_action = ""
        dream.closed_at = now
    if to_status == DreamStatus.NEW:
        previous_owner = dream.owner
        dream.owner = None
        if previous_owner is not None:
            _event(dream, kind=EventKind.OWNER, actor=actor, from_value=previous_owner, reason=reason)
    elif dream.owner_id is None and actor is not None and to_status != DreamStatus.WITHDRAWN:
        dream.owner = actor
        _event(dream, kind=EventKind.OWNER, actor=actor, to_value=actor, reason=_("Opgepakt"))
    if to_status == DreamStatus.PICKING_UP and dream.picked_up_at is None:
        dream.picked_up_at = now
    dream.save(update_fields=fields)
    _event(
        dream, kind=EventKind.STATUS, actor=actor, from_value=source, to_value=to_status, reason=reason, channel=channel
    )


def _reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Schrijf kort op waarom u de droom overdraagt."), code="reason_required")
    return reason


def _owner_check(dream: Dream, owner) -> None:
    """Before anything is written: the new owner is a broker of the case's neighbourhood, the case is open."""
    if not brokers_for(dream.neighbourhood).filter(pk=owner.pk).exists():
        raise ValidationError(_("Deze persoon is geen droommakelaar voor deze wijk."), code="not_a_broker")
    if dream.status not in OPEN:
        raise ValidationError(_("Een afgesloten droom kunt u niet overdragen."), code="closed")


def _owner_change(dream: Dream, *, owner, actor, reason: str) -> None:
    """Give an open case to ``owner`` (checked by ``_owner_check``) and write the history rows; the caller has
    claimed or locked the case and writes the access-log row."""
    previous = dream.owner
    if previous is not None and previous.pk == owner.pk:
        raise ValidationError(_("Deze persoon is al de droommakelaar van deze droom."), code="same_owner")
    dream.owner = owner
    fields = ["owner", "version", "updated_at"]
    if dream.status == DreamStatus.NEW:
        dream.status = DreamStatus.PICKING_UP
        dream.picked_up_at = dream.picked_up_at or timezone.now()
        fields += ["status", "picked_up_at"]
        _event(
            dream, kind=EventKind.STATUS, actor=actor, from_value=DreamStatus.NEW, to_value=dream.status, reason=reason
        )
    dream.save(update_fields=fields)
    _event(dream, kind=EventKind.OWNER, actor=actor, from_value=previous or "", to_value=owner, reason=reason)


def _case_url(dream: Dream) -> str:
    return absolute_url(reverse("droomhuis:case", kwargs={"reference": dream.reference}))


def _handover_notify(*, owner, actor, reason: str, dreams: list[Dream]) -> None:
    """Tell the new owner, the way they chose (``wijk.notices``): which cases, from whom, why."""
    if owner.pk == actor.pk:
        return
    who = actor.name or actor.email
    if len(dreams) == 1:
        (dream,) = dreams
        subject = _("Droom %(ref)s is aan u overgedragen") % {"ref": dream.reference_display}
        url = _case_url(dream)
    else:
        subject = _("%(count)s dromen zijn aan u overgedragen") % {"count": len(dreams)}
        url = absolute_url(reverse("droomhuis:queue") + "?view=mine")
    lines = [_("%(who)s droeg dit aan u over. Reden: %(reason)s") % {"who": who, "reason": reason}, ""]
    lines += [f"{dream.reference_display}: {_case_url(dream)}" for dream in dreams]
    staff_notify(users=[owner], kind=NoticeKind.HANDOVER, subject=subject, body="\n".join(lines), url=url)


@transaction.atomic
def dream_assign(*, dream: Dream, owner, actor, expected_version: int, reason: str) -> Dream:
    """Give the case to another broker of the same corporation. A case has exactly one owner; the new owner
    gets a notice (``NoticeKind.HANDOVER``)."""
    reason = _reason_required(reason)
    _owner_check(dream, owner)
    _claim_version(dream, expected_version)
    _owner_change(dream, owner=owner, actor=actor, reason=reason)
    case_log(actor, dream, dream, "assign")
    _handover_notify(owner=owner, actor=actor, reason=reason, dreams=[dream])
    return dream


def _team_lead_check(actor, dreams) -> None:
    if dreams_for_team_lead(actor).filter(pk__in=[d.pk for d in dreams]).count() != len(dreams):
        raise ValidationError(_("U bent geen teamleider voor deze droom."), code="not_team_lead")


@transaction.atomic
def dream_reassign(*, dream: Dream, owner, actor, expected_version: int, reason: str) -> Dream:
    """A team lead gives a case of an absent colleague to another broker of the same corporation.

    Only within the team lead's own corporation (``dreams_for_team_lead``); the history says "Overgedragen van A
    aan B door C", the access log names the team-lead role, and the new owner gets a notice.
    """
    reason = _reason_required(reason)
    _team_lead_check(actor, [dream])
    _owner_check(dream, owner)
    _claim_version(dream, expected_version)
    _owner_change(dream, owner=owner, actor=actor, reason=reason)
    case_log(actor, dream, dream, "reassign", role=RoleKind.TEAM_LEAD)
    _handover_notify(owner=owner, actor=actor, reason=reason, dreams=[dream])
    return dream


@transaction.atomic
def dreams_reassign_all(*, from_owner, to_owner, actor, reason: str) -> list[Dream]:
    """A team lead gives all open cases of one broker (ill, on leave) to another broker, all or none.

    The cases are locked while they move, so a broker saving one of them meanwhile gets "someone else saved
    this case" (their form's version is gone). One notice to the new owner lists every case.
    """
    reason = _reason_required(reason)
    if from_owner.pk == to_owner.pk:
        raise ValidationError(_("Kies een andere droommakelaar dan de huidige."), code="same_owner")
    dreams = list(
        dreams_for_team_lead(actor)
        .filter(owner=from_owner, status__in=OPEN)
        .select_related("neighbourhood__corporation", "owner")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    if not dreams:
        raise ValidationError(_("Deze droommakelaar heeft geen open dromen."), code="no_open_cases")
    for dream in dreams:
        _owner_check(dream, to_owner)
        dream.version += 1
        _owner_change(dream, owner=to_owner, actor=actor, reason=reason)
        case_log(actor, dream, dream, "reassign", role=RoleKind.TEAM_LEAD)
    _handover_notify(owner=to_owner, actor=actor, reason=reason, dreams=dreams)
    return dreams


@transaction.atomic
def dream_plan(
    *, dream: Dream, actor, expected_version: int, next_action_date: date, next_action: str = "", themes=None
) -> Dream:
    """Set the next action (required on every open case) and, optionally, the dream's themes."""
    if dream.status in OPEN and next_action_date is None:
        raise ValidationError(_("Kies een datum voor de volgende actie."), code="next_action_date_required")
    _claim_version(dream, expected_version)
    old = (dream.next_action_date, dream.next_action)
    dream.next_action_date = next_action_date if dream.status in OPEN else None
    dream.next_action = next_action.strip()
    dream.save(update_fields=["next_action_date", "next_action", "updated_at"])
    if old != (dream.next_action_date, dream.next_action):
        _event(
            dream,
            kind=EventKind.NEXT_ACTION,
            actor=actor,
            from_value=f"{old[0] or ''} {old[1]}".strip(),
            to_value=f"{dream.next_action_date or ''} {dream.next_action}".strip(),
        )
    if themes is not None:
        before = sorted(t.name for t in dream.themes.all())
        dream.themes.set(themes)
        after = sorted(t.name for t in themes)
        if before != after:
            _event(dream, kind=EventKind.THEMES, actor=actor, from_value=", ".join(before), to_value=", ".join(after))
    case_log(actor, dream, dream, "plan")
    return dream


@transaction.atomic
def contact_attempt_record(
    *,
    dream: Dream,
    actor,
    channel: str,
    reached: bool,
    day: date,
    part_of_day: str,
    note: str = "",
    voicemail: bool = False,
) -> ContactAttempt:
    """Log an attempt to reach the resident. The first successful one meets the first-contact deadline.

    A message left on voicemail is an attempt that did not reach the resident: it never counts as first contact.
    """
    if voicemail:
        reached = False
        note = " ".join(filter(None, [str(_("Ingesproken op de voicemail.")), note.strip()]))[:300]
    attempt = ContactAttempt.objects.create(
        dream=dream, by=actor, channel=channel, reached=reached, day=day, part_of_day=part_of_day, note=note
    )
    if reached and dream.first_contact_at is None:
        dream.first_contact_at = attempt.at
        dream.save(update_fields=["first_contact_at", "updated_at"])
    outcome = _("bereikt") if reached else _("niet bereikt")
    _event(
        dream,
        kind=EventKind.CONTACT_ATTEMPT,
        actor=actor,
        to_value=f"{attempt.get_channel_display()}: {outcome}",
        reason=note,
    )
    case_log(actor, dream, dream, "contact")
    return attempt


@transaction.atomic
def note_add(*, dream: Dream, author, body: str, private: bool = True) -> Note:
    """Add an internal note. The history row says a note was added, never what it says."""
    note = Note.objects.create(dream=dream, author=author, body=body, private=private)
    _event(dream, kind=EventKind.NOTE, actor=author, to_value=_("privé") if private else _("voor het team"))
    case_log(author, dream, dream, "note")
    return note


@transaction.atomic
def resident_update_post(*, dream: Dream, author, body: str) -> ResidentUpdate:
    """Post a message the resident reads on their follow page.

    When the resident gave an e-mail address and agreed to be contacted, they get a short e-mail that
    only says there is news and where to read it (the message itself stays on the site).
    A resident who can only be phoned gets no e-mail or letter: the message becomes a call task ("Terugbellen")
    for the dream's broker (or the author when nobody owns the dream), with a link back to the case.
    """
    update = ResidentUpdate.objects.create(dream=dream, author=author, body=body)
    if update_reach(dream) == "call":
        _update_call_task(dream=dream, author=author, body=body)
    fields = ["updated_at"]
    # A message only on the follow page, for someone who wants a call or whom we cannot reach, is no contact.
    if dream.first_contact_at is None and update_reach(dream) not in ("call", "nobody"):
        dream.first_contact_at = update.created_at
        fields.append("first_contact_at")
    dream.save(update_fields=fields)
    _event(dream, kind=EventKind.RESIDENT_UPDATE, actor=author)
    case_log(author, dream, dream, "bericht aan de bewoner")
    resident = dream.resident
    if consent_check(
        resident=resident,
        category=DataCategory.CONTACT,
        purpose=Purpose.CONTACT,
        recipient=dream.neighbourhood.corporation,
    ):
        # Only that there is news and where to read it: the broker's message itself stays on the site.
        path = absolute_url(reverse("droomhuis:follow", kwargs={"reference": dream.reference}))
        resident_update_send(
            resident=resident,
            organisation=dream.neighbourhood.corporation,
            reason="droomhuis.news",
            compose=lambda: (
                _("Nieuws over uw droom"),
                _(
                    "Er is nieuws over uw droom in het Droomhuis.\n"
                    "Lees het op de website bij 'Mijn droom volgen', met uw volgcode %(code)s.\n"
                    "Adres: %(path)s\n"
                )
                % {"code": dream.reference_display, "path": path},
            ),
            created_by=author if getattr(author, "is_authenticated", False) else None,
        )
    return update


def _update_call_task(*, dream: Dream, author, body: str) -> CallbackRequest:
    resident = dream.resident
    first_name = resident.first_name or (resident.display_name.split() or [""])[0]
    note = _("Bericht van de droommakelaar: %(body)s") % {"body": body.strip()}
    limit = CallbackRequest._meta.get_field("note").max_length
    return callback_request_create(
        neighbourhood=dream.neighbourhood,
        phone=resident.phone,
        first_name=first_name,
        note=note[:limit],
        day_part=DayPart.MORNING,  # a resident records no preferred part of the day
        user=author,
        assigned_to=dream.owner or author,
        about_path=reverse("droomhuis:case", kwargs={"reference": dream.reference}),
    )


@transaction.atomic
def dream_withdraw(*, dream: Dream, user=None) -> Dream:
    """The resident withdraws their dream; from then on nobody works on it."""
    if dream.status not in OPEN:
        raise ValidationError(_("Deze droom is al afgerond."), code="closed")
    actor = user if user is not None and user.is_authenticated else None
    _dream_move(
        dream,
        DreamStatus.WITHDRAWN,
        actor,
        dream.version,
        reason=_("Ingetrokken door de bewoner zelf"),
        channel=Channel.ONLINE,
    )
    return dream


@transaction.atomic
def dream_outcome_record(
    *, dream: Dream, actor, expected_version: int, outcome: str, story: str, propose_for_wall: bool
) -> Dream:
    """Record what came of a realised dream and its short story; optionally propose it for the dream wall.

    Proposing needs the resident's active dream-wall consent; a moderator must approve before it shows.
    """
    if dream.status != DreamStatus.REALISED:
        raise ValidationError(_("Alleen een gelukte droom krijgt een resultaat en verhaal."), code="not_realised")
    if propose_for_wall and not has_wall_consent(dream):
        raise ValidationError(
            _("De bewoner heeft geen toestemming gegeven voor de dromenmuur."), code="no_wall_consent"
        )
    _claim_version(dream, expected_version)
    dream.outcome = outcome.strip()
    dream.story = story.strip()
    fields = ["outcome", "story", "updated_at"]
    if propose_for_wall and dream.wall_status in (WallStatus.NOT_PROPOSED, WallStatus.REJECTED):
        dream.wall_status = WallStatus.PROPOSED
        fields.append("wall_status")
        _event(dream, kind=EventKind.WALL, actor=actor, to_value=WallStatus.PROPOSED)
    elif not propose_for_wall and dream.wall_status != WallStatus.NOT_PROPOSED:
        _event(dream, kind=EventKind.WALL, actor=actor, from_value=dream.wall_status, to_value=WallStatus.NOT_PROPOSED)
        dream.wall_status = WallStatus.NOT_PROPOSED
        fields.append("wall_status")
    dream.save(update_fields=fields)
    _event(dream, kind=EventKind.OUTCOME, actor=actor, to_value=dream.outcome)
    case_log(actor, dream, dream, "outcome")
    return dream


@transaction.atomic
def dream_front_door_set(*, dream: Dream, moderator, featured: bool) -> Dream:
    """Staff feature a realised dream's story on its neighbourhood's front door (or stop doing so).

    Only a dream on the dream wall: approved, and while the resident consents (``Dream.objects.on_wall``).
    Withdrawn consent takes it off the wall and so off the front door at once, whatever this flag says.
    """
    if featured and not Dream.objects.on_wall().filter(pk=dream.pk).exists():
        raise ValidationError(
            _("Alleen een droom op de dromenmuur kan op de pagina van de wijk staan."), code="not_on_wall"
        )
    if dream.on_front_door == featured:
        return dream
    dream.on_front_door = featured
    dream.save(update_fields=["on_front_door", "updated_at"])
    _event(
        dream,
        kind=EventKind.WALL,
        actor=moderator,
        from_value="" if featured else "voordeur",
        to_value="voordeur" if featured else "",
        reason=_("Uitgelicht op de pagina van de wijk") if featured else _("Niet meer uitgelicht"),
    )
    case_log(moderator, dream, dream, "voordeur: aan" if featured else "voordeur: uit", role=RoleKind.MODERATOR)
    return dream


@transaction.atomic
def dream_wall_decide(*, dream: Dream, moderator, approve: bool, reason: str = "") -> Dream:
    """A moderator approves or rejects a proposed dream-wall story."""
    if dream.wall_status != WallStatus.PROPOSED and approve:
        raise ValidationError(_("Deze droom is niet voorgesteld voor de dromenmuur."), code="not_proposed")
    if approve and not has_wall_consent(dream):
        raise ValidationError(
            _("De bewoner heeft geen toestemming gegeven voor de dromenmuur."), code="no_wall_consent"
        )
    previous = dream.wall_status
    dream.wall_status = WallStatus.APPROVED if approve else WallStatus.REJECTED
    dream.wall_decided_by = moderator
    dream.wall_decided_at = timezone.now()
    Dream.objects.filter(pk=dream.pk).update(
        wall_status=dream.wall_status,
        wall_decided_by=moderator,
        wall_decided_at=dream.wall_decided_at,
        version=F("version") + 1,
    )
    _event(dream, kind=EventKind.WALL, actor=moderator, from_value=previous, to_value=dream.wall_status, reason=reason)
    case_log(moderator, dream, dream, f"dromenmuur: {dream.wall_status}", role=RoleKind.MODERATOR)
    return dream
