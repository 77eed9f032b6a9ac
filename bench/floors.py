"""The floors the pages are compared with, served by the same gunicorn and middleware.

``ok``: the least a Django view can do. ``bare_geojson``: the same published points as the real GeoJSON,
with one ``values_list`` query and ``json.dumps`` — no privacy rules, no cache, no links. ``same_bytes``:
``ok`` with a body of ``?n=`` bytes, what sending a large answer costs by itself (the mixed workload sizes it
as the GeoJSON's gzip copy).
"""

import json
from functools import lru_cache

from django.http import HttpResponse


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


@lru_cache(maxsize=4)
def _bytes(count: int) -> bytes:
    return b"x" * count


def same_bytes(request):
    count = min(int(request.GET.get("n", "2")), 8 * 1024 * 1024)
    response = HttpResponse(_bytes(count), content_type="application/octet-stream")
    response["ETag"] = f'"{count}"'  # as the cached GeoJSON carries its own: no hashing per request
    return response


def bare_geojson(request):
    from parelketting.models import Pearl

    rows = Pearl.objects.published().filter(lat__isnull=False).values_list("uid", "kind", "title", "lat", "lng")
    features = [
        {
            "type": "Feature",
            "id": str(uid),
            "properties": {"kind": kind, "title": title},
            "geometry": {"type": "Point", "coordinates": [float(lng), float(lat)]},
        }
        for uid, kind, title, lat, lng in rows
    ]
    return HttpResponse(
        json.dumps({"type": "FeatureCollection", "features": features}), content_type="application/geo+json"
    )
