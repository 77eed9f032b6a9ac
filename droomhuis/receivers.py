"""Reactions to events in the shared model."""

from wijk.choices import DataCategory, Purpose

from .models import Dream, DreamEvent, EventKind, WallStatus


def on_consent_withdrawn(sender, consent, withdrawal, **kwargs):
    """Note a withdrawn contact or dream-wall consent in the history of the resident's open and realised dreams.

    The dream wall and the broker's case page read consent live, so the effect is immediate; this row
    tells the broker why. A dream waiting for or on the wall goes back to "not proposed".
    """
    relevant = {
        (DataCategory.CONTACT, Purpose.CONTACT),
        (DataCategory.DREAM, Purpose.DREAM_WALL),
    }
    if (consent.category, consent.purpose) not in relevant:
        return
    dreams = Dream.objects.filter(resident_id=consent.resident_id)
    for dream in dreams:
        DreamEvent.objects.create(
            dream=dream,
            kind=EventKind.CONSENT,
            actor=withdrawal.recorded_by,
            to_value=consent.get_purpose_display(),
            channel=withdrawal.method,
        )
    if consent.purpose == Purpose.DREAM_WALL:
        dreams.exclude(wall_status=WallStatus.NOT_PROPOSED).update(wall_status=WallStatus.NOT_PROPOSED)
