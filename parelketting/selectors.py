"""What other apps may read from the Parelketting, and (with ``parelketting.moderation`` for the Werkplek's
moderators) the only module they may import (``import-linter``):

- the Droomhuis's matching (``published_personal_pearls``, and ``message_to_pearl``);
- the atelier's experiment metrics (``evidence_counts``: counts only, no people);
- the Werkplek's work waiting for a moderator (``is_moderator``, ``moderation_waiting``), through the
  Parelketting's own scoped querysets, so nobody counts another corporation's items.

Keep these signatures stable: other apps rely on them. Nothing here writes, except ``message_to_pearl``: the
pearl's own relay ("Ik doe mee"), which any neighbour may use too, so a dream broker can reach the person behind
a personal pearl without ever seeing their address.
"""

from django.db.models import Count
from django.db.models.functions import TruncMonth

from .choices import ActivityStatus, PearlKind, PearlStatus, ReportStatus
from .models import Pearl
from .permissions import can_handle_reports, moderated_activities, moderated_pearls, reports_for_user


def published_personal_pearls(theme_ids=None, neighbourhood=None):
    """Published pearls of people (what neighbours can and want to offer), optionally with one of ``theme_ids``
    and in one ``neighbourhood`` (an instance or pk).

    Returns a queryset; no contact details are in it beyond what the Pearl model holds, and callers must
    show names only through ``wijk.services.public_name``.
    """
    qs = Pearl.objects.published().filter(kind=PearlKind.PERSON).select_related("neighbourhood")
    if neighbourhood is not None:
        qs = qs.filter(neighbourhood=neighbourhood)
    if theme_ids:
        qs = qs.filter(themes__in=list(theme_ids)).distinct()
    return qs.order_by("-published_at", "-pk")


def message_to_pearl(*, pearl, sender, sender_name: str, body: str, reply_how: str):
    """Send a message to the person behind a published personal pearl, through the pearl's relay: by e-mail when
    they have an address (never shown to the sender), else the corporation's moderators pass it on. Runs in the
    caller's transaction; raises ``ValidationError`` when the pearl takes no messages."""
    from .services import pearl_message_send

    return pearl_message_send(pearl=pearl, sender=sender, sender_name=sender_name, body=body, reply_how=reply_how)


def evidence_counts(neighbourhood) -> dict:
    """Monthly counts of pearls submitted and published in ``neighbourhood``, for the atelier's evidence.


    Also the published activities (by the month they take place) and confirmed sign-ups (by the month
    people signed up). Shape: ``{"submitted": {"2026-11": 12, ...}, "published": {...}, "activities": {...},
    "signups": {...}}`` with months as
    "YYYY-MM" strings in ascending order. Callers that show them publicly apply the "<10" rule.
    """
    base = Pearl.objects.filter(neighbourhood=neighbourhood)

    def monthly(qs, field):
        rows = (
            qs.exclude(**{f"{field}__isnull": True})
            .annotate(month=TruncMonth(field))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        return {row["month"].strftime("%Y-%m"): row["n"] for row in rows}

    from .choices import ActivityStatus, SignUpStatus
    from .programme.models import Activity, SignUp

    activities = Activity.objects.filter(neighbourhood=neighbourhood, status=ActivityStatus.PUBLISHED)
    signups = SignUp.objects.filter(activity__in=activities, status=SignUpStatus.CONFIRMED)
    return {
        "submitted": monthly(base, "created_at"),
        "published": monthly(base, "published_at"),
        "activities": monthly(activities, "starts_at"),
        "signups": monthly(signups, "created_at"),
    }


# --- the Werkplek: what waits for a moderator ------------------------------------------------------------------
# Querysets, not numbers: the Werkplek counts all of them, from every app, together in one query.


def is_moderator(user) -> bool:
    """A moderator of any corporation, or the superuser: the one who checks pearls, reports and activities."""
    return can_handle_reports(user)


def moderation_waiting(user) -> dict:
    """What waits for ``user``'s check in the neighbourhoods they moderate, as querysets by the Werkplek's key:
    submitted pearls (``pearls``), open reports (``reports``) and proposed activities (``activities``)."""
    return {
        "pearls": moderated_pearls(user).filter(status=PearlStatus.SUBMITTED),
        "reports": reports_for_user(user).filter(status=ReportStatus.OPEN),
        "activities": moderated_activities(user).filter(status=ActivityStatus.PROPOSED),
    }
