from django.conf import settings

from lib import display

from .kiosk import IDLE_SECONDS

SITE_NAME = "Wijkportaal"
THEME_COLOUR = "#005a70"  # site.css --brand; the icons in static/icons/ (bin/make_icons.py) use it too


def site(request):
    """Values every page needs: the site name and which features have pages."""
    return {
        "SITE_NAME": SITE_NAME,
        "THEME_COLOUR": THEME_COLOUR,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        "DISPLAY": display.read(request),
        "KIOSK_IDLE_SECONDS": IDLE_SECONDS,
    }
