"""The canvas as people see it: the nine blocks in the order and places of the real Business Model Canvas."""

from django.utils.translation import gettext_lazy as _

from .models import CanvasBlock

BLOCK_HINTS = {
    CanvasBlock.KEY_PARTNERS: _("Met wie werken we samen?"),
    CanvasBlock.KEY_ACTIVITIES: _("Wat doen we?"),
    CanvasBlock.KEY_RESOURCES: _("Wat hebben we nodig?"),
    CanvasBlock.VALUE_PROPOSITIONS: _("Wat levert het bewoners op?"),
    CanvasBlock.CUSTOMER_RELATIONSHIPS: _("Hoe houden we contact?"),
    CanvasBlock.CHANNELS: _("Hoe bereiken we bewoners?"),
    CanvasBlock.CUSTOMER_SEGMENTS: _("Voor wie doen we het?"),
    CanvasBlock.COST_STRUCTURE: _("Wat kost het?"),
    CanvasBlock.REVENUE_STREAMS: _("Wat levert het op, en wie betaalt?"),
}


def blocks(items) -> list[dict]:
    """One entry per block, in canvas order, with its notes sorted by position."""
    grouped = {block: [] for block in CanvasBlock.values}
    for item in sorted(items, key=lambda i: (i.position, i.pk)):
        grouped[item.block].append(item)
    return [
        {
            "code": code,
            "label": label,
            "hint": BLOCK_HINTS[code],
            "items": grouped[code],
            "slug": code.replace("_", "-"),
        }
        for code, label in CanvasBlock.choices
    ]
