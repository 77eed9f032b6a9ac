"""Read-only functions other apps may use (the atelier's experiment metrics). Counts only, no people."""

from django.db.models import Count
from django.db.models.functions import TruncMonth

from wijk.models import Neighbourhood

from .models import Dream


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
    from .match_models import Match, MatchOutcome, MatchStatus

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
    from .care.models import Referral

    rows = (
        Referral.objects.filter(dream__in=dreams, sent_at__isnull=False)
        .annotate(month=TruncMonth("sent_at"))
        .values("month")
        .annotate(n=Count("partner", distinct=True))
        .order_by("month")
    )
    return {row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"] for row in rows}
