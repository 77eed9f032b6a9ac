"""The portal's URLs plus the benchmark floors (used only by ``wijkportaal.settings.bench``)."""

from django.urls import path

from wijkportaal.urls import handler500  # noqa: F401
from wijkportaal.urls import urlpatterns as portal

from . import floors

urlpatterns = [
    path("_floor/ok/", floors.ok),
    path("_floor/geojson/", floors.bare_geojson),
    path("_floor/bytes/", floors.same_bytes),
    *portal,
]
