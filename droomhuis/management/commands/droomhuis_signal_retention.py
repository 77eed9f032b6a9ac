"""Delete signals closed longer ago than the retention period (24 months by default), unless on legal hold.

Run daily by a scheduler: ``python manage.py droomhuis_signal_retention`` (``--dry-run`` only counts).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from droomhuis import conf
from droomhuis.care_models import Signal


class Command(BaseCommand):
    help = "Delete signals past their retention period (not those on legal hold)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        before = timezone.now() - timedelta(days=conf.signal_retention_days())
        due = Signal.objects.past_retention(before)
        count = due.count()
        if not dry_run:
            with transaction.atomic():
                due.delete()
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"droomhuis: {verb} {count} signals closed before {before:%Y-%m-%d}")
