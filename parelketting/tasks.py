"""Work the worker does for the Parelketting: making a walk's PDF (about a second for 40 stops)."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def walk_pdf_make(*, route_pk: int, language: str) -> str:
    """Make one route's walk PDF in one language; a failure is kept, so the visitor sees it and can try again."""
    from . import walk_pdf
    from .models import Route

    route = Route.objects.filter(pk=route_pk).first()
    if route is None:
        return "gone"
    try:
        walk_pdf.walk_pdf_make(route, language)
    except Exception:
        logger.exception("The walk PDF of route %s (%s) could not be made.", route_pk, language)
        raise
    return "made"
