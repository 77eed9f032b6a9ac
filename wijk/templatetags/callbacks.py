"""``{% handles_callbacks as show %}``: True for staff who call residents back, so the menu links to their list."""

from django import template

from ..permissions import may_handle_callbacks

register = template.Library()


@register.simple_tag(takes_context=True)
def handles_callbacks(context) -> bool:
    request = context.get("request")
    return bool(request is not None and may_handle_callbacks(request.user))
