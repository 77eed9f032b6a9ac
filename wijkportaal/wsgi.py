"""WSGI entry point, used by gunicorn: ``gunicorn wijkportaal.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings.production")

application = get_wsgi_application()

# Each gunicorn worker loads WeasyPrint as it starts, so no visitor waits for that in the first PDF request.
from lib.pdf import pdf_warm_up  # noqa: E402 - needs the settings and apps that get_wsgi_application loaded

pdf_warm_up()
