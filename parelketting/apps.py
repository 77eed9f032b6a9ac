from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParelkettingConfig(AppConfig):
    name = "parelketting"
    verbose_name = _("Parelketting")
