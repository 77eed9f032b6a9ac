from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParelkettingConfig(AppConfig):
    name = "parelketting"
    verbose_name = _("Parelketting")

    def ready(self):
        from allauth.account.signals import email_confirmed, user_signed_up

        from lib.photos import photo_variants_connect

        from .receivers import on_email_confirmed, on_user_signed_up

        # Photos shown with srcset get their smaller copies when stored (lib.photos).
        photo_variants_connect("parelketting.Pearl", "photo")
        photo_variants_connect("parelketting.ActivityPhoto", "photo")
        photo_variants_connect("parelketting.Route", "mood_image")
        photo_variants_connect("parelketting.Activity", "mood_image")

        email_confirmed.connect(on_email_confirmed, dispatch_uid="parelketting_claim_on_confirm")
        user_signed_up.connect(on_user_signed_up, dispatch_uid="parelketting_claim_on_signup")
