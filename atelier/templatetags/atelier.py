from django import template
from django.core.cache import cache

from wijk.public_cache import STAFF_LISTS, versioned_key

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
        cached = _menu_visible(request.user)
        request._atelier_menu_visible = cached
    return cached


def _menu_visible(user) -> bool:
    """Kept in the cache per user until teams, roles, accounts or atelier records change (the staff lists' version)."""
    if getattr(user, "is_superuser", False):
        return True
    key = versioned_key(f"atelier:menu:{user.pk or 0}", STAFF_LISTS)
    visible = cache.get(key)
    if visible is None:
        visible = may_see_atelier(user)
        cache.set(key, visible, 600)
    return visible


@register.simple_tag
def add_form_for(add_forms, block):
    """The bound add-form of a block after a failed attempt (to show its error and keep the text), else None."""
    return (add_forms or {}).get(block)
