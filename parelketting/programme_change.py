"""Changing an activity after it was proposed or published: time, place, description, name, places.

Everyone who signed up or waits hears what changed, by e-mail or by letter as they prefer. A change that
does not matter for them (only the number of places) tells nobody; more places move the waiting list up.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ActivityStatus, SignUpStatus
from .models import Activity
from .programme_services import _check_activity, _promote, attendees_notify

# The fields residents hear about when they change; ``capacity`` changes quietly.
NOTIFY_FIELDS = ("title", "description", "starts_at", "ends_at", "place", "place_text")
_KEEP = object()


@dataclass(frozen=True)
class ActivityChange:
    activity: Activity
    changed: tuple[str, ...]
    notified: int


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
            return ActivityChange(activity=locked, changed=(), notified=0)
        for name, value in new.items():
            setattr(locked, name, value)
        if getattr(by, "is_authenticated", False):
            locked._history_user = by
        locked._change_reason = "changed: " + ", ".join(changed)
        locked.save()
        if "capacity" in changed and new["capacity"] > before["capacity"]:
            _promote(locked)
        notified = 0
        relevant = [name for name in changed if name in NOTIFY_FIELDS]
        if relevant and locked.status == ActivityStatus.PUBLISHED:
            notified = attendees_notify(
                activity=locked,
                reason="parelketting.activity_changed",
                subject=lambda: _("Veranderd: %(title)s") % {"title": locked.title},
                template="parelketting/email/activity_changed.txt",
                context={
                    "before": before,
                    "time_changed": "starts_at" in changed or "ends_at" in changed,
                    "place_changed": "place" in changed or "place_text" in changed,
                    "title_changed": "title" in changed,
                    "description_changed": "description" in changed,
                },
                by=by,
            )
    return ActivityChange(activity=locked, changed=changed, notified=notified)


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
