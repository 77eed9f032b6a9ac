"""``{% werkplek_badge as badge %}``: the staff menu's counts, ``badge.work`` (what waits in the Werkplek) and
``badge.unread`` (unread notices); ``None`` for users without a Werkplek."""

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
