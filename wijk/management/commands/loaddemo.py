"""Load the demo world. Each app that has a ``demo`` module with a ``load(stdout)`` function adds its part."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEMO_APPS = ["wijk", "parelketting", "droomhuis", "atelier"]


class Command(BaseCommand):
    help = "Load the demo neighbourhoods, people and content. Safe to run more than once."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even when DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a real installation. Use --force to load demo data anyway."
            )
        # The database cache (the default without Redis) needs its table before anything is saved.
        call_command("createcachetable", verbosity=0)
        for label in DEMO_APPS:
            if not apps.is_installed(label):
                continue
            try:
                module = import_module(f"{label}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{label}.demo":
                    raise
                continue
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Every demo account uses the password parel-en-droom."))
