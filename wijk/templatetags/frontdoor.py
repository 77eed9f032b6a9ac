"""``{% chosen_neighbourhood as chosen %}`` and ``{% menu_parts chosen as parts %}`` for the main menu."""

from django import template

from .. import frontdoor

register = template.Library()


@register.simple_tag(takes_context=True)
def chosen_neighbourhood(context):
    """The visitor's chosen neighbourhood (cookie), else a logged-in resident's own, else None. One query at most."""
    request = context.get("request")
    return frontdoor.chosen_neighbourhood(request) if request is not None else None


@register.simple_tag
def menu_parts(neighbourhood):
    """The experiment links for the main menu: only the chosen neighbourhood's, or every experiment's."""
    return frontdoor.menu_parts(neighbourhood)
