"""The API's front door: a small JSON index with links to the docs, the schema and every list."""

from django.http import JsonResponse
from django.urls import reverse

from lib.links import absolute_url

LISTS = {
    "pearls": "pearl_list",
    "neighbourhoods": "neighbourhood_list",
    "themes": "theme_list",
    "partners": "partner_list",
    "dream_wall": "wall_list",
    "routes": "route_list",
    "activities": "activity_list",
    "experiments": "experiment_list",
}


def index(request):
    """``/api/v1/``: where to start. No database queries."""
    return JsonResponse(
        {
            "version": "1.0.0",
            "docs": absolute_url(reverse("api-v1:openapi-view")),
            "openapi": absolute_url(reverse("api-v1:openapi-json")),
            "endpoints": {name: absolute_url(reverse(f"api-v1:{url_name}")) for name, url_name in LISTS.items()},
        },
        json_dumps_params={"ensure_ascii": False},
    )
