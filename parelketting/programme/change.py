"""Changing an activity after it was proposed or published: time, place, description, name, places.

Everyone who signed up or waits hears what changed, by e-mail or by letter as they prefer. A change that
does not matter for them (only the number of places) tells nobody; more places move the waiting list up.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijk.models import Letter, LetterStatus

from ..choices import ActivityStatus, SignUpStatus
from ..models import Pearl
from .models import Activity
from .services import Reach, _check_activity, _promote, activity_topic, attendees_notify

# The fields residents hear about when they change; ``capacity`` changes quietly.
NOTIFY_FIELDS = ("title", "description", "starts_at", "ends_at", "place", "place_text")
_KEEP = object()


@dataclass(frozen=True)
class ActivityChange:
    activity: Activity
    changed: tuple[str, ...]
    reach: Reach = Reach()

    @property
    def notified(self) -> int:
        return self.reach.told


def activity_change(
    *,
    activity: Activity,
    by,
    title=_KEEP,
    description=_KEEP,
    starts_at=_KEEP,
    ends_at=_KEEP,
    place=_KEEP,
    place_text=_KEEP,
    capacity=_KEEP,
    reason: str = "",
) -> ActivityChange:
    """Change a proposed or published activity that has not ended; leave out what stays the same.

    Checks like ``activity_propose``; the history keeps who changed which fields. Everyone who signed up
    or waits gets one message with what changed (only for a published activity, and only when the name,
    description, time or place changed).
    """
    with transaction.atomic():
        locked = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("neighbourhood__corporation", "place")
            .get(pk=activity.pk)
        )
        if locked.status == ActivityStatus.CANCELLED:
            raise ValidationError(
                _("Deze activiteit gaat niet door. U kunt hem niet meer veranderen."), code="cancelled"
            )
        if locked.ends_at < timezone.now():
            raise ValidationError(_("Deze activiteit is al voorbij."), code="past")
        before = {name: getattr(locked, name) for name in (*NOTIFY_FIELDS, "capacity")}
        before["place_label"] = locked.place_label
        new = {
            "title": locked.title if title is _KEEP else (title or "").strip(),
            "description": locked.description if description is _KEEP else (description or "").strip(),
            "starts_at": locked.starts_at if starts_at is _KEEP else starts_at,
            "ends_at": locked.ends_at if ends_at is _KEEP else ends_at,
            "place": locked.place if place is _KEEP else place,
            "place_text": locked.place_text if place_text is _KEEP else (place_text or "").strip(),
            "capacity": locked.capacity if capacity is _KEEP else capacity,
        }
        _check_change(locked, new)
        changed = tuple(name for name in (*NOTIFY_FIELDS, "capacity") if new[name] != before[name])
        if not changed:
            return ActivityChange(activity=locked, changed=())
        for name, value in new.items():
            setattr(locked, name, value)
        if getattr(by, "is_authenticated", False):
            locked._history_user = by
        locked._change_reason = "changed: " + ", ".join(changed)
        locked.save()
        if "capacity" in changed and new["capacity"] > before["capacity"]:
            _promote(locked)
        reach = Reach()
        relevant = [name for name in changed if name in NOTIFY_FIELDS]
        if relevant and locked.status == ActivityStatus.PUBLISHED:
            reason = (reason or "").strip()
            when = date_format(timezone.localtime(locked.starts_at), "j F, H:i")
            reach = attendees_notify(
                activity=locked,
                reason="parelketting.activity_changed",
                subject=lambda: _("Veranderd: %(title)s") % {"title": locked.title},
                template="parelketting/email/activity_changed.txt",
                context={**_flags(locked, before), "reason": reason},
                by=by,
                call_note=lambda: (
                    _("‘%(title)s’ is veranderd. Nu: %(when)s, %(place)s. Bel de bewoner en vertel het.")
                    % {"title": locked.title, "when": when, "place": locked.place_label}
                    + (" " + _("De reden: %(reason)s") % {"reason": reason} if reason else "")
                ),
                letter_context=lambda resident: _told_before(locked, resident),
            )
    return ActivityChange(activity=locked, changed=changed, reach=reach)


def _flags(activity: Activity, before: dict) -> dict:
    """What the message says changed: everything that differs from ``before`` (what the resident knew)."""
    return {
        "before": before,
        "time_changed": before["starts_at"] != activity.starts_at or before["ends_at"] != activity.ends_at,
        "place_changed": before["place_label"] != activity.place_label,
        "title_changed": before["title"] != activity.title,
        "description_changed": before["description"] != activity.description,
    }


def _told_before(activity: Activity, resident) -> dict:
    """A new letter replaces the resident's unprinted letters about this activity (``letter_queue``). When one of
    them was about an earlier change, the new letter compares with what the resident knew before that change,
    so "the time changed, then the place changed" gives one letter that names both."""
    earliest = (
        Letter.objects.filter(
            resident=resident,
            topic=activity_topic(activity),
            status=LetterStatus.QUEUED,
            run__isnull=True,
            reason="parelketting.activity_changed",
        )
        .order_by("created_at", "pk")
        .first()
    )
    if earliest is None:
        return {}
    record = (
        activity.history.filter(history_date__lte=earliest.created_at, history_change_reason__startswith="changed")
        .order_by("-history_date", "-history_id")
        .first()
    )
    previous = record.prev_record if record is not None else None
    if previous is None:
        return {}
    place = Pearl.objects.filter(pk=previous.place_id).only("title").first() if previous.place_id else None
    before = {
        "title": previous.title,
        "description": previous.description,
        "starts_at": previous.starts_at,
        "ends_at": previous.ends_at,
        "place_label": place.title if place is not None else previous.place_text,
    }
    return _flags(activity, before)


def activity_change_preview(*, activity: Activity, **new) -> tuple[str, ...]:
    """Which fields a change would change (nothing is saved): for the confirmation before residents hear it."""
    current = {name: getattr(activity, name) for name in (*NOTIFY_FIELDS, "capacity")}
    return tuple(name for name in current if name in new and new[name] != current[name])


def _check_change(activity: Activity, new: dict) -> None:
    if not new["title"]:
        raise ValidationError(_("Geef de activiteit een naam."), code="title_required")
    if not new["description"]:
        raise ValidationError(_("Schrijf kort wat mensen kunnen verwachten."), code="description_required")
    if new["place"] is None and not new["place_text"]:
        raise ValidationError(_("Waar is het? Kies een plek of beschrijf hem."), code="place_required")
    moved = new["starts_at"] != activity.starts_at
    if moved and new["starts_at"] < timezone.now():
        raise ValidationError(_("Kies een tijd in de toekomst."), code="starts_in_past")
    capacity = new["capacity"]
    if isinstance(capacity, int) and capacity >= 1 and capacity < activity.capacity:
        confirmed = activity.signups.filter(status=SignUpStatus.CONFIRMED).count()
        if capacity < confirmed:
            raise ValidationError(
                _("Er zijn al %(n)d mensen aangemeld. Kies minstens zoveel plaatsen.") % {"n": confirmed},
                code="capacity_below_signups",
            )
    _check_activity(
        neighbourhood=activity.neighbourhood,
        place=new["place"] if new["place"] != activity.place else None,
        starts_at=new["starts_at"],
        ends_at=new["ends_at"],
        capacity=capacity,
        talent_pearls=[],
    )
