"""Who may see and do what with pearls. Small named predicates; views and admin build on these."""

import uuid

from django.db.models import Q
from django.http import Http404

from lib.follow_codes import reference_normalise
from wijk.choices import RoleKind
from wijk.models import Neighbourhood, Organisation, Resident
from wijk.permissions import active_roles, neighbourhood_filter, organisation_ids

from .choices import ActivityStatus, PearlKind, PearlStatus, RouteStatus
from .models import Activity, Pearl, PearlReport, Route, SignUp


def moderated_pearls(user):
    """Pearls in the neighbourhoods where ``user`` moderates (all for a superuser, none for others)."""
    if getattr(user, "is_superuser", False):
        return Pearl.objects.all()
    return Pearl.objects.filter(neighbourhood_filter(user, RoleKind.MODERATOR))


def moderated_activities(user):
    """Activities in the neighbourhoods where ``user`` moderates (all for a superuser, none for others)."""
    if getattr(user, "is_superuser", False):
        return Activity.objects.all()
    return Activity.objects.filter(neighbourhood_filter(user, RoleKind.MODERATOR))


def is_pearl_moderator(user, pearl) -> bool:
    """A moderator of the corporation that owns the pearl's neighbourhood (or a superuser)."""
    if getattr(user, "is_superuser", False):
        return True
    return moderated_pearls(user).filter(pk=pearl.pk).exists()


def can_handle_reports(user) -> bool:
    """Moderators (of any corporation) and the superuser have a report queue; it shows only their own."""
    return getattr(user, "is_superuser", False) or bool(organisation_ids(user, RoleKind.MODERATOR))


def reports_for_user(user):
    """Reports about pearls in the neighbourhoods the user moderates: the organisation wall for the queue."""
    return PearlReport.objects.filter(pearl__in=moderated_pearls(user))


def get_report_for_user(user, uid) -> PearlReport:
    """One report the user may decide about; another corporation's report or a missing one is a 404."""
    report = reports_for_user(user).select_related("pearl", "reported_by").filter(uid=uid).first()
    if report is None:
        raise Http404
    return report


def can_submit_on_behalf(user) -> bool:
    """Corporation staff with the moderator role may put in a pearl for a resident (phone, paper, a visit)."""
    return bool(organisation_ids(user, RoleKind.MODERATOR))


def can_propose_for_residents(user) -> bool:
    """A dream broker may put in a pearl for a resident of a neighbourhood their role covers, for example
    from a realised dream. Unlike moderators, only for one known resident at a time."""
    return bool(active_roles(user, RoleKind.BROKER))


def on_behalf_residents(user):
    """Residents the user may put in a pearl for: a moderator's corporation, a broker's neighbourhoods."""
    moderated = organisation_ids(user, RoleKind.MODERATOR)
    return Resident.objects.filter(
        Q(neighbourhood__corporation_id__in=moderated) | neighbourhood_filter(user, RoleKind.BROKER)
    )


def get_resident_for_on_behalf(user, uid) -> Resident:
    """The resident with this uid if the user may put in a pearl for them; else 404 (other corporation,
    unknown or malformed uid look the same)."""
    try:
        uid = uuid.UUID(str(uid))
    except ValueError:
        raise Http404 from None
    resident = on_behalf_residents(user).select_related("neighbourhood").filter(uid=uid).first()
    if resident is None:
        raise Http404
    return resident


def resident_for_user(user):
    """The resident record behind an account, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Resident.objects.select_related("neighbourhood").filter(user=user).first()


def is_own_pearl(user, pearl) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and pearl.submitter_id is not None
        and pearl.submitter.user_id == user.pk
    )


def can_join(user, pearl) -> bool:
    """ "Ik doe mee" is for every neighbour (an account is not needed) on a published personal pearl that is not
    their own."""
    return (
        pearl.kind == PearlKind.PERSON
        and pearl.status == PearlStatus.PUBLISHED
        and pearl.submitter_id is not None
        and not is_own_pearl(user, pearl)
    )


def get_pearl_for_user(user, uid) -> Pearl:
    """A pearl the user may see: published, their own, or one they moderate. Anything else is a 404."""
    pearl = (
        Pearl.objects.select_related("neighbourhood", "submitter", "meeting_place", "partner")
        .prefetch_related("themes")
        .filter(uid=uid)
        .first()
    )
    if pearl is None:
        raise Http404
    if pearl.status == PearlStatus.PUBLISHED or is_own_pearl(user, pearl) or is_pearl_moderator(user, pearl):
        return pearl
    raise Http404


def get_pearl_for_follower(code: str) -> Pearl:
    """Anyone with the follow code may follow that pearl (the code is the key); 404 for any other code.

    Callers ask ``views.follow.follow_guesses`` first, so codes cannot be tried until one fits."""
    code = reference_normalise(code)
    pearl = (
        Pearl.objects.select_related("neighbourhood", "submitter").filter(follow_code=code).first() if code else None
    )
    if pearl is None:
        raise Http404("No such pearl.")
    return pearl


def get_signup_for_code(code: str):
    """Anyone with a sign-up's reference code may see and cancel that sign-up (the code is the key); 404 for
    any other code. Callers ask ``views.signup_code.signup_guesses`` first, so codes cannot be tried until one
    fits."""
    code = reference_normalise(code)
    signup = (
        SignUp.objects.select_related("activity__neighbourhood", "activity__place", "resident")
        .filter(reference=code)
        .first()
        if code
        else None
    )
    if signup is None:
        raise Http404("No such sign-up.")
    return signup


def is_away(pearl) -> bool:
    """Once on the map, now not (reported, hidden or being checked): its plaque and route stop still lead
    somewhere, to a page that says it is not to be seen for now, and shows nothing of the pearl itself."""
    return pearl.status != PearlStatus.PUBLISHED and pearl.published_at is not None


def get_away_pearl(uid) -> Pearl:
    """A pearl that ``is_away``, for its "tijdelijk niet te zien" page; anything else is a 404."""
    pearl = Pearl.objects.select_related("neighbourhood__corporation").filter(uid=uid).first()
    if pearl is None or not is_away(pearl):
        raise Http404
    return pearl


def get_own_returned_pearl(user, uid) -> Pearl:
    """A pearl of the user's own that a moderator sent back with a question; else 404."""
    pearl = Pearl.objects.select_related("submitter", "neighbourhood").filter(uid=uid).first()
    if pearl is None or not is_own_pearl(user, pearl) or pearl.status != PearlStatus.RETURNED:
        raise Http404
    return pearl


