"""Old name, kept working: deletes only signals past their period. ``retention_run`` does this and the rest.

Run daily by a scheduler: prefer ``python manage.py retention_run`` (``--dry-run`` only counts).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from droomhuis import conf
from droomhuis.retention import signals_delete


class Command(BaseCommand):
    help = "Delete signals past their retention period (not those on legal hold). Part of retention_run."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        with transaction.atomic():
            count = signals_delete(now=now, dry_run=dry_run)
        before = now - timedelta(days=conf.signal_retention_days())
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"droomhuis: {verb} {count} signals closed before {before:%Y-%m-%d}")
