"""Whom a resident can reach: an organisation's phone, opening hours, addresses and walk-in places.

Every page, paper form, poster, letter and e-mail that tells a resident to call, come by or hand something in
shows these details through one partial (``wijk/_contact.html``; ``wijk/_contact.txt`` in e-mails and
letters), filled by the ``contact_details`` / ``contact_text`` tags in ``wijk.templatetags.contact``.
``contacts_for`` picks the corporation of the page's neighbourhood, or, when no neighbourhood is known, every
corporation. The details are kept in the shared cache with the site's version (a change in the admin shows at
once) and the last known list is kept apart, so the error pages can still show a number without the database
(``contacts_without_database``); ``settings.WIJKPORTAAL_CONTACT_FALLBACK`` is the last resort.
"""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .public_cache import SITE, versioned_key

logger = logging.getLogger(__name__)

LAST_KNOWN_KEY = "wijk:contacts:last-known"
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class WalkIn:
    name: str
    address: str
    opening_hours: str


@dataclass(frozen=True)
class Contact:
    """What a resident needs to reach one organisation: plain values, so it can be cached and used without the database."""

    name: str
    phone: str = ""
    opening_hours: str = ""
    visiting_address: str = ""
    paper_address: str = ""
    walk_ins: tuple[WalkIn, ...] = ()
    serves: str = ""  # the neighbourhoods, when every corporation is listed: "Zuidwijk (Oud-Beijerland)"

    @property
    def tel(self) -> str:
        return tel_href(self.phone)


def tel_href(phone: str) -> str:
    """A ``tel:`` link in international form: ``0186 123 456`` becomes ``tel:+31186123456``."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    if not digits:
        return ""
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+31" + digits[1:]
    return f"tel:{digits}"


def _pk(value) -> int | None:
    return getattr(value, "pk", value) or None


def contacts_for(neighbourhood=None, organisation=None) -> list[Contact]:
    """The organisations to show: ``organisation`` if given, else the neighbourhood's corporation, else all corporations.

    Walk-in places are those in the neighbourhood when one is known, else all of the organisation's places.
    ``neighbourhood`` and ``organisation`` may be model instances or primary keys.
    """
    hood_id, org_id = _pk(neighbourhood), _pk(organisation)
    key = versioned_key(f"wijk:contacts:{org_id or 0}:{hood_id or 0}", SITE)
    contacts = cache.get(key)
    if contacts is None:
        contacts = _read(hood_id, org_id)
        cache.set(key, contacts, CACHE_SECONDS)
        if not org_id and not hood_id:
            cache.set(LAST_KNOWN_KEY, contacts, None)
    return contacts


def _read(hood_id, org_id) -> list[Contact]:
    from django.db.models import Prefetch

    from .models import Neighbourhood, Organisation, WalkInPlace

    places = WalkInPlace.objects.all()
    if hood_id:
        places = places.filter(neighbourhood_id=hood_id)
    organisations = Organisation.objects.prefetch_related(Prefetch("walk_in_places", queryset=places))
    if org_id:
        organisations = organisations.filter(pk=org_id)
    elif hood_id:
        organisations = organisations.filter(pk__in=Neighbourhood.objects.filter(pk=hood_id).values("corporation_id"))
    else:
        organisations = organisations.corporations().prefetch_related("owned_neighbourhoods")
    listed_all = not org_id and not hood_id
    return [
        Contact(
            name=org.name,
            phone=org.phone,
            opening_hours=org.opening_hours,
            visiting_address=org.visiting_address,
            paper_address=org.paper_address,
            walk_ins=tuple(WalkIn(p.name, p.address, p.opening_hours) for p in org.walk_in_places.all()),
            serves=", ".join(str(n) for n in org.owned_neighbourhoods.all()) if listed_all else "",
        )
        for org in organisations
    ]


def contacts_from_settings() -> list[Contact]:
    """The contact details written in the settings, for when neither the database nor the cache answers."""
    return [
        Contact(
            name=entry["name"],
            phone=entry.get("phone", ""),
            opening_hours=entry.get("opening_hours", ""),
            visiting_address=entry.get("visiting_address", ""),
            paper_address=entry.get("paper_address", entry.get("visiting_address", "")),
        )
        for entry in settings.WIJKPORTAAL_CONTACT_FALLBACK
    ]


def contacts_without_database() -> list[Contact]:
    """Every corporation's details for a page that must render while the database is gone (503).

    The last list read from the database, kept in the cache; else the settings. Never raises.
    """
    try:
        known = cache.get(LAST_KNOWN_KEY)
    except Exception:  # noqa: BLE001 - an error page must render whatever the cache does
        known = None
    return known or contacts_from_settings()


def contacts_for_error_page() -> list[Contact]:
    """Every corporation's details for the 500 page: from the database if it answers, else as for a 503. Never raises."""
    try:
        return contacts_for() or contacts_without_database()
    except Exception:  # noqa: BLE001 - the page that reports an error must not fail itself
        logger.warning("Contact details for the error page came from the fallback", exc_info=True)
        return contacts_without_database()
