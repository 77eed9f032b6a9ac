"""Writes for the pop-up programme: proposing and publishing activities, signing up, the waiting list.

Signing up and cancelling lock the activity row (``select_for_update`` in ``transaction.atomic``), so two
people can never take the last place at the same moment; the waiting list moves up in the same transaction.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lib.follow_codes import reference_new
from lib.links import absolute_url, short_address
from lib.photos import ProcessedPhoto
from wijk.choices import Channel, ContactPreference, ResidentLanguage
from wijk.models import AccessAction, DayPart, NoticeKind, Resident
from wijk.notices import staff_notify
from wijk.services import (
    access_log_record,
    callback_request_create,
    resident_channel,
    resident_create,
    resident_reach,
    resident_update_send,
)

from ..choices import ACTIVITY_TRANSITIONS, ActivityStatus, PearlKind, PearlStatus, SignUpStatus
from ..services import moderators_for
from .models import Activity, ActivityPhoto, SignUp

LOCK_RETRIES = 40
MAX_STORY_PHOTOS = 6


def _resident_email(resident) -> str:
    if resident.email:
        return resident.email
    return resident.user.email if resident.user_id else ""


def _check_activity(*, neighbourhood, place, starts_at, ends_at, capacity, talent_pearls) -> None:
    if ends_at <= starts_at:
        raise ValidationError(_("De eindtijd moet na de begintijd liggen."), code="ends_before_start")
    if capacity < 1:
        raise ValidationError(_("Er moet minstens één plaats zijn."), code="capacity")
    if place is not None and (
        place.kind != PearlKind.PLACE
        or place.status != PearlStatus.PUBLISHED
        or place.neighbourhood_id != neighbourhood.pk
    ):
        raise ValidationError(_("Kies een plek uit de lijst."), code="place_invalid")
    for pearl in talent_pearls:
        if pearl.kind != PearlKind.PERSON or pearl.neighbourhood_id != neighbourhood.pk:
            raise ValidationError(_("Kies mensen uit de lijst."), code="talent_invalid")


def activity_propose(
    *,
    title: str,
    description: str,
    neighbourhood,
    starts_at,
    ends_at,
    capacity: int,
    proposed_by,
    place=None,
    place_text: str = "",
    organiser_resident=None,
    organiser_partner=None,
    themes=(),
    talent_pearls=(),
) -> Activity:
    """A resident or partner proposes an activity. It waits for a moderator, who mails nobody yet.

    The corporation's moderators get an e-mail with a link to the admin.
    """
    if organiser_resident is None and organiser_partner is None:
        raise ValidationError(_("Wie organiseert het?"), code="organiser_required")
    if place is None and not place_text.strip():
        raise ValidationError(_("Waar is het? Kies een plek of beschrijf hem."), code="place_required")
    talent_pearls = list(talent_pearls)
    _check_activity(
        neighbourhood=neighbourhood,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        talent_pearls=talent_pearls,
    )
    with transaction.atomic():
        activity = Activity(
            title=title.strip(),
            description=description.strip(),
            neighbourhood=neighbourhood,
            place=place,
            place_text=place_text.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            organiser_resident=organiser_resident,
            organiser_partner=organiser_partner,
            proposed_by=proposed_by,
            status=ActivityStatus.PROPOSED,
        )
        if proposed_by is not None:
            activity._history_user = proposed_by
        activity._change_reason = "proposed"
        activity.save()
        activity.themes.set(list(themes))
        activity.talent_pearls.set(talent_pearls)
        page = absolute_url(reverse("werkplek:activity", kwargs={"uid": activity.uid}))
        staff_notify(
            users=moderators_for(neighbourhood),
            kind=NoticeKind.ACTIVITY,
            subject=_("Nieuw voorstel voor het programma: %(title)s") % {"title": activity.title},
            body=render_to_string(
                "parelketting/email/activity_proposed.txt", {"activity": activity, "admin_url": page}
            ),
            url=page,
        )
    return activity


@dataclass(frozen=True)
class Reach:
    """How many of the people who signed up or wait hear news, per way: e-mail, letter, a call task for staff
    (only a phone number), or nobody (no way to reach them is known)."""

    email: int = 0
    letter: int = 0
    call: int = 0
    nobody: int = 0

    @property
    def told(self) -> int:
        return self.email + self.letter + self.call

    @property
    def total(self) -> int:
        return self.told + self.nobody


def activity_topic(activity: Activity) -> str:
    """What a letter about this activity is about: a newer letter about it replaces an unprinted older one."""
    return f"parelketting.activity:{activity.uid}"


def _attendees(activity: Activity) -> list:
    """Everyone who signed up or waits, once each (oldest first)."""
    signups = activity.signups.exclude(status=SignUpStatus.CANCELLED).select_related("resident__user").order_by("pk")
    seen, residents = set(), []
    for signup in signups:
        if signup.resident_id not in seen:
            seen.add(signup.resident_id)
            residents.append(signup.resident)
    return residents


def attendees_reach(activity: Activity) -> Reach:
    """Who would hear news about ``activity``, and how; sends nothing (for the confirmation before a change)."""
    ways = [resident_reach(resident) for resident in _attendees(activity)]
    return Reach(**{way: ways.count(way) for way in ("email", "letter", "call", "nobody")})


def activity_transition(*, activity: Activity, to: str, by=None, reason: str = "") -> Activity:
    """Move an activity to ``to`` if ``ACTIVITY_TRANSITIONS`` allows it; the history keeps who and why.

    Cancelling a published activity tells everyone who signed up or waits in their own way, with the reason.
    """
    return _transition(activity=activity, to=to, by=by, reason=reason)[0]


def _transition(*, activity: Activity, to: str, by=None, reason: str = "") -> tuple[Activity, Reach]:
    if to not in ACTIVITY_TRANSITIONS.get(activity.status, ()):
        raise ValidationError(
            _("Een activiteit met status ‘%(from)s’ kan niet naar ‘%(to)s’.")
            % {"from": ActivityStatus(activity.status).label, "to": ActivityStatus(to).label},
            code="transition_not_allowed",
        )
    reach = Reach()
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("neighbourhood__corporation")
            .get(pk=activity.pk)
        )
        was = activity.status
        activity.status = to
        if by is not None and getattr(by, "is_authenticated", False):
            activity._history_user = by
        activity._change_reason = reason or f"status: {to}"
        activity.save()
        if was == ActivityStatus.PUBLISHED and to == ActivityStatus.CANCELLED:
            when = date_format(timezone.localtime(activity.starts_at), "j F, H:i")
            reach = attendees_notify(
                activity=activity,
                reason="parelketting.activity_cancelled",
                subject=lambda: _("Gaat niet door: %(title)s") % {"title": activity.title},
                template="parelketting/email/activity_cancelled.txt",
                context={"reason": reason},
                by=by,
                call_note=lambda: (
                    _("‘%(title)s’ op %(when)s gaat niet door. Bel de bewoner en vertel het.")
                    % {"title": activity.title, "when": when}
                    + (" " + _("De reden: %(reason)s") % {"reason": reason} if reason else "")
                ),
            )
    return activity, reach


def attendees_notify(
    *,
    activity: Activity,
    reason: str,
    subject,
    template: str,
    context: dict,
    by=None,
    call_note: Callable[[], str] | None = None,
    letter_context: Callable[[object], dict] | None = None,
) -> Reach:
    """Tell everyone who signed up or waits, once each, in their own way (``resident_reach``): by e-mail or
    letter as they prefer; someone with only a phone number becomes a call task for the neighbourhood's staff
    (with ``call_note()``), so nothing is "sent" to nobody.

    ``subject()`` and the template are written in each resident's language; the template gets ``letter``
    to leave out links, greeting and closing on paper; ``letter_context(resident)`` may add to a letter's context
    (a letter replaces unprinted older ones, so it may need to say more). Returns how many hear it, per way.
    """
    context = {
        "activity": activity,
        "programme_url": absolute_url(reverse("parelketting:programme")),
        "programme_address": short_address(reverse("parelketting:programme")),
        "activity_url": absolute_url(activity.get_absolute_url()),
        **context,
    }
    author = by if getattr(by, "is_authenticated", False) else None
    counts = {"email": 0, "letter": 0, "call": 0, "nobody": 0}
    for resident in _attendees(activity):
        way = resident_reach(resident)
        if way == "call" and call_note is None:
            way = "nobody"
        counts[way] += 1
        if way == "call":
            callback_request_create(
                neighbourhood=activity.neighbourhood,
                phone=resident.phone,
                day_part=DayPart.MORNING,
                first_name=resident.first_name or resident.display_name[:60],
                note=call_note(),
                user=author,
            )
        elif way != "nobody":
            resident_update_send(
                resident=resident,
                organisation=activity.neighbourhood.corporation,
                reason=reason,
                compose=lambda: (subject(), render_to_string(template, context)),
                compose_letter=lambda resident=resident: (
                    subject(),
                    render_to_string(
                        template,
                        {**context, **(letter_context(resident) if letter_context else {}), "letter": True},
                    ),
                ),
                created_by=author,
                topic=activity_topic(activity),
            )
    return Reach(**counts)


def activity_publish(*, activity: Activity, by) -> Activity:
    """Put a proposed activity in the public programme."""
    return activity_transition(activity=activity, to=ActivityStatus.PUBLISHED, by=by)


# Written in the reader's language when sent (``resident_update_send``), so marked here and translated there.
DECIDED_SUBJECTS = {
    True: gettext_noop("Uw voorstel staat in het programma"),
    False: gettext_noop("Over uw voorstel voor het programma"),
}


def activity_proposer_reach(activity: Activity) -> str:
    """How the proposer hears a moderator's decision: the organising resident as they chose (``"email"``,
    ``"letter"``, ``"call"`` with only a phone number, or ``"nobody"``); otherwise the proposing account by e-mail."""
    resident = activity.organiser_resident
    if resident is not None:
        channel = resident_channel(resident)
        if channel != "none":
            return channel
        return "call" if resident.phone else "nobody"
    proposer = activity.proposed_by
    return "email" if proposer is not None and proposer.email else "nobody"


def activity_decide(*, activity: Activity, by, accept: bool, reason: str = "") -> Activity:
    """A moderator's decision on a proposed activity: into the programme, or not (with a reason). The proposer
    hears it their way (``activity_proposer_reach``); nobody else does, as nobody could sign up yet."""
    reason = (reason or "").strip()
    if activity.status != ActivityStatus.PROPOSED:
        raise ValidationError(_("Over dit voorstel is al besloten."), code="decided")
    if not accept and not reason:
        raise ValidationError(_("Schrijf een vriendelijke reden voor wie het voorstelde."), code="reason_required")
    to = ActivityStatus.PUBLISHED if accept else ActivityStatus.CANCELLED
    with transaction.atomic():
        activity = activity_transition(activity=activity, to=to, by=by, reason=reason or "accepted")
        context = {
            "activity": activity,
            "accepted": accept,
            "reason": reason,
            "activity_url": absolute_url(activity.get_absolute_url()),
        }
        subject_text = DECIDED_SUBJECTS[accept]
        author = by if getattr(by, "is_authenticated", False) else None
        resident = activity.organiser_resident
        if resident is not None:
            resident_update_send(
                resident=resident,
                organisation=activity.neighbourhood.corporation,
                reason="parelketting.activity_accepted" if accept else "parelketting.activity_declined",
                compose=lambda: (_(subject_text), render_to_string("parelketting/email/activity_decided.txt", context)),
                compose_letter=lambda: (
                    _(subject_text),
                    render_to_string("parelketting/email/activity_decided.txt", {**context, "letter": True}),
                ),
                created_by=author,
            )
        elif activity.proposed_by is not None and activity.proposed_by.email:
            body = render_to_string("parelketting/email/activity_decided.txt", context)
            address = activity.proposed_by.email
            transaction.on_commit(lambda: send_mail(_(subject_text), body, None, [address]))
    return activity


def activity_cancel(*, activity: Activity, by, reason: str = "") -> Activity:
    """The activity does not go ahead; people who signed up or wait hear it in their own way, with the reason."""
    return activity_transition(activity=activity, to=ActivityStatus.CANCELLED, by=by, reason=reason)


def activity_cancel_told(*, activity: Activity, by, reason: str) -> Reach:
    """Staff cancel a published activity with a reason (required); returns how everyone hears it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Schrijf kort waarom het niet doorgaat. Dat lezen de aangemelde buren."), code="reason")
    if activity.status != ActivityStatus.PUBLISHED:
        raise ValidationError(_("Alleen een activiteit in het programma kan vervallen."), code="not_published")
    if activity.ends_at < timezone.now():
        raise ValidationError(_("Deze activiteit is al voorbij."), code="past")
    return _transition(activity=activity, to=ActivityStatus.CANCELLED, by=by, reason=reason)[1]


