"""Open data: the published pearls as a GeoJSON FeatureCollection."""

import hashlib
import json

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.db.models import BooleanField, Case, CharField, Q, When
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import quote_etag
from django.views.decorators.http import require_GET

from lib.links import absolute_url
from wijk.models import Theme

from ..choices import PearlKind, PearlStatus
from ..forms import FilterForm
from ..models import Pearl


@require_GET
def pearl_geojson(request):
    """Open data: published pearls with a point. No personal data; at most 2 queries at any size.

    Kept and served by the page cache (``PUBLIC_PAGE_CACHE``, an ``open_data`` entry in
    ``wijk.public_cache``) under the versions of the pearls and the site: a moderated pearl, a theme or a
    neighbourhood gives a new key at once on every server; a repeat request is answered from the worker's
    own copy before the session and login middleware, plain or gzip-compressed (made once per change).
    """
    body = _geojson_body(request, FilterForm(request.GET or None).filters())
    response = HttpResponse(body, content_type="application/geo+json")
    # Hashed once per change, when the body is built; the copy in the cache keeps it (and one for gzip).
    response["ETag"] = quote_etag(hashlib.md5(body, usedforsecurity=False).hexdigest())
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"
    return response


def cache_variant(request) -> str:
    """Which copy of the GeoJSON a request gets: its filters, as the view reads them. Any other query
    parameter, or a theme that does not exist, gives the copy it would show, not a new one.

    Asked on every request, cached or not: without a filter in the address (the map's own request) the form
    would give no filter either, so none is built (building it was a third of the time of a cached answer)."""
    if not any(name in request.GET for name in FilterForm.base_fields):
        return "|"
    filters = FilterForm(request.GET or None).filters()
    return f"{filters['kind']}|{filters['theme'].pk if filters['theme'] else ''}"


def _geojson_body(request, filters) -> bytes:
    """The FeatureCollection as UTF-8 bytes, in 2 queries, written feature by feature.

    Built for the first visitor after a change (10,000 pearls), so the loop does little Python work per
    pearl: the database gives values as the text that goes into the JSON (the uid; on PostgreSQL also the
    coordinates as they are stored), the themes come as one ready JSON list per pearl, and only the title
    needs JSON escaping (one encoder, made once). Kinds, slugs, uids and the URL pieces cannot hold a quote
    or a backslash. The same bytes on every database (``tests/parelketting/test_geojson_body.py``)."""
    person = PearlKind.PERSON.value
    coordinates = ["lng", "lat", "meeting_place__lng", "meeting_place__lat"]
    if connection.vendor == "postgresql":
        # Each coordinate as the text it is stored as ("51.815900"): no Decimal to build and print per value.
        # Elsewhere (SQLite) Django gives Decimals with the field's places, which print as the same text.
        coordinates = [Cast(name, CharField()) for name in coordinates]
    rows = (
        Pearl.objects.published()
        .filtered(**filters)
        .with_point()
        .order_by("pk")
        .values_list(
            "pk",
            Cast("uid", CharField()),
            "kind",
            "title",
            # A person's photo needs consent, checked per pearl elsewhere: never in the open data.
            Case(When(~Q(thumbnail="") & ~Q(kind=person), then=True), default=False, output_field=BooleanField()),
            *coordinates,
        )
    )
    themes = _theme_lists() if rows else {}
    placeholder = "00000000-0000-0000-0000-000000000000"
    base = absolute_url(reverse("parelketting:detail", kwargs={"uid": placeholder}))
    prefix, suffix = base.split(placeholder)
    url_open = json.dumps(prefix)[:-1]  # '"https://.../parels/' with its closing quote cut off
    url_close = json.dumps(suffix)[1:]
    thumb_close = json.dumps(suffix + "foto-klein/")[1:]
    title_json = json.JSONEncoder(ensure_ascii=False).encode  # the same text as json.dumps(..., ensure_ascii=False)
    features = []
    append = features.append
    for pk, uid, kind, title, thumbnail, lng, lat, meeting_lng, meeting_lat in rows:
        if kind == person:
            lng, lat = meeting_lng, meeting_lat
        if lat is None or lng is None:
            continue  # a person whose meeting place has no point
        if len(uid) == 32:  # SQLite keeps a uid as 32 hex digits, PostgreSQL with hyphens
            uid = f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:]}"
        append(
            f'{{"type":"Feature","id":"{uid}","geometry":{{"type":"Point","coordinates":[{lng},{lat}]}},'
            f'"properties":{{"kind":"{kind}","title":{title_json(title)},"themes":{themes.get(pk, "[]")},'
            f'"url":{url_open}{uid}{url_close},"thumbnail":{url_open + uid + thumb_close if thumbnail else "null"}}}}}'
        )
    return ('{"type":"FeatureCollection","features":[' + ",".join(features) + "]}").encode()


def _theme_lists() -> dict[int, str]:
    """Each published pearl's theme slugs as a JSON list, in the themes' order, from one query.

    On PostgreSQL one row per theme with the ids of its published pearls (``ArrayAgg``): a handful of rows
    instead of one per link, and no sorting of 20,000 links (half the time of the join below). Elsewhere one
    row per link, sorted by theme. The same lists either way (``tests/parelketting/test_geojson_body.py``)."""
    if connection.vendor == "postgresql":
        per_theme = (
            Theme.objects.order_by("position", "name", "slug")
            .annotate(pearl_ids=ArrayAgg("pearls__id", filter=Q(pearls__status=PearlStatus.PUBLISHED), default=[]))
            .values_list("slug", "pearl_ids")
        )
        links = ((pearl_id, slug) for slug, pearl_ids in per_theme for pearl_id in pearl_ids)
    else:
        links = (
            Pearl.themes.through.objects.filter(pearl__status=PearlStatus.PUBLISHED)
            .order_by("theme__position", "theme__name", "theme__slug")
            .values_list("pearl_id", "theme__slug")
        )
    started = {}
    for pearl_id, slug in links:
        before = started.get(pearl_id)
        started[pearl_id] = '["' + slug if before is None else before + '","' + slug
    return {pearl_id: text + '"]' for pearl_id, text in started.items()}
