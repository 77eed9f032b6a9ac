"""Open data: the published pearls as a GeoJSON FeatureCollection."""

import hashlib
import json
from collections import defaultdict
from decimal import Decimal

from django.core.cache import cache
from django.db.models import CharField
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
    """The FeatureCollection as text, in 2 queries, written feature by feature.

    Built for the first visitor after a change (10,000 pearls): the rows come as the database gives them
    (coordinates as decimals, the uid as text, so no per-value conversion), themes come with their order in
    one join, and only the title needs JSON escaping (kinds, slugs, uids and the URL pieces are escaped once
    or cannot hold a quote)."""
    rows = list(
        Pearl.objects.published()
        .filtered(**filters)
        .with_point()
        .order_by("pk")
        .values_list(
            "pk",
            Cast("uid", CharField()),
            "kind",
            "title",
            "lat",
            "lng",
            "thumbnail",
            "meeting_place__lat",
            "meeting_place__lng",
        )
    )
    themes_by_pearl = defaultdict(list)
    if rows:
        # All published pearls' themes in one join; rows of pearls not drawn are just not looked up.
        links = Pearl.themes.through.objects.filter(pearl__status=PearlStatus.PUBLISHED).values_list(
            "pearl_id", "theme__position", "theme__name", "theme__slug"
        )
        for pearl_id, position, name, slug in links:
            themes_by_pearl[pearl_id].append((position, name, slug))
    placeholder = "00000000-0000-0000-0000-000000000000"
    base = absolute_url(reverse("parelketting:detail", kwargs={"uid": placeholder}))
    prefix, suffix = base.split(placeholder)
    url_open = json.dumps(prefix)[:-1]  # '"https://.../parels/' with its closing quote cut off
    url_close = json.dumps(suffix)[1:]
    thumb_close = json.dumps(suffix + "foto-klein/")[1:]
    person = PearlKind.PERSON.value
    features = []
    append = features.append
    for pk, uid, kind, title, lat, lng, thumbnail, meeting_lat, meeting_lng in rows:
        if kind == person:
            lat, lng = meeting_lat, meeting_lng
        if lat is None or lng is None:
            continue
        uid = _hyphenated(uid)
        own = themes_by_pearl.get(pk)
        slugs = ('["' + '","'.join(slug for *_, slug in sorted(own)) + '"]') if own else "[]"
        # A person's photo needs consent, checked per pearl elsewhere: never in the open data.
        thumb = url_open + uid + thumb_close if thumbnail and kind != person else "null"
        append(
            f'{{"type":"Feature","id":"{uid}","geometry":{{"type":"Point","coordinates":[{_number(lng)},{_number(lat)}]}},'
            f'"properties":{{"kind":"{kind}","title":{json.dumps(title, ensure_ascii=False)},"themes":{slugs},'
            f'"url":{url_open}{uid}{url_close},"thumbnail":{thumb}}}}}'
        )
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def _hyphenated(uid: str) -> str:
    """A uid as text: PostgreSQL gives it with hyphens, SQLite as 32 hex digits."""
    if len(uid) == 32:
        return f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:]}"
    return uid


def _number(value) -> str:
    """A coordinate as a JSON number (a decimal from the database, written as it is stored)."""
    return str(value) if isinstance(value, Decimal) else repr(float(value))
