from django import template

from ..permissions import is_broker

register = template.Library()


@register.simple_tag(takes_context=True)
def droomhuis_is_broker(context) -> bool:
    """True for users with a broker role; uses the per-request role cache, so at most one query."""
    request = context.get("request")
    return bool(request is not None and is_broker(request.user))


@register.simple_tag(takes_context=True)
def droomhuis_is_partner_contact(context) -> bool:
    """True for partner contacts: they get a link to the referrals sent to their organisation."""
    from ..care.permissions import is_partner_contact

    request = context.get("request")
    return bool(request is not None and is_partner_contact(request.user))


@register.simple_tag(takes_context=True)
def droomhuis_is_expert(context) -> bool:
    from ..care.permissions import is_expert

    request = context.get("request")
    return bool(request is not None and is_expert(request.user))


@register.simple_tag(takes_context=True)
def droomhuis_is_team_lead(context) -> bool:
    """True for team leads: they get a link to their team's cases."""
    from ..permissions import is_team_lead

    request = context.get("request")
    return bool(request is not None and is_team_lead(request.user))
