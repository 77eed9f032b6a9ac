"""The signal, consent and referral parts of the broker's case page. Shown to the case's owner only."""

from wijk.choices import Purpose
from wijk.models import ConsentRecord

from .. import care
from ..care_forms import (
    AcuteReferralForm,
    BrokerCloseForm,
    ConfidentialityForm,
    PairingConsentForm,
    PairingForm,
    ReferralConsentForm,
    ReferralForm,
    SignalForm,
)
from ..care_models import ConfidentialityStatement, SignalKind
from ..care_permissions import is_case_owner, signals_visible_to
from ..consents import consent_text_for


def care_context(user, dream, forms) -> dict:
    if not is_case_owner(user, dream):
        return {"show_care": False}
    corporation = dream.neighbourhood.corporation
    referral_consents_all = list(
        ConsentRecord.objects.filter(resident=dream.resident_id, purpose__in=[Purpose.REFERRAL, Purpose.PAIRING])
        .active()
        .select_related("recipient", "explanation", "recorded_by")
    )
    signals = list(signals_visible_to(user, dream).select_related("recorded_by").order_by("-recorded_at"))
    context = {
        "show_care": True,
        "signals": signals,
        "has_acute_signal": any(s.kind == SignalKind.ACUTE_DANGER for s in signals),
        "referrals": list(dream.referrals.select_related("partner").order_by("-created_at")),
        "referral_consents": [c for c in referral_consents_all if c.purpose == Purpose.REFERRAL],
        "referral_text": consent_text_for(care.CONSENT_REFERRAL_KEY),
        "signal_form": SignalForm(),
        "consent_form": ReferralConsentForm(corporation=corporation),
        "referral_form": ReferralForm(corporation=corporation),
        "acute_form": AcuteReferralForm(corporation=corporation),
        "close_form": BrokerCloseForm(),
        "pairings": list(dream.pairings.select_related("expert").prefetch_related("notes").order_by("-started_at")),
        "pairing_consents": [c for c in referral_consents_all if c.purpose == Purpose.PAIRING],
        "pairing_text": consent_text_for(care.CONSENT_PAIRING_KEY),
        "signed_experts": list(
            ConfidentialityStatement.objects.filter(organisation=corporation)
            .select_related("expert")
            .order_by("-signed_on")
        ),
        "pairing_form": PairingForm(corporation=corporation),
        "pairing_consent_form": PairingConsentForm(),
        "secrecy_form": ConfidentialityForm(corporation=corporation),
    }
    context.update({name: form for name, form in forms.items() if name in context})
    return context
