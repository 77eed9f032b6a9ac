"""Who may see and do what with pearls. Small named predicates; views and admin build on these."""

from django.http import Http404

from wijk.choices import RoleKind
from wijk.models import Resident
from wijk.permissions import neighbourhood_filter, organisation_ids

from .choices import PearlKind, PearlStatus
from .models import Pearl


def moderated_pearls(user):
    """Pearls in the neighbourhoods where ``user`` moderates (all for a superuser, none for others)."""
    if getattr(user, "is_superuser", False):
        return Pearl.objects.all()
    return Pearl.objects.filter(neighbourhood_filter(user, RoleKind.MODERATOR))


def is_pearl_moderator(user, pearl) -> bool:
    """A moderator of the corporation that owns the pearl's neighbourhood (or a superuser)."""
    if getattr(user, "is_superuser", False):
        return True
    return moderated_pearls(user).filter(pk=pearl.pk).exists()


def can_submit_on_behalf(user) -> bool:
    """Corporation staff with the moderator role may put in a pearl for a resident (phone, paper, a visit)."""
    return bool(organisation_ids(user, RoleKind.MODERATOR))


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
    """ "Ik doe mee" is for logged-in neighbours on a published personal pearl that is not their own."""
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


def get_own_returned_pearl(user, uid) -> Pearl:
    """A pearl of the user's own that a moderator sent back with a question; else 404."""
    pearl = Pearl.objects.select_related("submitter", "neighbourhood").filter(uid=uid).first()
    if pearl is None or not is_own_pearl(user, pearl) or pearl.status != PearlStatus.RETURNED:
        raise Http404
    return pearl
