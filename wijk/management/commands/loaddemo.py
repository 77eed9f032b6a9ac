"""Load the demo world. Each app that has a ``demo`` module with a ``load(stdout)`` function adds its part, in
the order of ``INSTALLED_APPS`` (``wijk`` first: the others build on its neighbourhoods and people)."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils.module_loading import module_has_submodule

# The demo's own notices (to demo residents and staff) are kept in memory, not sent or printed: the terminal of
# `make run` then shows only what someone trying the demo asks for, such as a login code.
KEEP_IN_MEMORY = "django.core.mail.backends.locmem.EmailBackend"


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
        earlier = getattr(mail, "outbox", None)  # a test's own outbox stays as it was
        with override_settings(EMAIL_BACKEND=KEEP_IN_MEMORY):
            mail.outbox = []
            for config in apps.get_app_configs():
                if module_has_submodule(config.module, "demo"):
                    import_module(f"{config.name}.demo").load(stdout=self.stdout)
            kept = len(mail.outbox)
            if earlier is None:
                del mail.outbox
            else:
                mail.outbox = earlier
        if kept:
            self.stdout.write(f"{kept} e-mails of the demo itself were not sent (they would only fill the terminal).")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Every demo account uses the password parel-en-droom."))
