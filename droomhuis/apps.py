from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DroomhuisConfig(AppConfig):
    name = "droomhuis"
    verbose_name = _("Droomhuis")
