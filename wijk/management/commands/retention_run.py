"""Daily retention: apply every app's rules for how long records are kept. ``--dry-run`` only counts.

Each app with a ``retention`` module (found through the app registry) has ``retention_run(now=, dry_run=)``
returning ``(what, how many)`` lines. The periods are settings, described in those modules:

- ``droomhuis.retention``: closed dreams anonymised after ``DROOMHUIS_DREAM_ANONYMISE_DAYS`` (365); signals and
  referrals deleted ``DROOMHUIS_SIGNAL_RETENTION_DAYS`` / ``DROOMHUIS_REFERRAL_RETENTION_DAYS`` (730) after
  closure; photos of withdrawn dreams deleted after ``DROOMHUIS_WITHDRAWN_PHOTO_DAYS`` (30).
- ``parelketting.retention``: photos of pearls not on the map deleted after
  ``PARELKETTING_UNPUBLISHED_PHOTO_DAYS`` (90).
- ``wijk.retention``: the phone number, name and note of a "bel mij terug" call task emptied
  ``WIJK_CALLBACK_RETENTION_DAYS`` (30) after it was marked done, or ``WIJK_CALLBACK_STALE_DAYS`` (90) after it
  was asked when nobody closed it.

Records on legal hold are always skipped. ``droomhuis_signal_retention`` is the old name for the signal
rule alone and still works.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import module_has_submodule


def retention_modules():
    return [
        import_module(f"{config.name}.retention")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "retention")
    ]


class Command(BaseCommand):
    help = "Anonymise and delete records past their retention period (skips legal hold). Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count and print, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            self.stdout.write("Dry run: counted only, nothing changed.")
        for module in retention_modules():
            for what, count in module.retention_run(now=now, dry_run=dry_run):
                self.stdout.write(f"{what}: {count}")
