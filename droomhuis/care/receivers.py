"""Care's answer to a withdrawn consent (``wijk.signals.consent_withdrawn``, connected in ``droomhuis.apps``)."""

from wijk.choices import Purpose

from .pairings import pairings_end_for
from .referrals import referrals_stop_for


def on_consent_withdrawn(sender, consent, withdrawal, **kwargs):
    """A withdrawn pairing consent ends the pairings that rest on it; a withdrawn referral consent stops the
    open referrals that rest on it and tells the partner."""
    if consent.purpose == Purpose.PAIRING:
        pairings_end_for(consent=consent, withdrawal=withdrawal)
    elif consent.purpose == Purpose.REFERRAL:
        referrals_stop_for(consent=consent, withdrawal=withdrawal)
