"""What the Droomhuis adds to a neighbourhood's front door and to the main menu (see ``wijk.frontdoor``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijk.choices import NeighbourhoodExperiment
from wijk.frontdoor import Part
from wijk.stories import StoryCard

from .models import Dream

REALISED_DREAMS = 3


def front_door_context(neighbourhood) -> dict:
    """Realised dreams with their story, only as on the dream wall: approved, and while the resident consents.
    The one staff featured comes first (same query)."""
    dreams = (
        Dream.objects.on_wall()
        .filter(neighbourhood=neighbourhood)
        .only("reference", "outcome", "story", "closed_at", "story_uid", "on_front_door")
        .order_by("-on_front_door", "-closed_at")[:REALISED_DREAMS]
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


FEATURED_STORY_ORDER = 20


def featured_story(neighbourhood):
    """The realised dream staff featured, only while it is on the wall (consent). One query."""
    dream = (
        Dream.objects.on_wall()
        .filter(neighbourhood=neighbourhood, on_front_door=True)
        .only("outcome", "story", "story_uid")
        .order_by("-closed_at")
        .first()
    )
    if dream is None:
        return None
    url = reverse("droomhuis:story", kwargs={"uid": dream.story_uid})
    return StoryCard(kind=str(_("Een droom die uitkwam")), title=dream.outcome, text=dream.story, url=url)
