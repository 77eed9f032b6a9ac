"""What "download my data" (``wijk.export``) does with the Droomhuis's records under a resident's records.

Found by ``wijk.export`` through the app registry. Every model that points to a resident is exported by itself;
these are the decisions for the records under those (a test fails for a link without one). The summary
("Mijn gegevens", ``wijk.export_summary``) asks it where a "yes" for a dream is taken back and how long
dreams and referrals are kept.
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from wijk.choices import Purpose
from wijk.export_summary import period, when

from .models import Dream

# Records under a resident's own records that are about the resident too: "app.Model": [related names].
CHILDREN = {
    "droomhuis.Dream": ["events", "contact_attempts", "notes", "updates", "signals", "pairings", "matches"],
    "droomhuis.Referral": ["events"],
}

# Models that point to a resident's records but hold nothing about the resident, and why.
NOT_ABOUT_THE_RESIDENT = {
    "droomhuis.Referral.consents": "the consents behind a referral; listed with the consents",
    "droomhuis.Referral.dream": "a referral points to the resident itself and has its own section",
    "droomhuis.Pairing.consent": "the pairing is listed with the dream; this is the consent it rests on",
    "droomhuis.Match.pearl": "a match of someone else's dream with this pearl; it is about that dream, listed there",
    "droomhuis.Match.referral": "the referral a match went through; listed with the match and the referral",
}

# The consents given for a dream, taken back on the dream's own page.
DREAM_PURPOSES = {Purpose.CONTACT, Purpose.DREAM_WALL, Purpose.REFERRAL, Purpose.PAIRING}


def _latest_dream(resident):
    return Dream._default_manager.filter(resident=resident).order_by("-created_at").first()


def withdraw_links(resident):
    """Where the resident takes back a "yes" given for their dream: on the page of their latest dream."""
    dream = _latest_dream(resident)

    def link(consent):
        if consent.purpose in DREAM_PURPOSES and dream is not None:
            return reverse("droomhuis:follow", args=[dream.reference]), _("Intrekken op de pagina van uw droom")
        return None

    return link


def kept(resident) -> list[str]:
    """How long the Droomhuis keeps a resident's dream and referrals, in sentences (nothing without a dream)."""
    dream = _latest_dream(resident)
    if dream is None:
        return []
    lines = []
    anonymise = int(getattr(settings, "DROOMHUIS_DREAM_ANONYMISE_DAYS", 365))
    if dream.closed_at:
        lines.append(
            _("Uw droom is afgesloten. Op %(date)s halen wij uw naam en gegevens eruit.")
            % {"date": when(dream.closed_at + timedelta(days=anonymise))}
        )
    else:
        lines.append(
            _("Als uw droom klaar is, halen wij na %(period)s uw naam en gegevens eruit.")
            % {"period": period(anonymise)}
        )
    lines.append(
        _("Brachten wij u in contact met een andere organisatie? Dan gooien wij dat %(period)s na het einde weg.")
        % {"period": period(int(getattr(settings, "DROOMHUIS_REFERRAL_RETENTION_DAYS", 730)))}
    )
    return lines
