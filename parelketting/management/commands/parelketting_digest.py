"""Daily summary for moderators: which pearls wait in their corporation's queue. Run once a day (cron)."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from lib.links import absolute_url
from wijk.choices import RoleKind
from wijk.models import NoticeKind, NoticePreference, NoticeWay, Role

from ...models import Pearl


class Command(BaseCommand):
    help = "E-mail each moderator a summary of the pearls waiting in their queue."

    def handle(self, *args, **options):
        waiting = list(Pearl.objects.waiting().select_related("neighbourhood").order_by("-reported", "created_at"))
        roles = Role.objects.active().filter(kind=RoleKind.MODERATOR, user__is_active=True).select_related("user")
        per_user: dict[str, set[int]] = {}
        # Who chose to hear of new pearls at once or only in the Werkplek gets no summary.
        elsewhere = set(
            NoticePreference.objects.filter(kind=NoticeKind.PEARL)
            .exclude(way=NoticeWay.DIGEST)
            .values_list("user_id", flat=True)
        )
        for role in roles:
            if not role.user.email or role.user_id in elsewhere:
                continue
            ids = per_user.setdefault(role.user.email, set())
            for pearl in waiting:
                if pearl.neighbourhood.corporation_id != role.organisation_id:
                    continue
                if role.neighbourhood_id and pearl.neighbourhood_id != role.neighbourhood_id:
                    continue
                ids.add(pearl.pk)
        queue_url = absolute_url(reverse("werkplek:pearls"))
        sent = 0
        with override(settings.LANGUAGE_CODE):
            for email, ids in sorted(per_user.items()):
                pearls = [p for p in waiting if p.pk in ids]
                if not pearls:
                    continue
                body = render_to_string("parelketting/email/digest.txt", {"pearls": pearls, "queue_url": queue_url})
                send_mail(_("Parels die wachten op controle"), body, None, [email])
                sent += 1
        self.stdout.write(f"parelketting_digest: {sent} e-mail(s) sent")
