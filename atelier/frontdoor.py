"""What the atelier adds to a neighbourhood's front door: "Hoe dit ontstond" (see ``wijk.frontdoor``).

The atelier is the team's workplace, so it has no link in the residents' main menu; residents reach it here
and from the footer.
"""

from wijk.frontdoor import Part

from .models import Experiment


def front_door_context(neighbourhood) -> dict:
    """The neighbourhood's public experiment, if the team published it (one query)."""
    experiment = Experiment.objects.public().filter(neighbourhood=neighbourhood).only("slug", "name").first()
    return {"experiment": experiment}


PARTS = [Part(key="atelier", order=90, template="atelier/_front_door.html", context=front_door_context)]
