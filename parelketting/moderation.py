"""What a moderator may do with pearls, reports and proposed activities: the Parelketting's write interface for
the Werkplek's moderation pages, and the one module besides ``parelketting.selectors`` that the Werkplek may
import (``import-linter``, see ``docs/architecture.md``).

The Werkplek owns the pages (the inboxes, the decision blocks, its standard replies, on to the next item); the
Parelketting owns the rules, here in one place: who moderates which item (scoped querysets: another
corporation's item, or a missing one, is a 404), which items wait, and each decision (the services, with their
history rows and the message to the person concerned). The counts on the Werkplek's home page are reads:
``parelketting.selectors.moderation_waiting``.
"""

from django.db.models import Count, Q
from django.http import Http404

from .choices import ActivityStatus, PearlStatus, ReportStatus
from .permissions import get_pearl_for_moderator, moderated_activities, moderated_pearls, reports_for_user
from .programme.services import activity_decide, activity_proposer_reach
from .programme.staff import attendee_rows, programme_for_staff
from .services import REPORT_HIDE, pearl_owner_reachable, pearl_publish, pearl_reject, pearl_report_decide, pearl_return

__all__ = [
    # pearls waiting for a check
    "waiting_pearls",
    "get_pearl_for_moderator",
    "pearl_waits",
    "pearl_on_map",
    "open_report_count",
    "pearl_publish",
    "pearl_reject",
    "pearl_return",
    # reports ("Er klopt iets niet")
    "open_reports",
    "with_other_open_reports",
    "get_report_for_moderator",
    "report_waits",
    "pearl_owner_reachable",
    "pearl_report_decide",
    "REPORT_HIDE",
    # proposed activities, and the programme as staff see it
    "moderated_activities",
    "waiting_activities",
    "get_activity_for_moderator",
    "activity_waits",
    "activity_decide",
    "activity_proposer_reach",
    "attendee_rows",
    "programme_for_staff",
]


# --- Pearls ---------------------------------------------------------------------------------------------------


def waiting_pearls(user):
    """Pearls waiting for this moderator's check: reported ones first, then the oldest."""
    return (
        moderated_pearls(user)
        .filter(status=PearlStatus.SUBMITTED, withdrawn_at__isnull=True)
        .order_by("-reported", "created_at", "pk")
    )


def pearl_waits(pearl) -> bool:
    """The pearl still waits for a decision (submitted, and not withdrawn by its submitter)."""
    return pearl.status == PearlStatus.SUBMITTED and pearl.withdrawn_at is None


def pearl_on_map(pearl) -> bool:
    return pearl.status == PearlStatus.PUBLISHED


def open_report_count(pearl) -> int:
    """How many reports about the pearl still wait (one query)."""
    return pearl.reports.filter(status=ReportStatus.OPEN).count()


# --- Reports --------------------------------------------------------------------------------------------------


def open_reports(user):
    """Open reports about pearls this moderator covers, the oldest first."""
    return reports_for_user(user).filter(status=ReportStatus.OPEN).order_by("created_at", "pk")


def with_other_open_reports(reports):
    """``reports`` with ``others``: how many other open reports each one's pearl has (in the same query)."""
    return reports.annotate(others=Count("pearl__reports", filter=Q(pearl__reports__status=ReportStatus.OPEN)) - 1)


def get_report_for_moderator(user, uid):
    """A report of the user's own corporation, with what its page shows; another's, or a missing one, is a 404."""
    report = (
        reports_for_user(user)
        .select_related("pearl__neighbourhood", "pearl__submitter__user", "reported_by")
        .filter(uid=uid)
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_waits(report) -> bool:
    return report.status == ReportStatus.OPEN


# --- Proposed activities --------------------------------------------------------------------------------------


def waiting_activities(user):
    """Proposed activities in the neighbourhoods this moderator covers, the soonest first."""
    return moderated_activities(user).filter(status=ActivityStatus.PROPOSED).order_by("starts_at", "pk")


def get_activity_for_moderator(user, uid):
    """A proposed (or decided) activity the user moderates; another corporation's or a missing one is a 404."""
    activity = (
        moderated_activities(user)
        .select_related("neighbourhood__corporation", "place", "organiser_resident__user", "organiser_partner",
                        "proposed_by")
        .filter(uid=uid)
        .first()
    )  # fmt: skip
    if activity is None:
        raise Http404
    return activity


def activity_waits(activity) -> bool:
    """Still a proposal: once decided, its page shows who comes instead of the decision."""
    return activity.status == ActivityStatus.PROPOSED
