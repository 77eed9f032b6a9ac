"""Who may do what in the shared model. Small named predicates; other apps build on them.

Organisations are walls: a staff role only ever reaches its own organisation's records.
"""

from django.db.models import Q

from .choices import OrganisationKind, RoleKind

STAFF_ROLE_KINDS = (
    RoleKind.MODERATOR,
    RoleKind.BROKER,
    RoleKind.EXPERT,
    RoleKind.PARTNER_CONTACT,
    RoleKind.FACILITATOR,
    RoleKind.COLLECTION,
    RoleKind.TEAM_LEAD,
)


def active_roles(user, *kinds):
    """The user's active roles, optionally of the given kinds. Cached per user object for one request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cache = getattr(user, "_wijk_roles", None)
    if cache is None:
        cache = list(user.roles.active().select_related("organisation", "neighbourhood"))
        user._wijk_roles = cache
    return [r for r in cache if not kinds or r.kind in kinds]


def organisation_ids(user, *kinds) -> set[int]:
    """Ids of the organisations where the user holds one of ``kinds``."""
    return {r.organisation_id for r in active_roles(user, *kinds)}


def neighbourhood_filter(user, *kinds, field="neighbourhood") -> Q:
    """A filter for records in neighbourhoods the user's roles of ``kinds`` cover.

    A role without a neighbourhood covers all the corporation's neighbourhoods; a role tied to one
    neighbourhood covers only that one. Returns an always-false filter for users without such a role.
    """
    q = Q(pk__in=[])
    for role in active_roles(user, *kinds):
        if role.organisation.kind != OrganisationKind.CORPORATION:
            continue
        if role.neighbourhood_id:
            q |= Q(**{f"{field}_id": role.neighbourhood_id})
        else:
            q |= Q(**{f"{field}__corporation_id": role.organisation_id})
    return q


def has_staff_role(user) -> bool:
    """Any role that gives access to non-public pages or data (and so needs MFA when required)."""
    return bool(active_roles(user, *STAFF_ROLE_KINDS))


def has_workplace(user) -> bool:
    """Everyone with a staff role (or the superuser) has a Werkplek; residents do not."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(
        getattr(user, "is_superuser", False)
        or active_roles(
            user,
            RoleKind.MODERATOR,
            RoleKind.BROKER,
            RoleKind.EXPERT,
            RoleKind.PARTNER_CONTACT,
            RoleKind.FACILITATOR,
            RoleKind.TEAM_LEAD,
        )
    )


LETTER_ROLE_KINDS = (RoleKind.MODERATOR, RoleKind.BROKER)


def letter_organisation_ids(user) -> set[int]:
    """Organisations whose letter queue the user may print: moderators and dream brokers of that organisation."""
    return organisation_ids(user, *LETTER_ROLE_KINDS)


def may_print_letters(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or letter_organisation_ids(user))


def letters_for_user(user):
    """The letters the user may see; everything for a superuser, nothing for people without the role."""
    from .models import Letter

    qs = Letter.objects.select_related("resident", "organisation")
    if getattr(user, "is_superuser", False):
        return qs
    return qs.for_organisations(letter_organisation_ids(user))


CALLBACK_ROLE_KINDS = (RoleKind.MODERATOR, RoleKind.BROKER)


def may_handle_callbacks(user) -> bool:
    """Moderators and dream brokers of a corporation call residents back ("bel mij terug"); so may a superuser."""
    return bool(getattr(user, "is_superuser", False) or active_roles(user, *CALLBACK_ROLE_KINDS))


def callbacks_for_user(user):
    """The call tasks the user may see: their corporation's neighbourhoods (or the one their role names)."""
    from .models import CallbackRequest

    qs = CallbackRequest.objects.select_related("neighbourhood", "handled_by", "assigned_to")
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(neighbourhood_filter(user, *CALLBACK_ROLE_KINDS))


def get_callback_for_user(user, uid):
    """One call task, or a 404 for a missing one and another corporation's alike."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(callbacks_for_user(user), uid=uid)
