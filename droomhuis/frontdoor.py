"""What the Droomhuis adds to a neighbourhood's front door and to the main menu (see ``wijk.frontdoor``)."""

from django.utils.translation import gettext_lazy as _

from wijk.choices import NeighbourhoodExperiment
from wijk.frontdoor import Part

from .models import Dream

REALISED_DREAMS = 3


def front_door_context(neighbourhood) -> dict:
    """Realised dreams with their story, only as on the dream wall: approved, and while the resident consents."""
    dreams = (
        Dream.objects.on_wall()
        .filter(neighbourhood=neighbourhood)
        .only("reference", "outcome", "story", "closed_at")
        .order_by("-closed_at")[:REALISED_DREAMS]
    )
    return {"dreams": list(dreams)}


PARTS = [
    Part(
        key="droomhuis",
        experiment=NeighbourhoodExperiment.DROOMHUIS,
        order=20,
        question=_("Wat zou u willen? Welke droom heeft u voor uw huis, uw straat of uzelf?"),
        actions_template="droomhuis/_front_door_actions.html",
        template="droomhuis/_front_door.html",
        nav_template="droomhuis/_nav.html",
        context=front_door_context,
        kiosk_template="droomhuis/_kiosk_buttons.html",
        kiosk_views=("droomhuis:share", "droomhuis:thanks", "droomhuis:kiosk_receipt"),
    )
]
