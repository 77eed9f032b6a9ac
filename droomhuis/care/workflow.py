"""A referral's lifecycle, written down as data. ``care.referrals.referral_transition`` is the only writer.

proposed → sent → acknowledged → contact made → closed (with an outcome). Any open referral ends as
"consent withdrawn" when the resident takes their consent back; only the system makes that step.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    SENT = "sent", _("Verstuurd")
    ACKNOWLEDGED = "acknowledged", _("Ontvangen door de partner")
    CONTACT_MADE = "contact_made", _("Contact gehad")
    CLOSED = "closed", _("Afgesloten")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Toestemming ingetrokken")


class ReferralOutcome(models.TextChoices):
    HELPED = "helped", _("Geholpen")
    DECLINED = "declined", _("Bewoner wilde niet")
    NO_CONTACT = "no_contact", _("Geen contact gekregen")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


R = ReferralStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    R.PROPOSED: frozenset({R.SENT, R.CLOSED, R.CONSENT_WITHDRAWN}),
    R.SENT: frozenset({R.ACKNOWLEDGED, R.CLOSED, R.CONSENT_WITHDRAWN}),
    R.ACKNOWLEDGED: frozenset({R.CONTACT_MADE, R.CLOSED, R.CONSENT_WITHDRAWN}),
    R.CONTACT_MADE: frozenset({R.CLOSED, R.CONSENT_WITHDRAWN}),
    R.CLOSED: frozenset(),
    R.CONSENT_WITHDRAWN: frozenset(),
}
OPEN = frozenset({R.PROPOSED, R.SENT, R.ACKNOWLEDGED, R.CONTACT_MADE})
# Steps a partner contact may take; the broker sends and may close. Consent withdrawal is the system's.
PARTNER_STEPS = frozenset({R.ACKNOWLEDGED, R.CONTACT_MADE, R.CLOSED})
BROKER_STEPS = frozenset({R.SENT, R.CLOSED})
SYSTEM_STEPS = frozenset({R.CONSENT_WITHDRAWN})


def is_allowed(source: str, target: str) -> bool:
    return target in TRANSITIONS.get(source, frozenset())


def partner_targets(status: str) -> list[str]:
    return [s for s in ReferralStatus.values if s in TRANSITIONS.get(status, ()) and s in PARTNER_STEPS]
