from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkplekConfig(AppConfig):
    name = "werkplek"
    verbose_name = _("Werkplek: wat vraagt nu uw aandacht")
