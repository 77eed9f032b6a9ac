"""What a resident sees of the access log: who looked at their file, by role and organisation, per day.

Never staff names: "a dream broker of Beter Wonen looked at your data on 12 November".
"""

from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijk.choices import RoleKind
from wijk.models import AccessAction, AccessLogEntry

ROLE_WORDS = {
    RoleKind.BROKER: gettext_lazy("Een droommakelaar"),
    RoleKind.EXPERT: gettext_lazy("Een ervaringsdeskundige"),
    RoleKind.PARTNER_CONTACT: gettext_lazy("Een medewerker"),
    RoleKind.MODERATOR: gettext_lazy("Een medewerker"),
}
ACTION_WORDS = {
    AccessAction.VIEW: gettext_lazy("heeft uw gegevens bekeken"),
    AccessAction.CHANGE: gettext_lazy("heeft iets bij uw gegevens vastgelegd"),
    AccessAction.EXPORT: gettext_lazy("heeft uw gegevens gedownload"),
    AccessAction.PRINT: gettext_lazy("heeft uw gegevens geprint"),
}


def access_summary(resident, limit: int = 60) -> list[dict]:
    """One line per day × role × organisation × action, newest first; only this resident's rows, and only what others
    did: the resident's own look at "Mijn gegevens" (role "resident") is not "Een medewerker heeft uw gegevens
    gedownload"."""
    rows = (
        AccessLogEntry.objects.filter(resident=resident)
        .exclude(role="resident")
        .annotate(day=TruncDate("at"))
        .values("day", "role", "organisation__name", "action")
        .distinct()
        .order_by("-day", "organisation__name", "role", "action")[:limit]
    )
    lines = []
    for row in rows:
        who = str(ROLE_WORDS.get(row["role"], _("Een medewerker")))
        org = row["organisation__name"]
        text = f"{who} {_('van')} {org}" if org else who
        lines.append({"day": row["day"], "text": f"{text} {ACTION_WORDS.get(row['action'], '')}."})
    return lines
