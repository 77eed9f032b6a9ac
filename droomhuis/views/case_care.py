"""The signal, consent and referral parts of the broker's case page. Shown to the case's owner only."""

from wijk.choices import Purpose
from wijk.models import ConsentRecord

from .. import care
from ..care_forms import AcuteReferralForm, BrokerCloseForm, ReferralConsentForm, ReferralForm, SignalForm
from ..care_models import SignalKind
from ..care_permissions import is_case_owner, signals_visible_to
from ..consents import consent_text_for


def care_context(user, dream, forms) -> dict:
    if not is_case_owner(user, dream):
        return {"show_care": False}
    corporation = dream.neighbourhood.corporation
    signals = list(signals_visible_to(user, dream).select_related("recorded_by").order_by("-recorded_at"))
    context = {
        "show_care": True,
        "signals": signals,
        "has_acute_signal": any(s.kind == SignalKind.ACUTE_DANGER for s in signals),
        "referrals": list(dream.referrals.select_related("partner").order_by("-created_at")),
        "referral_consents": list(
            ConsentRecord.objects.filter(resident=dream.resident_id, purpose=Purpose.REFERRAL)
            .active()
            .select_related("recipient", "explanation", "recorded_by")
        ),
        "referral_text": consent_text_for(care.CONSENT_REFERRAL_KEY),
        "signal_form": SignalForm(),
        "consent_form": ReferralConsentForm(corporation=corporation),
        "referral_form": ReferralForm(corporation=corporation),
        "acute_form": AcuteReferralForm(corporation=corporation),
        "close_form": BrokerCloseForm(),
    }
    context.update({name: form for name, form in forms.items() if name in context})
    return context
