from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WijkConfig(AppConfig):
    name = "wijk"
    verbose_name = _("Wijk: mensen, organisaties en toestemming")

    def ready(self):
        from . import frontdoor, login_codes, photos
        from .public_cache import connect_signals

        connect_signals()
        photos.connect_signals()
        login_codes.connect_signals()
        frontdoor.connect_signals()
