"""Published pearls as GeoJSON, with the same privacy rules as the map's own GeoJSON.

The same rules as ``parelketting.views.geojson``, kept in ``parelketting.selectors`` (``public_pearls``,
``pearl_point``, ``pearl_thumbnail_shown``, ``pearl_credit``): only published pearls; a person never has an own
point, only the point of a published meeting place; a person's photo never appears (its consent is checked per
pearl elsewhere); no street, location text or submitter. Names: the list leaves them out (checking consent
per item would cost a query per pearl); the detail shows ``pearl_credit``, which checks consent.
"""

import functools
from uuid import UUID

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router
from ninja.errors import HttpError

from lib.links import absolute_url, site_url
from parelketting.selectors import pearl_credit, pearl_point, pearl_thumbnail_shown, public_pearl, public_pearls

from . import schemas
from .paging import Limit, Offset, paginate

router = Router(tags=["parels / pearls"])

ERRORS = {404: schemas.Error, 422: schemas.Error, 429: schemas.Error}


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``minLng,minLat,maxLng,maxLat`` in WGS84; a wrong box is a 422 with a plain message."""
    try:
        min_lng, min_lat, max_lng, max_lat = (float(part) for part in value.split(","))
    except ValueError:
        raise HttpError(422, "bbox: vier getallen / four numbers: minLng,minLat,maxLng,maxLat") from None
    if not (-180 <= min_lng <= max_lng <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HttpError(422, "bbox: buiten bereik of min > max / out of range or min > max")
    return min_lng, min_lat, max_lng, max_lat


def _geometry(pearl):
    """The point to draw (``pearl_point``: a person only at a published meeting place, never at an own point)."""
    point = pearl_point(pearl)
    return {"type": "Point", "coordinates": list(point)} if point is not None else None


PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


@functools.cache
def _url_parts(name: str, site_url: str) -> tuple[str, str]:
    """The absolute URL of ``name`` split around the uid, so a page of pearls needs no ``reverse`` per item."""
    path = reverse(f"parelketting:{name}", kwargs={"uid": PLACEHOLDER})
    prefix, suffix = absolute_url(path).split(PLACEHOLDER)
    return prefix, suffix


def _url(name: str, uid: str) -> str:
    prefix, suffix = _url_parts(name, site_url())
    return prefix + uid + suffix


def _properties(pearl) -> dict:
    uid = str(pearl.uid)
    thumbnail = None
    if pearl_thumbnail_shown(pearl):
        thumbnail = _url("thumbnail", uid)
    return {
        "kind": pearl.kind,
        "title": pearl.title,
        "story": pearl.story,
        "themes": [theme.slug for theme in pearl.themes.all()],
        "neighbourhood": pearl.neighbourhood.slug,
        "url": _url("detail", uid),
        "thumbnail": thumbnail,
        "published": pearl.published_at,
        "changed": pearl.updated_at,
    }


def _feature(pearl, properties) -> dict:
    return {"type": "Feature", "id": pearl.uid, "geometry": _geometry(pearl), "properties": properties}


@router.get(
    "/pearls",
    response={200: schemas.PearlCollection, **ERRORS},
    summary="Parels op de ketting / published pearls",
    description="Alle geplaatste parels als GeoJSON FeatureCollection, nieuwste eerst. Zonder namen. / "
    "All published pearls as a GeoJSON FeatureCollection, newest first. Without names.",
)
def pearl_list(request, filters: Query[schemas.PearlFilters], limit: int = Limit, offset: int = Offset):
    qs = public_pearls(
        kind=filters.kind,
        theme=filters.theme,
        neighbourhood=filters.neighbourhood,
        bbox=parse_bbox(filters.bbox) if filters.bbox else None,
        changed_since=filters.changed_since,
    )
    rows, page = paginate(request, qs, limit, offset)
    return {
        "type": "FeatureCollection",
        **page,
        "features": [_feature(pearl, _properties(pearl)) for pearl in rows],
    }


@router.get(
    "/pearls/{uid}",
    response={200: schemas.PearlDetailFeature, **ERRORS},
    summary="Eén parel / one pearl",
    description="Eén geplaatste parel als GeoJSON Feature, met naam alleen als de bewoner dat goedvond. / "
    "One published pearl as a GeoJSON Feature; a name only with the resident's consent.",
)
def pearl_detail(request, uid: UUID):
    pearl = public_pearl(uid)
    if pearl is None:
        raise Http404
    properties = _properties(pearl)
    properties["public_name"], properties["partner"] = pearl_credit(pearl)
    return _feature(pearl, properties)
