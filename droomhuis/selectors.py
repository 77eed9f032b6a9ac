"""What other apps may read from the Droomhuis, and the only module they may import (``import-linter``).

- the atelier's experiment metrics (``evidence_counts``: counts only, no people);
- the Werkplek's work waiting for a staff member (``wall_waiting``, ``waiting_work``), each through the
  Droomhuis's own scoped querysets, so nobody counts another corporation's items;
- the open-data API's dream wall (``wall_stories``: the dreams the public wall shows).
"""

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth

from wijk.choices import RoleKind
from wijk.models import Neighbourhood, Theme
from wijk.permissions import active_roles, neighbourhood_filter

from .care.models import Referral
from .care.permissions import pairings_for_expert, referrals_for_partner, reviews_for
from .care.workflow import ReferralStatus
from .matches.models import Match, MatchOutcome, MatchStatus
from .models import Dream, WallStatus
from .permissions import dreams_for_broker, dreams_for_team_lead, is_team_lead
from .permissions import is_broker as is_broker  # the Werkplek's menu asks it too
from .workflow import OPEN, DreamStatus


def _monthly(qs, field):
    rows = qs.exclude(**{f"{field}__isnull": True}).annotate(month=TruncMonth(field)).values("month")
    return {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
        for row in rows.annotate(n=Count("pk")).order_by("month")
    }


def evidence_counts(neighbourhood) -> list[dict]:
    """Per month: dreams received, picked up and realised in ``neighbourhood`` (instance, pk or slug).

    Also how many different partners received a referral that month (``partners_involved``), and how many
    matches (a partner or a neighbour's pearl for a dream) were closed (``matches_closed``) and helped
    (``matches_helped``).
    Returns ``[{"month": date(2026, 3, 1), "received": 4, "picked_up": 3, "realised": 1, ...}, ...]``, oldest
    first, only months with at least one count. Callers showing these publicly must apply the "<10" rule.
    """
    if isinstance(neighbourhood, Neighbourhood):
        qs = Dream.objects.filter(neighbourhood=neighbourhood)
    elif isinstance(neighbourhood, int):
        qs = Dream.objects.filter(neighbourhood_id=neighbourhood)
    else:
        qs = Dream.objects.filter(neighbourhood__slug=neighbourhood)
    received = _monthly(qs, "created_at")
    picked_up = _monthly(qs, "picked_up_at")
    realised = _monthly(qs.filter(status="realised"), "closed_at")
    partners = _monthly_partners(qs)
    closed = Match.objects.filter(dream__in=qs, status=MatchStatus.CLOSED)
    matches = _monthly(closed, "closed_at")
    helped = _monthly(closed.filter(outcome=MatchOutcome.HELPED), "closed_at")
    months = sorted(set(received) | set(picked_up) | set(realised) | set(partners) | set(matches))
    return [
        {
            "month": month,
            "received": received.get(month, 0),
            "picked_up": picked_up.get(month, 0),
            "realised": realised.get(month, 0),
            "partners_involved": partners.get(month, 0),
            "matches_closed": matches.get(month, 0),
            "matches_helped": helped.get(month, 0),
        }
        for month in months
    ]


def _monthly_partners(dreams) -> dict:
    """Per month: the number of different partner organisations that were sent a referral for these dreams."""
    rows = (
        Referral.objects.filter(dream__in=dreams, sent_at__isnull=False)
        .annotate(month=TruncMonth("sent_at"))
        .values("month")
        .annotate(n=Count("partner", distinct=True))
        .order_by("month")
    )
    return {row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"] for row in rows}


# --- the Werkplek: what waits for a staff member -------------------------------------------------------------
# Querysets, not numbers: the Werkplek counts all of them, from every app, together in one query.


def _moderated_dreams(user):
    if getattr(user, "is_superuser", False):
        return Dream.objects.all()
    return Dream.objects.filter(neighbourhood_filter(user, RoleKind.MODERATOR))


def wall_waiting(user):
    """Stories proposed for the dream wall in the neighbourhoods ``user`` moderates (all of them for a superuser)."""
    return _moderated_dreams(user).filter(wall_status=WallStatus.PROPOSED)


def waiting_work(user, today) -> dict:
    """The Droomhuis's work waiting for ``user``, as querysets by the Werkplek's key; a key is absent when no role
    covers it: ``dreams_new``, ``dreams_mine``, ``dreams_overdue`` and ``reviews`` for a broker, ``team_open`` for
    a team lead, ``to_acknowledge`` for a partner contact, ``pairings`` for an expert by experience."""
    querysets: dict = {}
    if is_broker(user):
        # Each its own filter, so each count reads its index ((status, created_at) or (owner, status)).
        mine = dreams_for_broker(user).filter(status__in=OPEN, owner=user)
        querysets["dreams_new"] = dreams_for_broker(user).filter(status=DreamStatus.NEW)
        querysets["dreams_mine"] = mine
        querysets["dreams_overdue"] = mine.filter(
            Q(next_action_date__lt=today) | Q(first_contact_at__isnull=True, first_contact_due__lt=today)
        )
        querysets["reviews"] = reviews_for(user)
    if is_team_lead(user):
        querysets["team_open"] = dreams_for_team_lead(user).filter(status__in=OPEN, owner__isnull=False)
    if active_roles(user, RoleKind.PARTNER_CONTACT):
        querysets["to_acknowledge"] = referrals_for_partner(user).filter(status=ReferralStatus.SENT)
    if active_roles(user, RoleKind.EXPERT):
        querysets["pairings"] = pairings_for_expert(user)
    return querysets


# --- the open-data API ------------------------------------------------------------------------------------------


def wall_stories():
    """The dreams on the public wall, newest first, with only what the wall shows: outcome, story, neighbourhood,
    themes and month (``Dream.objects.on_wall()``: realised, approved, dream-wall consent still active)."""
    return (
        Dream.objects.on_wall()
        .select_related("neighbourhood")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "name")))
        .only("reference", "outcome", "story", "closed_at", "neighbourhood__slug")
        .order_by("-closed_at", "-pk")
    )
