"""``{% contact_details %}`` and ``{% contact_text %}``: the one block that says whom to call and where to go.

Use it wherever a page, paper form, poster, letter or e-mail tells a resident to call, come by or hand something
in. Pass the page's neighbourhood when it has one (``{% contact_details activity.neighbourhood %}``); without
one, every corporation is listed. ``paper=True`` adds where to hand in a paper form. On screen the block ends
with "Bel mij terug" for that neighbourhood; ``callback=False`` leaves it out (on the "bel mij terug" pages).
"""

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils.html import format_html

from ..contact import contacts_for, tel_href

register = template.Library()


def _own_neighbourhood(request):
    """The logged-in resident's neighbourhood (its id), else None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.resident.neighbourhood_id
    except ObjectDoesNotExist:
        return None


@register.inclusion_tag("wijk/_contact.html", takes_context=True)
def contact_details(context, neighbourhood=None, organisation=None, paper=False, level=2, callback=True):
    """The contact block for a web page or a printed page."""
    if neighbourhood is None and organisation is None:
        neighbourhood = _own_neighbourhood(context.get("request"))
    return {
        "contacts": contacts_for(neighbourhood, organisation),
        "paper": paper,
        "level": level,
        "callback_neighbourhood": getattr(neighbourhood, "pk", neighbourhood),
        "without_callback": not callback,
    }


@register.simple_tag
def contact_text(neighbourhood=None, organisation=None, paper=False):
    """The contact block as plain text, for e-mails and letters."""
    context = {"contacts": contacts_for(neighbourhood, organisation), "paper": paper}
    return render_to_string("wijk/_contact.txt", context).strip()


@register.filter
def tel(phone):
    """``{{ resident.phone|tel }}``: the ``tel:`` link for a phone number as people write it."""
    return tel_href(phone)


@register.filter
def ltr(value):
    """``{{ resident.phone|ltr }}``: a phone number isolated left to right, so that in Arabic text "0186 123 456"
    is not shown as "456 123 0186" (groups of digits between spaces are laid out right to left)."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)
