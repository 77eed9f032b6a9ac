"""What needs a staff member now, per role, as counts with a link to the list where they do the work.

Every count goes through the apps' own access helpers, read through their selectors (the moderators' work through
``parelketting.selectors``, which uses ``moderated_pearls`` and ``reports_for_user``; the Droomhuis's through
``droomhuis.selectors``, which uses ``dreams_for_broker``, ``reviews_for`` ...), so a moderator of one
corporation never counts the other's items.
All counts come in one query, whatever the data size and however many roles the person has: each count is a
scalar subquery (``COUNT`` over the access helper's queryset), read together on the person's own user row.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import F, Func, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from droomhuis.selectors import is_broker, waiting_work, wall_waiting
from parelketting.selectors import is_moderator, moderation_waiting
from wijk.models import NoticeKind
from wijk.notices import unread_notices
from wijk.permissions import (
    callbacks_for_user,
    has_workplace,
    letters_for_user,
    may_handle_callbacks,
    may_print_letters,
)

BADGE_SECONDS = 60  # the menu's count may be this old; the Werkplek page itself always counts afresh


@dataclass
class Item:
    key: str
    count: int
    text: str
    url: str
    urgent: bool = False  # acute and late work comes first and stands out


def _moderation(user) -> dict:
    return {**moderation_waiting(user), "wall": wall_waiting(user)}


class _CountRows(Func):
    """``COUNT(DISTINCT pk)`` of a queryset, as the one column of a subquery (no GROUP BY: one row)."""

    function = "COUNT"
    template = "%(function)s(DISTINCT %(expressions)s)"


def _count_together(user, querysets: dict) -> dict[str, int]:
    """Every queryset's number of rows, in one query: a scalar subquery each, on the user's own row."""
    if not querysets:
        return {}
    # The aliases get a prefix: a bare key ("pairings") could be the name of one of the user's relations.
    counted = {f"n_{key}": Subquery(qs.order_by().values(n=_CountRows(F("pk")))) for key, qs in querysets.items()}
    row = get_user_model().objects.filter(pk=user.pk).values(**counted).get()
    return {key: row[f"n_{key}"] for key in querysets}


def counts_for(user) -> dict[str, int]:
    """Every count that applies to ``user``, by key; a key is absent when the user's roles do not cover it."""
    today = timezone.localdate()
    querysets: dict = {}
    if is_moderator(user):
        querysets.update(_moderation(user))
    querysets.update(waiting_work(user, today))  # the brokers', team leads', partners' and experts' work
    if may_handle_callbacks(user):
        # Calls planned for a later day are not work for today; today's and late ones are.
        querysets["callbacks"] = callbacks_for_user(user).waiting().filter(call_on__lte=today)
    if may_print_letters(user):
        querysets["letters"] = letters_for_user(user).queued()
    if querysets:
        # Notices go to people with work here (moderators, brokers, team leads, partners, experts, callers);
        # someone with only the atelier gets none, and their pages spend no query on counting them.
        querysets["unread"] = unread_notices(user)
    if is_broker(user):
        # A signal is new until its owner reads its notice: marked read, or its link opened from the Werkplek.
        querysets["signals_new"] = unread_notices(user).filter(kind=NoticeKind.SIGNAL)
    counts = _count_together(user, querysets)
    cache.set(_badge_key(user), badge_for(counts), BADGE_SECONDS)
    return counts


def badge_total(counts: dict[str, int]) -> int:
    return sum(counts.get(key, 0) for key in BADGE_KEYS)


def badge_for(counts: dict[str, int]) -> dict[str, int]:
    """What the staff menu shows: the work that waits (``BADGE_KEYS``) and the unread notices."""
    return {"work": badge_total(counts), "unread": counts.get("unread", 0)}


# What counts in the menu's badge: work that waits for someone, not the list of one's own cases.
BADGE_KEYS = (
    *("pearls", "reports", "activities", "wall", "dreams_new", "dreams_overdue", "reviews"),
    *("to_acknowledge", "callbacks", "letters"),
)


def _admin(name, query=""):
    return reverse(f"admin:{name}") + query


