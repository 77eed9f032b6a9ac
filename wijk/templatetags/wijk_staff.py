"""``{% prints_letters as show %}``: True for staff who print the letters queue, so the staff menu links to it."""

from django import template

from ..permissions import may_print_letters

register = template.Library()


@register.simple_tag(takes_context=True)
def prints_letters(context) -> bool:
    request = context.get("request")
    return bool(request is not None and may_print_letters(request.user))
