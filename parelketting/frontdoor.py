"""What the Parelketting adds to a neighbourhood's front door and to the main menu (see ``wijk.frontdoor``)."""

from django.db.models import Case, Count, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijk.choices import NeighbourhoodExperiment
from wijk.frontdoor import Part
from wijk.stories import StoryCard

from .choices import PearlKind, PearlStatus
from .models import Pearl, Route
from .programme.models import Activity

RECENT_PEARLS = 4
NEXT_ACTIVITIES = 3


def front_door_context(neighbourhood) -> dict:
    """Recent pearls, those with a photo first (only of a place: a person's photo needs consent), the next
    activities, the walks (with their mood images: fields on the same rows, no extra query).

    Three queries however many pearls, activities and routes the neighbourhood has.
    """
    shows_photo = Case(When(~Q(photo="") & ~Q(kind=PearlKind.PERSON), then=Value(1)), default=Value(0))
    pearls = (
        Pearl.objects.published()
        .in_neighbourhood(neighbourhood)
        .annotate(shows_photo=shows_photo)
        .only("uid", "kind", "title", "photo", "photo_description", "published_at", "on_front_door", "story")
        .order_by("-on_front_door", "-shows_photo", "-published_at", "-pk")[:RECENT_PEARLS]
    )
    activities = (
        Activity.objects.published()
        .upcoming()
        .filter(neighbourhood=neighbourhood)
        .select_related("place")
        .only("uid", "title", "starts_at", "ends_at", "place_text", "place__title", *Activity.MOOD_FIELDS)
        .order_by("starts_at", "pk")[:NEXT_ACTIVITIES]
    )
    routes = (
        Route.objects.published()
        .filter(neighbourhood=neighbourhood)
        .annotate(stop_count=Count("stops", filter=Q(stops__pearl__status=PearlStatus.PUBLISHED)))
        .only("slug", "title", "description", *Route.MOOD_FIELDS)
        .order_by("title")
    )
    pearls = list(pearls)
    return {
        # The pearl whose story staff featured comes first in the same query, and is told above the others.
        "featured_pearl": next((pearl for pearl in pearls if pearl.on_front_door), None),
        "pearls": [(pearl, bool(pearl.shows_photo)) for pearl in pearls],
        "activities": list(activities),
        "routes": list(routes),
    }


PARTS = [
    Part(
        key="parelketting",
        experiment=NeighbourhoodExperiment.PARELKETTING,
        order=10,
        question=_("Welke kansen ziet u vandaag om het wonen hier prettiger te maken?"),
        actions_template="parelketting/_front_door_actions.html",
        template="parelketting/_front_door.html",
        nav_template="parelketting/_nav.html",
        context=front_door_context,
        kiosk_template="parelketting/_kiosk_buttons.html",
        kiosk_views=("parelketting:kiosk_pearl", "parelketting:programme", "parelketting:activity"),
    )
]


FEATURED_STORY_ORDER = 10


def featured_story(neighbourhood):
    """The published pearl whose story staff featured (for the poster; ``wijk.stories``). One query."""
    pearl = (
        Pearl.objects.published()
        .filter(neighbourhood=neighbourhood, on_front_door=True)
        .only("uid", "title", "story")
        .order_by("-published_at", "-pk")
        .first()
    )
    if pearl is None:
        return None
    url = reverse("parelketting:pearl_story", kwargs={"uid": pearl.uid})
    return StoryCard(kind=str(_("Het verhaal van een parel")), title=pearl.title, text=pearl.story, url=url)
