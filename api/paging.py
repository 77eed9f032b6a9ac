"""Limit/offset pages with full links to the next and previous page."""

from ninja import Query

from lib.links import absolute_url

MAX_LIMIT = 100
DEFAULT_LIMIT = 50

Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Hoeveel per pagina (1-100) / page size (1-100).")
Offset = Query(0, ge=0, le=1_000_000, description="Hoeveel overslaan / how many to skip.")


def _link(request, offset: int) -> str:
    params = request.GET.copy()
    params["offset"] = str(offset)
    return absolute_url(request.path) + "?" + params.urlencode()


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
