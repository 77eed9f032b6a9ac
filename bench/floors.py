"""The two floors the pages are compared with, served by the same gunicorn and middleware.

``ok``: the least a Django view can do. ``bare_geojson``: the same published points as the real GeoJSON,
with one ``values_list`` query and ``json.dumps`` — no privacy rules, no cache, no links.
"""

import json

from django.http import HttpResponse


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


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
