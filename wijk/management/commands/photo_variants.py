"""Make the smaller copies (``name.w480.jpg`` ...) for photos stored before copies existed."""

from django.apps import apps
from django.core.management.base import BaseCommand

from lib.photos import VARIANT_FIELDS, photo_variant_info, photo_variants_save


class Command(BaseCommand):
    help = "Maak kleinere kopieën van oude foto's, voor telefoons."

    def add_arguments(self, parser):
        parser.add_argument("--opnieuw", action="store_true", help="Ook foto's die al kopieën hebben.")

    def handle(self, *args, **options):
        made = skipped = failed = 0
        for label, field in VARIANT_FIELDS.items():
            model = apps.get_model(label)
            for obj in model.objects.exclude(**{field: ""}).iterator():
                field_file = getattr(obj, field)
                # A known width means the copies were made (or the photo is too small to need them).
                if not options["opnieuw"] and photo_variant_info(field_file)["width"] is not None:
                    skipped += 1
                    continue
                try:
                    photo_variants_save(field_file)
                except (OSError, ValueError) as exc:
                    failed += 1
                    self.stderr.write(f"{label} {obj.pk}: {exc}")
                else:
                    made += 1
        self.stdout.write(f"Kopieën gemaakt: {made}; al klaar: {skipped}; mislukt: {failed}.")
