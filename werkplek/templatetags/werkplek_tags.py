"""``{% werkplek_badge as count %}``: the Werkplek's count for the staff menu (``None`` for users without one)."""

from django import template

from wijk.permissions import has_workplace

from ..attention import badge_count

register = template.Library()


@register.simple_tag(takes_context=True)
def werkplek_badge(context):
    request = context.get("request")
    if request is None or not has_workplace(request.user):
        return None
    counted = getattr(request, "werkplek_badge", None)
    return counted if counted is not None else badge_count(request.user)
