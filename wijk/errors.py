"""Error views. A database outage gets a friendly "try again shortly" page (503), not a 500.

Both pages say whom to call (``wijk.contact``): the 500 page asks the database if it answers, the 503 page
never does (the last known details from the cache, else the settings). Neither may fail itself.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .contact import contacts_for_error_page, contacts_from_settings, contacts_without_database

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 15


def database_unavailable(exc) -> bool:
    """True for the errors a lost or refused database connection raises."""
    return isinstance(exc, (OperationalError, InterfaceError))


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Django calls this inside its exception handler, so ``sys.exc_info()`` holds the error."""
    exc = sys.exc_info()[1]
    if database_unavailable(exc):
        return service_unavailable_response()
    return HttpResponse(_render_error_page(template_name, contacts_for_error_page), status=500)


def _render_error_page(template_name: str, contacts) -> str:
    """The self-contained error page (no user, no session) with whom to call; plainer and plainer if that fails."""
    try:
        return loader.get_template(template_name).render({"contacts": contacts()})
    except Exception:  # noqa: BLE001 - the page that reports an error must not fail itself
        logger.exception("The error page %s could not be rendered with contact details", template_name)
    try:
        return loader.get_template(template_name).render({"contacts": contacts_from_settings()})
    except Exception:  # noqa: BLE001
        return "<!DOCTYPE html><title>Wijkportaal</title><h1>Er ging iets mis</h1><p>Probeer het later opnieuw.</p>"


def service_unavailable_response():
    body = _render_error_page("503.html", contacts_without_database)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