# --- The necklace -------------------------------------------------------------------------------------


def is_neighbourhood_moderator(user, neighbourhood) -> bool:
    """A moderator for this neighbourhood's corporation (or a superuser). Uses the per-request role cache."""
    if getattr(user, "is_superuser", False):
        return True
    return _moderates(user, neighbourhood)


def _moderates(user, neighbourhood) -> bool:
    for role in active_roles(user, RoleKind.MODERATOR):
        if role.organisation_id != neighbourhood.corporation_id:
            continue
        if role.neighbourhood_id in (None, neighbourhood.pk):
            return True
    return False


def get_route_for_user(user, slug):
    """A published route, or a draft for its own moderators; anything else is a 404."""
    route = Route.objects.select_related("neighbourhood").filter(slug=slug).first()
    if route is None:
        raise Http404
    if route.status == RouteStatus.PUBLISHED or is_neighbourhood_moderator(user, route.neighbourhood):
        return route
    raise Http404


# --- The programme ------------------------------------------------------------------------------------


def partner_ids(user) -> set[int]:
    """Partner organisations for which the user is the contact person."""
    return organisation_ids(user, RoleKind.PARTNER_CONTACT)


def is_activity_organiser(user, activity) -> bool:
    """The resident or the partner's contact person who organises it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if activity.organiser_resident_id is not None and activity.organiser_resident.user_id == user.pk:
        return True
    return activity.organiser_partner_id is not None and activity.organiser_partner_id in partner_ids(user)


def can_see_attendees(user, activity) -> bool:
    """Organisers and the corporation's moderators see who comes (names only as far as consent allows)."""
    return is_activity_organiser(user, activity) or is_neighbourhood_moderator(user, activity.neighbourhood)


def can_write_story(user, activity) -> bool:
    return can_see_attendees(user, activity)


def can_sign_up_on_behalf(user, activity) -> bool:
    """Corporation staff sign up a resident who phoned or came by."""
    return is_neighbourhood_moderator(user, activity.neighbourhood)


def get_activity_for_user(user, uid):
    """A published or cancelled activity for everyone; a proposal only for its proposer, organiser and
    moderators. Anything else is a 404."""
    activity = (
        Activity.objects.select_related("neighbourhood", "place", "organiser_resident", "organiser_partner")
        .filter(uid=uid)
        .first()
    )
    if activity is None:
        raise Http404
    if activity.status != ActivityStatus.PROPOSED:
        return activity
    if getattr(user, "is_authenticated", False) and activity.proposed_by_id == user.pk:
        return activity
    if is_activity_organiser(user, activity) or is_neighbourhood_moderator(user, activity.neighbourhood):
        return activity
    raise Http404


def proposable_neighbourhoods(user):
    """Where the user may propose an activity: their own neighbourhood, a partner's neighbourhoods, or the
    neighbourhoods they moderate."""
    ids = set()
    resident = resident_for_user(user)
    if resident is not None:
        ids.add(resident.neighbourhood_id)
    partners = partner_ids(user)
    if partners:
        ids |= set(
            Organisation.neighbourhoods.through.objects.filter(organisation_id__in=partners).values_list(
                "neighbourhood_id", flat=True
            )
        )
    if getattr(user, "is_superuser", False):
        return Neighbourhood.objects.order_by("name")
    for role in active_roles(user, RoleKind.MODERATOR):
        qs = Neighbourhood.objects.filter(corporation_id=role.organisation_id)
        if role.neighbourhood_id:
            qs = qs.filter(pk=role.neighbourhood_id)
        ids |= set(qs.values_list("pk", flat=True))
    return Neighbourhood.objects.filter(pk__in=ids).order_by("name")


def get_pearl_for_moderator(user, uid) -> Pearl:
    """A pearl the user moderates, whatever its status; another corporation's pearl or a missing one is a 404."""
    pearl = (
        moderated_pearls(user)
        .select_related("neighbourhood__corporation", "submitter__user", "created_by", "meeting_place", "partner")
        .prefetch_related("themes")
        .filter(uid=uid)
        .first()
    )
    if pearl is None:
        raise Http404
    return pearl
