"""What the atelier adds to a neighbourhood's front door: "Hoe dit ontstond" (see ``wijk.frontdoor``).

The atelier is the team's workplace, so it has no link in the residents' main menu; residents reach it here
and from the footer.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from wijk.frontdoor import Part
from wijk.stories import StoryCard

from .models import Experiment, Story


def front_door_context(neighbourhood) -> dict:
    """The neighbourhood's public experiment, and the public story staff chose for its front door with its mood
    image (fields on the same row). Two queries."""
    experiment = Experiment.objects.public().filter(neighbourhood=neighbourhood).only("slug", "name").first()
    story = (
        Story.objects.public()
        .filter(experiment__neighbourhood=neighbourhood, on_front_door=True)
        .only("uid", "title", "text", *Story.MOOD_FIELDS)
        .order_by("-pk")
        .first()
    )
    return {"experiment": experiment, "story": story}


PARTS = [Part(key="atelier", order=90, template="atelier/_front_door.html", context=front_door_context)]


FEATURED_STORY_ORDER = 30


def featured_story(neighbourhood):
    """The public atelier story staff chose for the front door. One query."""
    story = (
        Story.objects.public()
        .filter(experiment__neighbourhood=neighbourhood, on_front_door=True)
        .only("uid", "title", "text")
        .order_by("-pk")
        .first()
    )
    if story is None:
        return None
    url = reverse("atelier:story", kwargs={"uid": story.uid})
    return StoryCard(kind=_("Uit het atelier"), title=story.title, text=story.text, url=url)
