"""WSGI entry point, used by gunicorn: ``gunicorn wijkportaal.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings.production")

application = get_wsgi_application()
