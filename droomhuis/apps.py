from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DroomhuisConfig(AppConfig):
    name = "droomhuis"
    verbose_name = _("Droomhuis")

    def ready(self):
        from wijk.signals import consent_withdrawn

        from .care.receivers import on_consent_withdrawn as care_consent_withdrawn
        from .receivers import on_consent_withdrawn

        consent_withdrawn.connect(on_consent_withdrawn, dispatch_uid="droomhuis_consent_withdrawn")
        consent_withdrawn.connect(care_consent_withdrawn, dispatch_uid="droomhuis_referrals_consent_withdrawn")
