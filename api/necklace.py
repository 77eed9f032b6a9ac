"""The necklace (walking routes along place pearls) and the upcoming pop-up programme.

Mirrors ``parelketting``'s public pages, through ``parelketting.selectors``: a route is public when published,
and its stops are the published place pearls with a point, in order (``public_routes``, ``route_walk``; as
``necklace.views._route_context``). Activities are the published and the cancelled ones that have not ended
(``public_activities``; as ``programme.views.activities._programme_queryset``); proposals never appear.
Residents who organise or sign up are never named: only a partner organiser, by its slug.
"""

from uuid import UUID

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router

from lib.links import absolute_url
from parelketting.selectors import is_public, public_activities, public_activity, public_routes, route_walk

from . import schemas
from .paging import Limit, Offset, paginate

router = Router(tags=["ketting en programma / necklace and programme"])

ERRORS = {404: schemas.Error, 422: schemas.Error, 429: schemas.Error}


def _point(lat, lng):
    if lat is None or lng is None:
        return None
    return {"type": "Point", "coordinates": [float(lng), float(lat)]}


def _route(route) -> dict:
    stops, points, length = route_walk(route)
    return {
        "slug": route.slug,
        "title": route.title,
        "description": route.description,
        "neighbourhood": route.neighbourhood.slug,
        "url": absolute_url(reverse("parelketting:route", kwargs={"slug": route.slug})),
        "gpx": absolute_url(reverse("parelketting:route_gpx", kwargs={"slug": route.slug})),
        "metres": length.metres,
        "minutes": length.minutes,
        "geometry": {"type": "LineString", "coordinates": [[lng, lat] for lat, lng in points]}
        if len(points) >= 2
        else None,
        "stops": [
            {
                "number": number,
                "pearl": stop.pearl.uid,
                "title": stop.pearl.title,
                "note": stop.note,
                "geometry": _point(stop.pearl.lat, stop.pearl.lng),
                "url": absolute_url(reverse("parelketting:detail", kwargs={"uid": stop.pearl.uid})),
                "walk_metres": leg.metres if leg is not None else None,
            }
            for number, (stop, leg) in enumerate(zip(stops, length.legs, strict=True), start=1)
        ],
        "changed": route.updated_at,
    }


@router.get(
    "/routes",
    response={200: schemas.RoutePage, **ERRORS},
    summary="De ketting: wandelroutes / necklace walking routes",
    description="Wandelingen langs plekken, met de stops op volgorde en een lijn in GeoJSON. / "
    "Walks along place pearls, stops in order, with a GeoJSON line.",
)
def route_list(request, limit: int = Limit, offset: int = Offset):
    rows, page = paginate(request, public_routes(), limit, offset)
    return {**page, "results": [_route(route) for route in rows]}


@router.get("/routes/{slug}", response={200: schemas.Route, **ERRORS}, summary="Eén wandelroute / one route")
def route_detail(request, slug: str):
    route = public_routes().filter(slug=slug).first()
    if route is None:
        raise Http404
    return _route(route)


def _activity(activity) -> dict:
    place = activity.place
    public_place = is_public(place)
    uid = str(activity.uid)
    return {
        "id": activity.uid,
        "title": activity.title,
        "description": activity.description,
        "status": activity.status,
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
        "neighbourhood": activity.neighbourhood.slug,
        "place": {
            "pearl": place.uid if public_place else None,
            "name": place.title if place is not None else activity.place_text,
            "geometry": _point(place.lat, place.lng) if public_place else None,
        },
        "organiser_partner": activity.organiser_partner.slug if activity.organiser_partner_id else None,
        "themes": [theme.slug for theme in activity.themes.all()],
        "capacity": activity.capacity,
        "free_places": max(activity.capacity - activity.confirmed_count, 0),
        "url": absolute_url(reverse("parelketting:activity", kwargs={"uid": uid})),
        "calendar": absolute_url(reverse("parelketting:activity_ics", kwargs={"uid": uid})),
    }


@router.get(
    "/activities",
    response={200: schemas.ActivityPage, **ERRORS},
    summary="Programma: activiteiten die nog komen / upcoming activities",
    description="Activiteiten die nog niet voorbij zijn, ook als ze niet doorgaan (status cancelled). / "
    "Activities that have not ended, including cancelled ones.",
)
def activity_list(request, filters: Query[schemas.ActivityFilters], limit: int = Limit, offset: int = Offset):
    qs = public_activities().upcoming()
    if filters.neighbourhood:
        qs = qs.filter(neighbourhood__slug=filters.neighbourhood)
    if filters.theme:
        qs = qs.filter(themes__slug=filters.theme)
    rows, page = paginate(request, qs, limit, offset)
    return {**page, "results": [_activity(activity) for activity in rows]}


@router.get(
    "/activities/{uid}",
    response={200: schemas.ActivityDetail, **ERRORS},
    summary="Eén activiteit / one activity",
)
def activity_detail(request, uid: UUID):
    activity = public_activity(uid)
    if activity is None:
        raise Http404
    return {**_activity(activity), "talents": [pearl.uid for pearl in activity.public_talents]}