def _is_lock_error(error: OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "deadlock" in text or "could not serialize" in text


def _with_activity_lock(activity_pk: int, work):
    """Run ``work(activity)`` in a transaction holding the activity row's lock; retry when the database is busy.

    PostgreSQL: ``select_for_update`` makes concurrent sign-ups wait for each other. SQLite has no row
    locks: a no-op write takes the database's write lock first, and a busy database is retried.
    """
    for attempt in range(LOCK_RETRIES):
        try:
            with transaction.atomic():
                if connection.vendor == "sqlite":
                    Activity.objects.filter(pk=activity_pk).update(capacity=F("capacity"))
                activity = Activity.objects.select_for_update().get(pk=activity_pk)
                return work(activity)
        except OperationalError as error:
            if not _is_lock_error(error) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(min(0.02 * (attempt + 1), 0.25) * (0.5 + random.random()))  # noqa: S311  # nosec B311  # jitter, not security
    raise RuntimeError("unreachable")


def _check_open(activity: Activity) -> None:
    if activity.status != ActivityStatus.PUBLISHED or activity.ends_at < timezone.now():
        raise ValidationError(_("Voor deze activiteit kunt u zich niet meer aanmelden."), code="closed")


def _new_status(activity: Activity) -> str:
    confirmed = activity.signups.filter(status=SignUpStatus.CONFIRMED).count()
    return SignUpStatus.CONFIRMED if confirmed < activity.capacity else SignUpStatus.WAITING


def signup_create(*, activity: Activity, resident, by=None, channel: str = Channel.ONLINE) -> SignUp:
    """Sign a resident up: a confirmed place while there is room, else a place on the waiting list.

    Staff signing up a resident who phoned or came by pass ``by`` and the ``channel``; that is recorded.
    Signing up twice returns the existing sign-up. The resident gets a confirmation by e-mail or letter
    when we know their address.
    """
    if channel not in Channel.values:
        raise ValidationError(_("Kies hoe de bewoner zich aanmeldde."), code="channel")
    if by is not None and resident.user_id != getattr(by, "pk", None) and channel == Channel.ONLINE:
        raise ValidationError(_("Kies hoe de bewoner zich aanmeldde."), code="channel_required")

    def work(locked: Activity) -> SignUp:
        _check_open(locked)
        if locked.neighbourhood_id != resident.neighbourhood_id:
            raise ValidationError(_("Deze activiteit is in een andere wijk."), code="other_neighbourhood")
        existing = locked.signups.exclude(status=SignUpStatus.CANCELLED).filter(resident=resident).first()
        if existing is not None:
            return existing
        staff = by if by is not None and resident.user_id != getattr(by, "pk", None) else None
        signup = SignUp.objects.create(
            activity=locked, resident=resident, status=_new_status(locked), channel=channel, created_by=staff
        )
        _mail_signup(signup, locked, resident)
        return signup

    return _with_activity_lock(activity.pk, work)


# The ways a person without an account may choose to hear from us about a sign-up ("" = not at all).
ANONYMOUS_WAYS = ("", ContactPreference.PHONE, ContactPreference.EMAIL, ContactPreference.LETTER)


def _digits(value: str) -> str:
    return "".join(ch for ch in value or "" if ch.isdigit())


def _words(value: str) -> str:
    return " ".join((value or "").casefold().split())


def _same_person(signup: SignUp, *, name: str, email: str, phone: str, postal_address: str) -> bool:
    """Is this active sign-up already the person who asks now? Matched on the way to reach them; without
    one, on the name (of a sign-up that also left no way to reach them)."""
    resident = signup.resident
    known_email = resident.email or (resident.user.email if resident.user_id else "")
    if email:
        return known_email.casefold() == email.casefold()
    if phone:
        return _digits(resident.phone) == _digits(phone)
    if postal_address:
        return _words(resident.postal_address) == _words(postal_address)
    no_way = not (known_email or resident.phone or resident.postal_address)
    return no_way and _words(resident.first_name or resident.display_name) == _words(name)


def _signup_reference_new() -> str:
    while True:
        code = reference_new()
        if not SignUp.objects.filter(reference=code).exists():
            return code


def signup_create_anonymous(
    *,
    activity: Activity,
    name: str,
    contact_preference: str = "",
    email: str = "",
    phone: str = "",
    postal_address: str = "",
    language: str = "nl",
) -> SignUp:
    """Someone without an account signs up: a name and, if they like, one way to hear from us.

    They become a resident record without an account, in the activity's neighbourhood, holding only the name
    and the way they chose (phone, e-mail or letter). The sign-up gets a reference code: shown on the page,
    in the e-mail or letter, and the key to cancel on a public page. The same person (same e-mail address,
    phone number or address; without any, the same name) cannot take a second place: that is refused, and the
    code of the first sign-up is not shown (it went to them by the way they chose). One transaction, with the
    activity row locked; an access-log row records the sign-up.
    """
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Vul uw naam in."), code="name_required")
    if contact_preference not in ANONYMOUS_WAYS:
        raise ValidationError(_("Kies hoe wij u iets laten weten."), code="contact_unknown")
    email = email.strip() if contact_preference == ContactPreference.EMAIL else ""
    phone = phone.strip() if contact_preference == ContactPreference.PHONE else ""
    postal_address = postal_address.strip() if contact_preference == ContactPreference.LETTER else ""
    if contact_preference and not (email or phone or postal_address):
        raise ValidationError(_("Vul in waar wij u kunnen bereiken."), code="contact_missing")

    def work(locked: Activity) -> SignUp:
        _check_open(locked)
        active = locked.signups.exclude(status=SignUpStatus.CANCELLED).select_related("resident__user")
        if any(
            _same_person(other, name=name, email=email, phone=phone, postal_address=postal_address) for other in active
        ):
            raise ValidationError(
                _("U bent al aangemeld. Uw aanmeldcode kreeg u toen. Kwijt? Bel ons, dan zoeken wij het op."),
                code="already_signed_up",
            )
        resident = resident_create(
            neighbourhood=locked.neighbourhood,
            created_via=Channel.ONLINE,
            first_name=name[:60],
            display_name=name[:120],
            contact_preference=contact_preference,
            email=email,
            phone=phone,
            postal_address=postal_address,
            language=language if language in ResidentLanguage.values else ResidentLanguage.DUTCH,
        )
        signup = SignUp.objects.create(
            activity=locked,
            resident=resident,
            status=_new_status(locked),
            channel=Channel.ONLINE,
            reference=_signup_reference_new(),
        )
        access_log_record(
            user=None,
            action=AccessAction.CHANGE,
            obj=signup,
            resident=resident,
            organisation=locked.neighbourhood.corporation,
            detail=f"signup without an account: {signup.status}",
        )
        _mail_signup(signup, locked, resident)
        return signup

    return _with_activity_lock(activity.pk, work)


def signups_claim(*, user, email: str) -> int:
    """An account whose e-mail address is confirmed takes over the sign-ups made without an account from it.

    As ``pearls_claim`` does for pearls (``receivers`` call both): the first such record becomes the account's
    resident record when it has none; otherwise each active sign-up moves to the account's record, with an
    access-log row. A sign-up for an activity the account is already signed up for stays where it is (its code
    still cancels it). Returns how many sign-ups now belong to the account.
    """
    email = (email or "").strip()
    if not email or not getattr(user, "is_authenticated", False):
        return 0
    claimed = 0
    with transaction.atomic():
        made_anonymously = SignUp.objects.filter(reference__isnull=False)
        anonymous = list(
            Resident.objects.select_for_update()
            .filter(user__isnull=True, email__iexact=email, pk__in=made_anonymously.values("resident_id"))
            .order_by("created_at")
        )
        own = Resident.objects.filter(user=user).first()
        for resident in anonymous:
            if own is None:
                resident.user = user
                resident.save(update_fields=["user", "updated_at"])
                own = resident
                claimed += resident.signups.exclude(status=SignUpStatus.CANCELLED).count()
                continue
            already = set(own.signups.exclude(status=SignUpStatus.CANCELLED).values_list("activity_id", flat=True))
            moving = (
                SignUp.objects.select_for_update()
                .filter(resident=resident)
                .exclude(status=SignUpStatus.CANCELLED)
                .exclude(activity_id__in=already)
                .select_related("activity__neighbourhood")
            )
            for signup in moving:
                signup.resident = own
                signup.save(update_fields=["resident"])
                access_log_record(
                    user=user,
                    action=AccessAction.CHANGE,
                    obj=signup,
                    resident=own,
                    organisation=signup.activity.neighbourhood.corporation,
                    detail="signup taken over by the account of the same e-mail address",
                )
                claimed += 1
    return claimed


def signup_cancel(*, signup: SignUp, by=None, with_code: bool = False) -> SignUp | None:
    """Cancel a sign-up. When a confirmed place comes free, the first on the waiting list gets it at once.

    ``with_code``: the person cancelled on the public page with the sign-up's reference code. That is
    recorded in the access log, and the way to reach a person without an account is dropped (nothing more
    will be sent about it). Returns the promoted sign-up (who then hears it the way they chose), or None.
    """

    def work(locked: Activity) -> SignUp | None:
        current = SignUp.objects.select_for_update().select_related("resident").get(pk=signup.pk)
        if current.status == SignUpStatus.CANCELLED:
            return None
        freed = current.status == SignUpStatus.CONFIRMED
        current.status = SignUpStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        if with_code:
            access_log_record(
                user=by,
                action=AccessAction.CHANGE,
                obj=current,
                resident=current.resident,
                organisation=locked.neighbourhood.corporation,
                detail="signup cancelled with its reference code",
            )
            resident = current.resident
            if resident.user_id is None and not resident.signups.exclude(status=SignUpStatus.CANCELLED).exists():
                type(resident).objects.filter(pk=resident.pk).update(
                    email="", phone="", postal_address="", contact_preference=""
                )
        if not freed:
            return None
        return _promote(locked)

    return _with_activity_lock(signup.activity_id, work)


def _promote(activity: Activity) -> SignUp | None:
    """Fill free places from the waiting list, oldest first. Called with the activity row locked."""
    promoted = None
    confirmed = activity.signups.filter(status=SignUpStatus.CONFIRMED).count()
    free = activity.capacity - confirmed
    waiting = list(
        activity.signups.filter(status=SignUpStatus.WAITING)
        .select_related("resident__user")
        .order_by("created_at", "pk")[: max(free, 0)]
    )
    for signup in waiting:
        signup.status = SignUpStatus.CONFIRMED
        signup.promoted_at = timezone.now()
        signup.save(update_fields=["status", "promoted_at"])
        _mail_signup(signup, activity, signup.resident, promoted=True)
        _call_task_for_promotion(signup, activity)
        promoted = promoted or signup
    return promoted


def _call_task_for_promotion(signup: SignUp, activity: Activity) -> None:
    """Someone without an account who chose "bel mij" is told by phone: a call task for the neighbourhood's
    staff (``callback_request_create``), who see it in their list of calls to make."""
    resident = signup.resident
    if resident.user_id is not None or resident.contact_preference != ContactPreference.PHONE or not resident.phone:
        return
    when = timezone.localtime(activity.starts_at)
    note = _(
        "Plaats vrij bij ‘%(title)s’ op %(when)s. Bel de bewoner: hij of zij is van de wachtlijst af. Code %(code)s."
    ) % {
        "title": activity.title,
        "when": date_format(when, "j F, H:i"),
        "code": signup.reference_display,
    }
    callback_request_create(
        neighbourhood=activity.neighbourhood,
        phone=resident.phone,
        day_part=DayPart.MORNING,
        first_name=resident.first_name,
        note=note[:300],
    )


def signup_status_url(signup: SignUp) -> str:
    """The full link to the public page of a sign-up without an account (see it, cancel it)."""
    return absolute_url(reverse("parelketting:signup_status", kwargs={"code": signup.reference}))


def _mail_signup(signup: SignUp, activity: Activity, resident, promoted: bool = False) -> None:
    """Confirm a sign-up or a place from the waiting list: by letter or e-mail, in the resident's language."""
    context = {
        "activity": activity,
        "signup": signup,
        "promoted": promoted,
        "activity_url": absolute_url(activity.get_absolute_url()),
        "ics_url": absolute_url(reverse("parelketting:activity_ics", kwargs={"uid": activity.uid})),
        "programme_address": short_address(reverse("parelketting:programme")),
    }
    if signup.reference:
        context["code"] = signup.reference_display
        context["status_url"] = signup_status_url(signup)
        context["cancel_address"] = short_address(reverse("parelketting:signup_find"))
    status = signup.status

    def compose(letter: bool = False) -> tuple[str, str]:
        if promoted:
            subject = _("Er is een plaats voor u: %(title)s") % {"title": activity.title}
        elif status == SignUpStatus.CONFIRMED:
            subject = _("U bent aangemeld: %(title)s") % {"title": activity.title}
        else:
            subject = _("U staat op de wachtlijst: %(title)s") % {"title": activity.title}
        return subject, render_to_string("parelketting/email/signup.txt", {**context, "letter": letter})

    resident_update_send(
        resident=resident,
        organisation=activity.neighbourhood.corporation,
        reason="parelketting.signup_promoted" if promoted else f"parelketting.signup_{status}",
        compose=compose,
        compose_letter=lambda: compose(letter=True),
        created_by=signup.created_by,
        topic=activity_topic(activity),
    )


def signup_reminders_send(*, now=None) -> int:
    """E-mail everyone with a confirmed place for an activity that starts tomorrow (local date). Once each.

    Meant for a daily scheduler (``manage.py parelketting_reminders``); running twice sends nothing twice.
    """
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    sent = 0
    signups = (
        SignUp.objects.filter(
            status=SignUpStatus.CONFIRMED,
            reminded_at__isnull=True,
            activity__status=ActivityStatus.PUBLISHED,
            activity__starts_at__date=tomorrow,
        )
        .select_related("activity__place", "resident__user")
        .order_by("pk")
    )
    for signup in signups:
        email = _resident_email(signup.resident)
        with transaction.atomic():
            claimed = SignUp.objects.filter(pk=signup.pk, reminded_at__isnull=True).update(reminded_at=now)
            if not claimed or not email:
                continue
            context = {
                "activity": signup.activity,
                "activity_url": absolute_url(signup.activity.get_absolute_url()),
            }
            send_mail(
                _("Morgen: %(title)s") % {"title": signup.activity.title},
                render_to_string("parelketting/email/reminder.txt", context),
                None,
                [email],
            )
            sent += 1
    return sent


def activity_story_write(*, activity: Activity, story: str, photos: list[tuple[ProcessedPhoto, str]], by) -> Activity:
    """After the activity: "zo ging het", with photos already cleaned by ``lib.photos.photo_process``."""
    story = (story or "").strip()
    if not story:
        raise ValidationError(_("Schrijf kort hoe het ging."), code="story_required")
    if activity.starts_at > timezone.now():
        raise ValidationError(_("Hoe het ging, schrijft u na de activiteit."), code="not_yet")
    if activity.status != ActivityStatus.PUBLISHED:
        raise ValidationError(_("Deze activiteit ging niet door."), code="not_published")
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.photos.count() + len(photos) > MAX_STORY_PHOTOS:
            raise ValidationError(
                _("Er passen hoogstens %(n)d foto's bij een verhaal.") % {"n": MAX_STORY_PHOTOS}, code="too_many_photos"
            )
        activity.story = story
        activity.story_written_at = timezone.now()
        if by is not None:
            activity._history_user = by
        activity._change_reason = "story"
        activity.save()
        for processed, description in photos:
            photo = ActivityPhoto(activity=activity, description=description.strip())
            photo.photo.save("foto.jpg", processed.photo, save=False)
            photo.thumbnail.save("klein.jpg", processed.thumbnail, save=False)
            photo.save()
    return activity
