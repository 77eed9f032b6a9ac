"""Reminder e-mails the day before an activity. Run once a day from a scheduler (cron or a worker)."""

from django.core.management.base import BaseCommand
from django.utils.translation import override

from ...programme.services import signup_reminders_send


class Command(BaseCommand):
    help = "E-mail everyone with a confirmed place for an activity that starts tomorrow (once each)."

    def handle(self, *args, **options):
        with override("nl"):
            sent = signup_reminders_send()
        self.stdout.write(f"parelketting_reminders: {sent} herinneringen verstuurd")
