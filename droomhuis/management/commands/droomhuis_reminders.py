"""Daily summary per broker: overdue cases, cases due today and new dreams. Run once a day by a scheduler."""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib.links import site_url
from wijk.choices import RoleKind

from ...permissions import dreams_for_broker


class Command(BaseCommand):
    help = "E-mail each dream broker a summary: overdue, due today, new."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print the summaries, send nothing.")
        parser.add_argument("--base-url", default=None, help="Start of links in the e-mail, e.g. https://wijk.example")

    def handle(self, *args, dry_run=False, base_url=None, **options):
        base_url = site_url() if base_url is None else base_url.rstrip("/")
        today = timezone.localdate()
        brokers = (
            get_user_model()
            .objects.filter(is_active=True, roles__active=True, roles__kind=RoleKind.BROKER)
            .distinct()
            .order_by("email")
        )
        sent = 0
        with translation.override("nl"):
            for user in brokers:
                cases = dreams_for_broker(user)
                overdue = list(cases.overdue(today).filter(owner=user).order_by("next_action_date"))
                due = list(cases.due_on(today).filter(owner=user).order_by("created_at"))
                new = list(cases.unassigned().order_by("created_at"))
                if not (overdue or due or new):
                    continue
                body = self._body(base_url, overdue, due, new)
                subject = _("Droomhuis: %(late)d te laat, %(due)d vandaag, %(new)d nieuw") % {
                    "late": len(overdue),
                    "due": len(due),
                    "new": len(new),
                }
                if dry_run:
                    self.stdout.write(f"--- {user.email}\n{subject}\n{body}")
                else:
                    send_mail(subject, body, None, [user.email])
                sent += 1
        self.stdout.write(f"droomhuis_reminders: {sent} summaries{' (dry run)' if dry_run else ''}")

    def _body(self, base_url, overdue, due, new):
        def rows(dreams):
            return [
                {
                    "reference": dream.reference_display,
                    "text": " ".join(dream.text.split())[:60],
                    "url": base_url + reverse("droomhuis:case", kwargs={"reference": dream.reference}),
                }
                for dream in dreams
            ]

        sections = [
            (_("Te laat:"), rows(overdue)),
            (_("Vandaag te doen:"), rows(due)),
            (_("Nieuwe dromen die nog niemand heeft opgepakt:"), rows(new)),
        ]
        return render_to_string("droomhuis/email/reminders.txt", {"sections": sections})
