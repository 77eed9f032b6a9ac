"""Error views. A database outage gets a friendly "try again shortly" page (503), not a 500."""

import sys

from django.db import InterfaceError, OperationalError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

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
    return django_server_error(request, template_name)


def service_unavailable_response():
    from django.http import HttpResponse

    # 503.html is self-contained: rendering it must not need the database (no user, no session).
    body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
