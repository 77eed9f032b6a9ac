"""What staff see of an activity's sign-ups: who comes and who waits, in order, with how to reach each.

Only for the moderators of the activity's corporation (the callers check ``perms.can_sign_up_on_behalf``).
One query for the whole list, whatever its length.
"""

from django.db.models import Count, Q

from wijk.contact import tel_href
from wijk.services import resident_reach

from ..choices import ActivityStatus, SignUpStatus
from .models import Activity, SignUp


def attendee_rows(activity: Activity) -> dict:
    """``{"confirmed": [...], "waiting": [...]}``; each row: the sign-up, a name, the way they hear news
    (``resident_reach``), ``tel:`` and ``mailto:`` links and the first line of a postal address."""
    signups = (
        SignUp.objects.filter(activity=activity)
        .exclude(status=SignUpStatus.CANCELLED)
        .select_related("resident__user", "created_by")
        .order_by("created_at", "pk")
    )
    rows = {"confirmed": [], "waiting": []}
    for signup in signups:
        resident = signup.resident
        email = resident.email or (resident.user.email if resident.user_id else "")
        address = (resident.postal_address or "").strip()
        rows["confirmed" if signup.status == SignUpStatus.CONFIRMED else "waiting"].append(
            {
                "signup": signup,
                "name": resident.display_name or resident.first_name or resident.alias,
                "reach": resident_reach(resident),
                "phone": resident.phone,
                "tel": tel_href(resident.phone),
                "email": email,
                "address": address.splitlines()[0] if address else "",
                "reference": signup.reference_display,
            }
        )
    return rows


def programme_for_staff(activities):
    """Upcoming published activities with the number of confirmed and waiting sign-ups (one query)."""
    return (
        activities.filter(status=ActivityStatus.PUBLISHED)
        .upcoming()
        .select_related("neighbourhood", "place")
        .annotate(
            confirmed_count=Count("signups", filter=Q(signups__status=SignUpStatus.CONFIRMED)),
            waiting_count=Count("signups", filter=Q(signups__status=SignUpStatus.WAITING)),
        )
        .order_by("starts_at", "pk")
    )
