from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtelierConfig(AppConfig):
    name = "atelier"
    verbose_name = _("Atelier")

    def ready(self):
        from lib.photos import photo_variants_connect

        # Mood images (wijk.mood) shown with srcset get their smaller copies when stored (lib.photos).
        photo_variants_connect("atelier.Experiment", "mood_image")
        photo_variants_connect("atelier.Story", "mood_image")
