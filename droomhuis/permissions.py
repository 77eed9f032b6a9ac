"""Who may do what in the Droomhuis. Brokers reach only dreams in their corporation's neighbourhoods;
"missing" and "not yours" look the same (404). Residents follow a dream by its code or through their account."""

from django.contrib.auth import get_user_model
from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.http import Http404

from wijk.choices import RoleKind
from wijk.models import Neighbourhood
from wijk.permissions import active_roles, neighbourhood_filter, organisation_ids

from .models import Dream, reference_normalise


def is_broker(user) -> bool:
    """Any active broker role: opens the broker workspace (its lists are still scoped per corporation)."""
    return bool(active_roles(user, RoleKind.BROKER))


def dreams_for_broker(user):
    """Dreams in neighbourhoods the user's broker roles cover; nothing for anyone else."""
    return Dream.objects.filter(neighbourhood_filter(user, RoleKind.BROKER))


def can_handle(user, dream) -> bool:
    return dreams_for_broker(user).filter(pk=dream.pk).exists()


def get_dream_for_broker(user, reference: str) -> Dream:
    """The dream with this code if the user is a broker for its neighbourhood; 404 otherwise."""
    qs = dreams_for_broker(user).select_related("neighbourhood__corporation", "resident", "owner", "created_by")
    dream = qs.filter(reference=reference_normalise(reference)).first()
    if dream is None:
        raise Http404("No such dream.")
    return dream


def is_team_lead(user) -> bool:
    """A team-lead role covers a colleague who is away: it opens the team page (still scoped per corporation)."""
    return bool(active_roles(user, RoleKind.TEAM_LEAD))


def dreams_for_team_lead(user):
    """Dreams in the neighbourhoods the user's team-lead roles cover; nothing for anyone else (another
    corporation's cases stay out of sight, as for brokers)."""
    return Dream.objects.filter(neighbourhood_filter(user, RoleKind.TEAM_LEAD))


def get_dream_for_team_lead(user, reference: str) -> Dream:
    """The dream with this code if the user is team lead for its neighbourhood; 404 otherwise."""
    qs = dreams_for_team_lead(user).select_related("neighbourhood__corporation", "owner")
    dream = qs.filter(reference=reference_normalise(reference)).first()
    if dream is None:
        raise Http404("No such dream.")
    return dream


def team_brokers(user):
    """The active brokers of the corporations where the user is team lead: whose cases the team page shows."""
    return (
        get_user_model()
        .objects.filter(
            roles__active=True,
            roles__kind=RoleKind.BROKER,
            roles__organisation_id__in=organisation_ids(user, RoleKind.TEAM_LEAD),
        )
        .distinct()
        .order_by("name", "email")
    )


def get_dream_for_follower(user, reference: str) -> Dream:
    """Anyone with the code may follow a dream (the code is the key); the page shows no contact details."""
    dream = (
        Dream.objects.select_related("neighbourhood", "resident")
        .filter(reference=reference_normalise(reference))
        .first()
    )
    if dream is None:
        raise Http404("No such dream.")
    return dream


def own_dreams(user):
    """The logged-in resident's own dreams."""
    if not getattr(user, "is_authenticated", False):
        return Dream.objects.none()
    return Dream.objects.filter(resident__user=user)


def brokers_for(neighbourhood):
    """Users who may own a case in ``neighbourhood``: active brokers of its corporation, for all or this wijk."""
    return (
        get_user_model()
        .objects.filter(
            roles__active=True,
            roles__kind=RoleKind.BROKER,
            roles__organisation_id=neighbourhood.corporation_id,
        )
        .filter(Q(roles__neighbourhood__isnull=True) | Q(roles__neighbourhood=neighbourhood))
        .distinct()
        .order_by("name", "email")
    )


def broker_organisation(user, dream):
    """The organisation through which the user acts as broker on this dream (for the access log)."""
    for role in active_roles(user, RoleKind.BROKER):
        if role.organisation_id == dream.neighbourhood.corporation_id:
            return role.organisation
    return None


def broker_neighbourhoods(user):
    """Neighbourhoods the user's broker roles cover (for the queue's neighbourhood filter)."""
    q = Q(pk__in=[])
    for role in active_roles(user, RoleKind.BROKER):
        q |= Q(pk=role.neighbourhood_id) if role.neighbourhood_id else Q(corporation_id=role.organisation_id)
    return Neighbourhood.objects.filter(q).order_by("name")


def intake_residents(user):
    """Residents a broker may choose at intake: those of the neighbourhoods their broker roles cover (their own
    corporation's), never erased ones; nothing for anyone else."""
    from wijk.models import Resident

    return Resident.objects.filter(neighbourhood__in=broker_neighbourhoods(user), erased_at__isnull=True)


def resident_search(residents, term: str):
    """Residents whose name, phone number, e-mail address or postcode matches ``term`` (at most 20)."""
    term = (term or "").strip()
    if len(term) < 2:
        return residents.none()
    digits = "".join(ch for ch in term if ch.isdigit())
    compact = term.replace(" ", "")
    q = (
        Q(first_name__icontains=term)
        | Q(alias__icontains=term)
        | Q(display_name__icontains=term)
        | Q(email__iexact=term)
        | Q(postal_address__icontains=term)
        | Q(phone__icontains=term)
    )
    if len(compact) == 6 and compact[:4].isdigit():  # a postcode typed with or without its space
        q |= Q(postal_address__icontains=compact) | Q(postal_address__icontains=f"{compact[:4]} {compact[4:]}")
    if len(digits) >= 6:  # a phone number typed with other spaces or dashes
        residents = residents.annotate(phone_digits=_digits("phone"))
        q |= Q(phone_digits__contains=digits[-9:])
    return residents.filter(q).select_related("neighbourhood").order_by("first_name", "display_name", "pk")[:20]


def _digits(field):
    """The field without the spaces, dashes, dots, brackets and plus sign people type in phone numbers."""
    expression = F(field)
    for mark in (" ", "-", ".", "(", ")", "+", "/"):
        expression = Replace(expression, Value(mark), Value(""))
    return expression


def likely_duplicates(residents, *, phone: str = "", email: str = ""):
    """Existing residents with the same phone number (last 8 digits) or e-mail address: probably the same person."""
    q = Q(pk__in=[])
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if len(digits) >= 8:
        residents = residents.annotate(phone_digits=_digits("phone"))
        q |= Q(phone_digits__endswith=digits[-9:])
    if email:
        q |= Q(email__iexact=email.strip())
    return residents.filter(q).select_related("neighbourhood").order_by("pk")[:10]
