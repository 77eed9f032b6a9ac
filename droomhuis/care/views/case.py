"""The signal, consent and referral parts of the broker's case page. Shown to the case's owner only."""

from django.db.models import Prefetch

from wijk.choices import Purpose
from wijk.models import ConsentRecord

from ...consents import consent_text_for
from ...views.case_data import use_choices
from ..forms import (
    AcuteReferralForm,
    BrokerCloseForm,
    ConfidentialityForm,
    PairingConsentForm,
    PairingForm,
    ReferralConsentForm,
    ReferralForm,
    SignalForm,
    experts_of,
    partners_of,
)
from ..models import ConfidentialityStatement, Pairing, Referral, ReferralEvent, Signal, SignalKind
from ..pairings import CONSENT_PAIRING_KEY
from ..referrals import CONSENT_REFERRAL_KEY
from ..workflow import PARTNER_STEPS


def care_prefetches() -> list[Prefetch]:
    """The case owner's care lists, for ``prefetch_related_objects`` on the dream (one query each)."""
    return [
        # The owner sees every signal of the case (``care.permissions.signals_visible_to``).
        Prefetch("signals", Signal.objects.select_related("recorded_by"), to_attr="signal_list"),
        Prefetch(
            "referrals",
            Referral.objects.select_related("partner").prefetch_related(
                # Received, contact, closed, with the note: on the case's history (``case_data.timeline``).
                Prefetch(
                    "events",
                    ReferralEvent.objects.filter(to_status__in=PARTNER_STEPS).select_related("actor"),
                    to_attr="partner_steps",
                )
            ),
            to_attr="referral_list",
        ),
        Prefetch(
            "pairings", Pairing.objects.select_related("expert").prefetch_related("notes"), to_attr="pairing_list"
        ),
    ]


def _care_consents(dream) -> list[ConsentRecord]:
    """The resident's active consents for referrals and pairings, oldest first."""
    return list(
        ConsentRecord.objects.filter(resident=dream.resident_id, purpose__in=[Purpose.REFERRAL, Purpose.PAIRING])
        .active()
        .select_related("recipient", "explanation")
        .order_by("given_at")
    )


def care_shared(corporation) -> dict:
    """What every case of this corporation shows the same, for ``case_data.cached_many``."""
    return {
        f"partners-of:{corporation.pk}": lambda: list(partners_of(corporation)),
        f"experts-of:{corporation.pk}": lambda: list(experts_of(corporation).only("id", "name", "email")),
        "text-referral": lambda: consent_text_for(CONSENT_REFERRAL_KEY),
        "text-pairing": lambda: consent_text_for(CONSENT_PAIRING_KEY),
        f"statements:{corporation.pk}": lambda: list(
            ConfidentialityStatement.objects.filter(organisation=corporation)
            .select_related("expert")
            .only("id", "expert_id", "organisation_id", "signed_on", "version", "expert__name", "expert__email")
            .order_by("-signed_on")
        ),
    }


def care_context(dream, forms, *, is_owner: bool, shared: dict) -> dict:
    """``is_owner``: the user owns the case and may handle it; the dream carries what ``care_prefetches`` read
    and ``shared`` holds what ``care_shared`` named."""
    if not is_owner:
        return {"show_care": False}
    corporation = dream.neighbourhood.corporation
    referral_consents_all = _care_consents(dream)
    signals = dream.signal_list
    pairings = dream.pairing_list
    context = {
        "show_care": True,
        "signals": signals,
        "has_acute_signal": any(s.kind == SignalKind.ACUTE_DANGER for s in signals),
        "referrals": dream.referral_list,
        "referral_consents": [c for c in referral_consents_all if c.purpose == Purpose.REFERRAL],
        "referral_text": shared["text-referral"],
        "signal_form": SignalForm(),
        "consent_form": ReferralConsentForm(corporation=corporation),
        "referral_form": ReferralForm(corporation=corporation),
        "acute_form": AcuteReferralForm(corporation=corporation),
        "close_form": BrokerCloseForm(),
        "pairings": pairings,
        "pairing_consents": [c for c in referral_consents_all if c.purpose == Purpose.PAIRING],
        "pairing_text": shared["text-pairing"],
        "signed_experts": shared[f"statements:{corporation.pk}"],
        "pairing_form": PairingForm(corporation=corporation),
        "pairing_consent_form": PairingConsentForm(),
        "secrecy_form": ConfidentialityForm(corporation=corporation),
    }
    for name in ("consent_form", "referral_form", "acute_form"):
        use_choices(context[name], "partner", shared[f"partners-of:{corporation.pk}"])
    for name in ("pairing_form", "secrecy_form"):
        use_choices(context[name], "expert", shared[f"experts-of:{corporation.pk}"])
    context.update({name: form for name, form in forms.items() if name in context})
    return context
