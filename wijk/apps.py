from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WijkConfig(AppConfig):
    name = "wijk"
    verbose_name = _("Wijk: mensen, organisaties en toestemming")

    def ready(self):
        from lib import photos

        from . import frontdoor, login_codes
        from .public_cache import connect_signals

        connect_signals()
        # Mood images (``wijk.mood``).
        photos.photo_variants_connect("wijk.Neighbourhood", "mood_image")
        login_codes.connect_signals()
        frontdoor.connect_signals()