# Per key: its text (with the count in it), where the work is done, and whether a non-zero count is urgent.
TEXTS = {
    "pearls": ngettext_lazy("%(count)s parel wacht op controle", "%(count)s parels wachten op controle", "count"),
    "reports": ngettext_lazy("%(count)s melding over een parel", "%(count)s meldingen over parels", "count"),
    "activities": ngettext_lazy(
        "%(count)s voorgestelde activiteit wacht", "%(count)s voorgestelde activiteiten wachten", "count"
    ),
    "wall": ngettext_lazy(
        "%(count)s verhaal voor de dromenmuur wacht", "%(count)s verhalen voor de dromenmuur wachten", "count"
    ),
    "reviews": ngettext_lazy(
        "%(count)s acute verwijzing wacht op een tweede makelaar",
        "%(count)s acute verwijzingen wachten op een tweede makelaar",
        "count",
    ),
    "dreams_new": ngettext_lazy(
        "%(count)s nieuwe droom is nog niet opgepakt", "%(count)s nieuwe dromen zijn nog niet opgepakt", "count"
    ),
    "dreams_overdue": ngettext_lazy(
        "%(count)s van mijn dromen is te laat", "%(count)s van mijn dromen zijn te laat", "count"
    ),
    "dreams_mine": ngettext_lazy("%(count)s open droom is van mij", "%(count)s open dromen zijn van mij", "count"),
    "signals_new": ngettext_lazy(
        "%(count)s nieuw signaal op mijn dromen", "%(count)s nieuwe signalen op mijn dromen", "count"
    ),
    "team_open": ngettext_lazy(
        "%(count)s open droom in uw team: overdragen als iemand afwezig is",
        "%(count)s open dromen in uw team: overdragen als iemand afwezig is",
        "count",
    ),
    "to_acknowledge": ngettext_lazy(
        "%(count)s aanmelding wacht op uw bevestiging", "%(count)s aanmeldingen wachten op uw bevestiging", "count"
    ),
    "pairings": ngettext_lazy("%(count)s koppeling loopt", "%(count)s koppelingen lopen", "count"),
    "callbacks": ngettext_lazy(
        "%(count)s bewoner wacht vandaag op een telefoontje",
        "%(count)s bewoners wachten vandaag op een telefoontje",
        "count",
    ),
    "letters": ngettext_lazy(
        "%(count)s brief is klaar om te printen", "%(count)s brieven zijn klaar om te printen", "count"
    ),
}
URGENT = {"reviews", "dreams_overdue", "signals_new"}
GROUPS = [
    (_("Controleren"), ["pearls", "reports", "activities", "wall"]),
    (_("Dromen"), ["reviews", "signals_new", "dreams_overdue", "dreams_new", "dreams_mine"]),
    (_("Team"), ["team_open"]),
    (_("Aanmeldingen en koppelingen"), ["to_acknowledge", "pairings"]),
    (_("Bellen en brieven"), ["callbacks", "letters"]),
]


def _urls() -> dict[str, str]:
    queue = reverse("droomhuis:queue")
    return {
        "pearls": moderation_url(),
        "reports": reverse("werkplek:reports"),
        "activities": reverse("werkplek:activities"),
        "wall": _admin("droomhuis_dream_changelist", "?muur=proposed"),
        "reviews": reverse("droomhuis:referrals"),
        "dreams_overdue": f"{queue}?view=overdue",
        "dreams_new": f"{queue}?view=new",
        "dreams_mine": f"{queue}?view=mine",
        "signals_new": reverse("werkplek:notices") + "?soort=signal",
        "team_open": reverse("droomhuis:team"),
        "to_acknowledge": reverse("droomhuis:partner_list"),
        "pairings": reverse("droomhuis:expert_list"),
        "callbacks": reverse("wijk:callbacks"),
        "letters": reverse("wijk:letters"),
    }


def items_for(counts: dict[str, int]) -> list[dict]:
    """Groups of items ("Controleren", "Dromen", ...) for the keys in ``counts``, in the page's order."""
    urls = _urls()
    groups = []
    for title, keys in GROUPS:
        items = [
            Item(key, counts[key], TEXTS[key] % {"count": counts[key]}, urls[key], key in URGENT and counts[key] > 0)
            for key in keys
            if key in counts
        ]
        if items:
            groups.append({"title": title, "items": items})
    return groups


def moderation_url() -> str:
    """Where pearls waiting for a check are handled: the moderation inbox, one pearl at a time."""
    return reverse("werkplek:pearls")


def _badge_key(user) -> str:
    return f"werkplek:badge:{user.pk}"


def badge_count(user) -> dict[str, int]:
    """The menu's counts (``badge_for``): from the cache when fresh (at most ``BADGE_SECONDS`` old), else counted
    now."""
    if not has_workplace(user):
        return {"work": 0, "unread": 0}
    cached = cache.get(_badge_key(user))
    if not isinstance(cached, dict):  # missing (or a count cached before the unread notices joined it)
        cached = badge_for(counts_for(user))
    return cached


def badge_forget(user) -> None:
    """The person read a notice: count again on the next page, so the menu does not show it as unread."""
    cache.delete(_badge_key(user))
