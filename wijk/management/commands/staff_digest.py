"""One e-mail a day per staff member who chose "one e-mail a day": every notice since the last one."""

from itertools import groupby

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lib.links import absolute_url
from wijk.models import StaffNotice
from wijk.notices import digest_pending, notice_link


class Command(BaseCommand):
    help = "E-mail each staff member who chose a daily e-mail their notices of the last day."

    def handle(self, *args, **options):
        sent = 0
        pending = digest_pending().select_related("user").order_by("user_id", "created_at", "pk")
        with override(settings.LANGUAGE_CODE):
            for _user_id, rows in groupby(pending, key=lambda notice: notice.user_id):
                notices = list(rows)
                user = notices[0].user
                rows = [{"subject": n.subject, "link": notice_link(n) if n.url else ""} for n in notices]
                context = {"notices": rows, "werkplek_url": absolute_url(reverse(settings.STAFF_NOTICES_URL))}
                body = render_to_string("wijk/email/staff_digest.txt", context)
                with transaction.atomic():
                    StaffNotice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now())
                    send_mail(_("Uw berichten van vandaag uit het wijkportaal"), body, None, [user.email])
                sent += 1
        self.stdout.write(f"staff_digest: {sent} e-mail(s) sent")
