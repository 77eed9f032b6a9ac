from django import template

from ..permissions import may_see_atelier

register = template.Library()


@register.simple_tag(takes_context=True)
def atelier_menu_visible(context) -> bool:
    """Show the menu link to readers of a team, and to everyone once something is public. Asked once per request."""
    request = context.get("request")
    if request is None:
        return False
    cached = getattr(request, "_atelier_menu_visible", None)
    if cached is None:
        cached = may_see_atelier(request.user)
        request._atelier_menu_visible = cached
    return cached


@register.simple_tag
def add_form_for(add_forms, block):
    """The bound add-form of a block after a failed attempt (to show its error and keep the text), else None."""
    return (add_forms or {}).get(block)
