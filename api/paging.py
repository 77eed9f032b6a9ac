"""Limit/offset pages with full links to the next and previous page."""

from django.conf import settings
from ninja import Query

MAX_LIMIT = 100
DEFAULT_LIMIT = 50

Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Hoeveel per pagina (1-100) / page size (1-100).")
Offset = Query(0, ge=0, le=1_000_000, description="Hoeveel overslaan / how many to skip.")


def absolute(path: str) -> str:
    """A full link on the public site (``settings.SITE_URL``), whatever host the request came in on."""
    return settings.SITE_URL + path


def _link(request, offset: int) -> str:
    params = request.GET.copy()
    params["offset"] = str(offset)
    return absolute(request.path) + "?" + params.urlencode()


def paginate(request, queryset, limit: int, offset: int) -> tuple[list, dict]:
    """One page of ``queryset`` (two queries: a count and the rows) and the page fields of the answer."""
    count = queryset.count()
    rows = list(queryset[offset : offset + limit]) if offset < count else []
    page = {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _link(request, offset + limit) if offset + limit < count else None,
        "previous": _link(request, max(0, offset - limit)) if offset > 0 else None,
    }
    return rows, page
