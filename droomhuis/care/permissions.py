"""Who may see and do what with signals, referrals and pairings.

Signals are the most restricted part of a case: only the case's owner (a broker of its corporation) and an
actively paired expert whose pairing consent covers that kind see them. Moderators, partner contacts,
collection staff and superusers (outside the read-only admin) never do. Partner contacts reach only
referrals sent to their own organisation.
"""

from django.http import Http404
from django.utils import timezone

from wijk.choices import Purpose, RoleKind
from wijk.models import ConsentRecord
from wijk.permissions import active_roles, organisation_ids

from ..permissions import can_handle, get_dream_for_broker
from .models import Pairing, Referral, Signal
from .workflow import ReferralStatus


def is_case_owner(user, dream) -> bool:
    """The broker who owns the case: records signals, refers, pairs. Must still be a broker for the wijk."""
    return getattr(user, "is_authenticated", False) and dream.owner_id == user.pk and can_handle(user, dream)


def active_pairing(user, dream):
    """The user's active pairing on this dream as an expert by experience, or None."""
    if not active_roles(user, RoleKind.EXPERT):
        return None
    return (
        Pairing.objects.active()
        .filter(
            dream=dream, expert=user, dream__neighbourhood__corporation_id__in=organisation_ids(user, RoleKind.EXPERT)
        )
        .first()
    )


def can_record_signal(user, dream) -> bool:
    return is_case_owner(user, dream) or active_pairing(user, dream) is not None


def get_owned_case(user, reference: str):
    """The case if the user owns it (referral and pairing work); other brokers of the corporation get 404."""
    dream = get_dream_for_broker(user, reference)
    if not is_case_owner(user, dream):
        raise Http404("Not your case.")
    return dream


def get_case_for_signal(user, reference: str):
    """The case if the user may record a signal on it (its owner, or a paired expert); 404 otherwise."""
    dream = get_dream_for_broker(user, reference)
    if not can_record_signal(user, dream):
        raise Http404("Not your case.")
    return dream


def signal_kinds_for_expert(pairing) -> set[str]:
    """Signal kinds the resident agreed the paired expert may know about (pairing consents per kind)."""
    return set(
        ConsentRecord.objects.filter(resident=pairing.dream.resident_id, purpose=Purpose.PAIRING)
        .active()
        .filter(recipient_id=pairing.dream.neighbourhood.corporation_id)
        .values_list("category", flat=True)
    )


def signals_visible_to(user, dream):
    """Signals of this case the user may read: all for the owner, consented kinds for a paired expert."""
    if is_case_owner(user, dream):
        return Signal.objects.filter(dream=dream)
    pairing = active_pairing(user, dream)
    if pairing is not None:
        return Signal.objects.filter(dream=dream, kind__in=signal_kinds_for_expert(pairing))
    return Signal.objects.none()


def get_signal_for_user(user, uid) -> Signal:
    signal = (
        Signal.objects.select_related("dream__neighbourhood__corporation", "dream__resident").filter(uid=uid).first()
    )
    if signal is None or not signals_visible_to(user, signal.dream).filter(pk=signal.pk).exists():
        raise Http404("No such signal.")
    return signal


def is_partner_contact(user) -> bool:
    return bool(active_roles(user, RoleKind.PARTNER_CONTACT))


def is_expert(user) -> bool:
    """Any active expert-by-experience role: opens their list of pairings (each still checked per pairing)."""
    return bool(active_roles(user, RoleKind.EXPERT))


def referrals_for_partner(user):
    """Referrals sent to the user's partner organisations. Proposed ones are not sent yet."""
    return Referral.objects.filter(partner_id__in=organisation_ids(user, RoleKind.PARTNER_CONTACT)).exclude(
        status=ReferralStatus.PROPOSED
    )


def get_referral_for_partner(user, uid) -> Referral:
    referral = referrals_for_partner(user).select_related("partner", "resident", "dream").filter(uid=uid).first()
    if referral is None:
        raise Http404("No such referral.")
    return referral


def get_referral_for_broker(user, uid) -> Referral:
    """A referral of a case in the broker's corporation; 404 otherwise."""
    referral = (
        Referral.objects.select_related("partner", "resident", "dream__neighbourhood__corporation", "created_by")
        .filter(uid=uid, dream__neighbourhood__corporation_id__in=organisation_ids(user, RoleKind.BROKER))
        .first()
    )
    if referral is None:
        raise Http404("No such referral.")
    return referral


def reviews_for(user):
    """Acute-danger referrals without consent that another broker of the corporation must review."""
    return (
        Referral.objects.filter(
            without_consent=True,
            reviewed_at__isnull=True,
            dream__neighbourhood__corporation_id__in=organisation_ids(user, RoleKind.BROKER),
        )
        .exclude(created_by=user)
        .select_related("partner", "dream", "created_by")
    )


def can_review(user, referral) -> bool:
    return reviews_for(user).filter(pk=referral.pk).exists()


def pairings_for_expert(user):
    return Pairing.objects.active(timezone.now()).filter(
        expert=user, dream__neighbourhood__corporation_id__in=organisation_ids(user, RoleKind.EXPERT)
    )
