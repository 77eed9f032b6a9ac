"""What every open-data response shares: GET/HEAD only, CORS, a per-client rate limit, cache headers and ETags.

Applied by wrapping each URL pattern of the API (see ``api.urls``), so no project setting or middleware
changes. JSON answers get ``Cache-Control: public, max-age=60`` and an ETag made from the body; a matching
``If-None-Match`` gets a 304 without a body. The HTML docs page keeps the site's normal headers, because
it carries the visitor's own menu.
"""

import functools
import hashlib
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from lib.antispam import rate_limit_hit

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
CACHE_CONTROL = "public, max-age=60"
RATE_WINDOW_SECONDS = 60
JSON_TYPES = ("application/json", "application/geo+json")


def rate_limit() -> int:
    """Requests per client per minute. ``RATE_LIMIT_SCALE`` in the settings multiplies it (0 switches off)."""
    return int(getattr(settings, "API_RATE_LIMIT_PER_MINUTE", 120))


def _json_error(status: int, detail: str, **headers) -> HttpResponse:
    response = HttpResponse(
        json.dumps({"detail": detail}, ensure_ascii=False), status=status, content_type="application/json"
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
    return response


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


def public_get(view):
    """Wrap one API view: only GET/HEAD (OPTIONS answers a CORS preflight), rate limit, caching headers."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        method = request.method
        if method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            response["Access-Control-Max-Age"] = "86400"
            return _cors(response)
        if method not in ("GET", "HEAD"):
            return _json_error(405, _("Deze methode mag niet. Gebruik GET of HEAD."), Allow=", ".join(ALLOWED_METHODS))
        if rate_limit_hit(request, "api", limit=rate_limit(), window_seconds=RATE_WINDOW_SECONDS):
            return _cors(
                _json_error(
                    429,
                    _("Te veel verzoeken. Wacht een minuut en probeer het opnieuw."),
                    Retry_After=str(RATE_WINDOW_SECONDS),
                )
            )
        if method == "HEAD":
            request.method = "GET"
        response = view(request, *args, **kwargs)
        request.method = method
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in JSON_TYPES or getattr(response, "streaming", False):
            return response
        _cors(response)
        response["Cache-Control"] = CACHE_CONTROL
        if response.status_code == 200:
            etag = etag_for(response.content)
            response["ETag"] = etag
            if _matches(request.headers.get("If-None-Match", ""), etag):
                not_modified = HttpResponse(status=304)
                for header in ("ETag", "Cache-Control"):
                    not_modified[header] = response[header]
                return _cors(not_modified)
        if method == "HEAD":
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response

    # Nothing here reads cookies or changes data, so a POST gets a plain 405 rather than a CSRF 403.
    wrapped.csrf_exempt = True
    return wrapped
