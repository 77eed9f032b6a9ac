"""The public dream wall: the same dreams as ``droomhuis``'s wall page, and only what that page shows.

Filter: ``droomhuis.selectors.wall_stories()`` (realised, approved by a moderator, dream-wall consent still active).
Fields: outcome, the wall story, neighbourhood, themes, month. Never the follow code (it opens the dream),
the resident, contact details, the original dream text, notes or signals. The id is a keyed hash of the
follow code: stable, and it neither reveals the code nor how many dreams there are.
"""

import hashlib
import hmac

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from ninja import Router

from droomhuis.selectors import wall_stories
from lib.links import absolute_url

from . import schemas
from .paging import Limit, Offset, paginate

router = Router(tags=["dromenmuur / dream wall"])

ERRORS = {422: schemas.Error, 429: schemas.Error}


def opaque_id(reference: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"api:dream:{reference}".encode(), hashlib.sha256).hexdigest()[:24]


@router.get(
    "/dream-wall",
    response={200: schemas.WallStoryPage, **ERRORS},
    summary="Dromenmuur / dream wall",
    description="Gelukte dromen die op de dromenmuur staan, zonder namen. / Realised dreams on the public wall.",
)
def wall_list(request, limit: int = Limit, offset: int = Offset):
    rows, page = paginate(request, wall_stories(), limit, offset)
    url = absolute_url(reverse("droomhuis:wall"))
    return {
        **page,
        "results": [
            {
                "id": opaque_id(dream.reference),
                "outcome": dream.outcome,
                "story": dream.story,
                "neighbourhood": dream.neighbourhood.slug,
                "themes": [theme.slug for theme in dream.themes.all()],
                "realised": timezone.localtime(dream.closed_at).strftime("%Y-%m") if dream.closed_at else None,
                "url": url,
            }
            for dream in rows
        ],
    }
