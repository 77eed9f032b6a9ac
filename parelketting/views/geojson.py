"""Open data: the published pearls as a GeoJSON FeatureCollection."""

import hashlib
import json
from collections import defaultdict

from django.core.cache import cache
from django.db.models import FloatField
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from wijk.links import absolute_url
from wijk.public_cache import PEARLS, SITE, versioned_key

from ..choices import PearlKind, PearlStatus
from ..forms import FilterForm
from ..models import Pearl

GEOJSON_CACHE_SECONDS = 300


@require_GET
def pearl_geojson(request):
    """Open data: published pearls with a point. No personal data; at most 2 queries at any size.

    The body is kept in the shared cache under the versions of the pearls and the site (``wijk.public_cache``,
    the same scheme as the pages): a moderated pearl, a theme or a neighbourhood gives a new key at once on
    every server, and a repeat request runs no query.
    """
    filters = FilterForm(request.GET or None).filters()
    key = versioned_key(
        "parelketting:geojson:"
        + hashlib.sha256(
            "|".join(
                [
                    request.get_host(),
                    request.scheme,
                    filters["kind"],
                    str(filters["theme"].pk if filters["theme"] else ""),
                ]
            ).encode()
        ).hexdigest(),
        PEARLS,
        SITE,
    )
    body = cache.get(key)
    hit = body is not None
    if body is None:
        body = _geojson_body(request, filters)
        cache.set(key, body, GEOJSON_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/geo+json")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"
    response["X-Page-Cache"] = "hit" if hit else "miss"
    return response


def _geojson_body(request, filters) -> str:
    """The FeatureCollection as text, from ``values_list`` rows (floats cast in the database) in 2 queries."""
    rows = list(
        Pearl.objects.published()
        .filtered(**filters)
        .with_point()
        .order_by("pk")
        .values_list(
            "pk",
            "uid",
            "kind",
            "title",
            Cast("lat", FloatField()),
            Cast("lng", FloatField()),
            "thumbnail",
            Cast("meeting_place__lat", FloatField()),
            Cast("meeting_place__lng", FloatField()),
        )
    )
    themes_by_pearl = defaultdict(list)
    if rows:
        # All published pearls' themes in one simple join; rows of pearls not drawn are just not looked up.
        through = Pearl.themes.through.objects.filter(pearl__status=PearlStatus.PUBLISHED).order_by(
            "theme__position", "theme__name"
        )
        for pearl_id, slug in through.values_list("pearl_id", "theme__slug"):
            themes_by_pearl[pearl_id].append(slug)
    placeholder = "00000000-0000-0000-0000-000000000000"
    base = absolute_url(reverse("parelketting:detail", kwargs={"uid": placeholder}))
    prefix, suffix = base.split(placeholder)
    thumb_suffix = suffix + "foto-klein/"
    person = PearlKind.PERSON.value
    features = []
    append = features.append
    for pk, uid, kind, title, lat, lng, thumbnail, meeting_lat, meeting_lng in rows:
        if kind == person:
            lat, lng = meeting_lat, meeting_lng
        if lat is None or lng is None:
            continue
        uid = str(uid)
        append(
            {
                "type": "Feature",
                "id": uid,
                "geometry": {"type": "Point", "coordinates": [lng, lat]},
                "properties": {
                    "kind": kind,
                    "title": title,
                    "themes": themes_by_pearl.get(pk, []),
                    "url": prefix + uid + suffix,
                    # A person's photo needs consent, checked per pearl elsewhere: never in the open data.
                    "thumbnail": prefix + uid + thumb_suffix if thumbnail and kind != person else None,
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
