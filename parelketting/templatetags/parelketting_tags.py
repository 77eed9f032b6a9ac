from django import template

from ..permissions import can_handle_reports

register = template.Library()


@register.simple_tag(takes_context=True)
def parelketting_handles_reports(context) -> bool:
    """True for moderators and the superuser: the menu links to their report queue (per-request role cache)."""
    request = context.get("request")
    return bool(request is not None and can_handle_reports(request.user))
