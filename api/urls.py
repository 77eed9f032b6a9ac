"""``/api/``: version 1 of the open-data API. Every view is wrapped by ``api.http.public_get``."""

from django.urls import URLPattern, URLResolver, path

from .http import public_get
from .v1 import api as api_v1
from .views import index


def _wrap(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _wrap(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = public_get(pattern.callback)
    return patterns


_v1_patterns, _v1_app, _v1_namespace = api_v1.urls

urlpatterns = [
    path("v1/", public_get(index), name="api_index"),
    path("v1/", (_wrap(_v1_patterns), _v1_app, _v1_namespace)),
]
