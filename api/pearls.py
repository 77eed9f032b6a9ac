"""Published pearls as GeoJSON, with the same privacy rules as the map's own GeoJSON.

Rules mirrored from ``parelketting.views.geojson``: only published pearls; a person never has an own point,
only the point of a published meeting place; a person's photo never appears (its consent is checked per
pearl elsewhere); no street, location text or submitter. Names: the list leaves them out (checking consent
per item would cost a query per pearl); the detail shows ``wijk.services.public_name``, which checks consent.
"""

import functools
from uuid import UUID

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import reverse
from ninja import Query, Router
from ninja.errors import HttpError

from lib.links import absolute_url, site_url
from parelketting.choices import PearlKind, PearlStatus
from parelketting.models import Pearl
from wijk.models import Theme
from wijk.services import public_name

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


def _in_bbox(box) -> Q:
    min_lng, min_lat, max_lng, max_lat = box
    own = Q(lat__gte=min_lat, lat__lte=max_lat, lng__gte=min_lng, lng__lte=max_lng) & ~Q(kind=PearlKind.PERSON)
    meeting = Q(
        kind=PearlKind.PERSON,
        meeting_place__status=PearlStatus.PUBLISHED,
        meeting_place__lat__gte=min_lat,
        meeting_place__lat__lte=max_lat,
        meeting_place__lng__gte=min_lng,
        meeting_place__lng__lte=max_lng,
    )
    return own | meeting


def _base():
    return (
        Pearl.objects.published()
        .select_related("neighbourhood", "meeting_place", "partner")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "name")))
    )


def _geometry(pearl):
    """The point to draw: a person only at a published meeting place, never at an own point."""
    if pearl.kind == PearlKind.PERSON:
        place = pearl.meeting_place
        if place is None or place.status != PearlStatus.PUBLISHED or place.lat is None or place.lng is None:
            return None
        lat, lng = place.lat, place.lng
    else:
        if pearl.lat is None or pearl.lng is None:
            return None
        lat, lng = pearl.lat, pearl.lng
    return {"type": "Point", "coordinates": [float(lng), float(lat)]}


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
    if pearl.thumbnail and pearl.kind != PearlKind.PERSON:
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
    kind, theme, neighbourhood = filters.kind, filters.theme, filters.neighbourhood
    bbox, changed_since = filters.bbox, filters.changed_since
    qs = _base()
    if kind:
        qs = qs.filter(kind=kind)
    if theme:
        qs = qs.filter(themes__slug=theme)
    if neighbourhood:
        qs = qs.filter(neighbourhood__slug=neighbourhood)
    if bbox:
        qs = qs.filter(_in_bbox(parse_bbox(bbox)))
    if changed_since is not None:
        qs = qs.filter(updated_at__gte=changed_since)
    qs = qs.order_by("-published_at", "-pk")
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
    pearl = _base().select_related("submitter").filter(uid=uid).first()
    if pearl is None:
        raise Http404
    properties = _properties(pearl)
    properties["public_name"] = public_name(pearl.submitter) if pearl.kind != PearlKind.PARTNER_OFFER else ""
    properties["partner"] = pearl.partner.slug if pearl.kind == PearlKind.PARTNER_OFFER and pearl.partner else None
    return _feature(pearl, properties)
