from django.conf import settings

from . import display
from .kiosk import IDLE_SECONDS


def site(request):
    """Values every page needs: the site name and which features have pages."""
    return {
        "SITE_NAME": "Wijkportaal",
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        "DISPLAY": display.read(request),
        "KIOSK_IDLE_SECONDS": IDLE_SECONDS,
    }
