""" "Mijn gegevens" as a person reads it: what you shared, what you said yes to (and how to take it back),
who looked at your file, and what happens to your data and when. Plain words, dates written out.

The complete record stays in ``wijk.export`` (the JSON download); this module only reads and summarises.
Other apps' models are found through the app registry, as in ``wijk.export``; where a "yes" is taken back and how
long records are kept, each app says in its ``export`` module (``withdraw_links`` and ``kept``).
"""

from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import Purpose, RecipientKind, RoleKind
from .export import _resident_relations, app_modules
from .models import ConsentRecord, Resident

NAME_ATTRIBUTES = ("title", "subject", "name", "activity", "text", "question")
SHOWN_NAMES = 3


def _purposes_for_you() -> dict:
    """The purpose of a consent as the resident would say it (the choice labels are written for staff)."""
    return {
        Purpose.PUBLICATION: _("tonen op de website"),
        Purpose.CONTACT: _("contact met u opnemen"),
        Purpose.REFERRAL: _("doorgeven aan een organisatie die u kan helpen"),
        Purpose.PAIRING: _("u in contact brengen met een ervaringsdeskundige"),
        Purpose.DREAM_WALL: _("uw droom laten zien op de dromenmuur"),
        Purpose.NEWS: _("u nieuws over de wijk sturen"),
    }


def when(moment) -> str:
    """A date as people write it: "5 december 2026"."""
    if moment is None:
        return ""
    if hasattr(moment, "hour"):
        moment = timezone.localtime(moment)
    return date_format(moment, "j F Y")


def role_label(role: str) -> str:
    """The role of whoever looked, in words ("Droommakelaar"; "Uzelf" for the resident)."""
    if role == "resident":
        return _("Uzelf")
    if role == "superuser":
        return _("Beheerder van het portaal")
    try:
        return str(RoleKind(role).label)
    except ValueError:
        return _("Medewerker")


def _name(obj) -> str:
    for attribute in NAME_ATTRIBUTES:
        value = getattr(obj, attribute, None)
        if value:
            return Truncator(str(value)).chars(60)
    return ""


def shared(resident: Resident) -> list[dict]:
    """Per kind of record (pearls, activities, dreams ...): how many, and the first few by name."""
    kinds = []
    for model, fk in _resident_relations():
        if model in (ConsentRecord,) or model._meta.label == "wijk.AccessLogEntry":
            continue
        rows = list(model._default_manager.filter(**{fk.name: resident})[:50])
        if not rows:
            continue
        names = [n for n in (_name(obj) for obj in rows) if n]
        kinds.append(
            {
                "title": str(model._meta.verbose_name_plural).capitalize(),
                "count": len(rows),
                "names": names[:SHOWN_NAMES],
                "more": max(0, len(names) - SHOWN_NAMES),
            }
        )
    return kinds


def _withdraw_link(consent: ConsentRecord, links) -> tuple[str, str]:
    """Where the resident takes back this "yes" (URL, link text): from the first app that knows, else nowhere."""
    for link in links:
        try:
            found = link(consent)
        except NoReverseMatch:
            continue
        if found:
            return found
    return "", ""


def agreed(resident: Resident) -> list[dict]:
    """Every "yes" that holds today, in words, with where to take it back."""
    # Each app's ``export.withdraw_links(resident)``: a function of a consent, giving (URL, link text) or None.
    links = [hook.withdraw_links(resident) for hook in app_modules() if hasattr(hook, "withdraw_links")]
    purposes = _purposes_for_you()
    items = []
    for consent in ConsentRecord.objects.active().filter(resident=resident).select_related("recipient"):
        if consent.recipient_kind == RecipientKind.PUBLIC or consent.recipient is None:
            who = _("iedereen")
        else:
            who = consent.recipient.name
        url, link_text = _withdraw_link(consent, links)
        items.append(
            {
                "what": consent.get_category_display(),
                "purpose": purposes.get(consent.purpose, consent.get_purpose_display()),
                "who": who,
                "since": when(consent.given_at),
                "until": when(consent.valid_until),
                "withdraw_url": url,
                "withdraw_text": link_text,
            }
        )
    return items


def looked(access_log: list[dict]) -> list[dict]:
    """The access summary (per day, role, organisation) in words and written-out dates."""
    rows = []
    for row in access_log:
        day = timezone.datetime.fromisoformat(row["day"]).date()
        who = role_label(row["role"])
        if row["organisation"]:
            who = _("%(role)s van %(organisation)s") % {"role": who, "organisation": row["organisation"]}
        rows.append({"day": date_format(day, "j F Y"), "who": who, "what": row["what"], "times": row["times"]})
    return rows


def period(days: int) -> str:
    """A number of days as people say it: "1 jaar", "3 maanden", "10 dagen"."""
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(n)d jaar", "%(n)d jaar", years) % {"n": years}
    if days % 30 == 0:
        months = days // 30
        return ngettext("%(n)d maand", "%(n)d maanden", months) % {"n": months}
    return ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days}


def kept(resident: Resident) -> list[str]:
    """What happens to the data and when, in sentences; with a date where we know one. Each app says it for its own
    records (``export.kept(resident)``)."""
    lines = []
    for hook in app_modules():
        if hasattr(hook, "kept"):
            lines += hook.kept(resident)
    return lines


def resident_summary(resident: Resident, data: dict) -> dict:
    """The four parts of the summary, for the page and the PDF."""
    return {
        "shared": shared(resident),
        "agreed": agreed(resident),
        "looked": looked(data["access_log"]),
        "kept": kept(resident),
    }
