"""The signal, consent and referral parts of the broker's case page. Shown to the case's owner only."""

from wijk.choices import Purpose
from wijk.lists import Part, set_prefetched
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
    experts_of,
    partners_of,
)
from ..care_models import ConfidentialityStatement, ExpertNote, Signal, SignalKind
from ..consents import consent_text_for
from .case_data import use_choices

PEOPLE = ["id", "name", "email"]


def care_parts(dream) -> dict[str, Part]:
    """The case owner's care lists, read together with the case history (see ``case_data.fetch_lists``)."""
    return {
        # The owner sees every signal of the case (``care_permissions.signals_visible_to``).
        "signals": Part(Signal.objects.filter(dream=dream), related={"recorded_by": PEOPLE}),
        "referrals": Part(dream.referrals.all(), related={"partner": ["id", "name"]}),
        "pairings": Part(dream.pairings.all(), related={"expert": PEOPLE}),
        "pairing_notes": Part(ExpertNote.objects.filter(pairing__dream=dream)),
        "care_consents": Part(
            ConsentRecord.objects.filter(
                resident=dream.resident_id, purpose__in=[Purpose.REFERRAL, Purpose.PAIRING]
            ).active(),
            related={"recipient": ["id", "name"], "explanation": ["id", "version"]},
            ordering=["given_at"],
        ),
    }


def _attach_notes(pairings, notes) -> None:
    """Give each pairing its notes as if prefetched, so ``pairing.notes.all`` in the template runs no query."""
    by_pairing = {}
    for note in notes:
        by_pairing.setdefault(note.pairing_id, []).append(note)
    for pairing in pairings:
        set_prefetched(pairing, "notes", ExpertNote.objects.filter(pairing=pairing), by_pairing.get(pairing.pk, []))


def care_shared(corporation) -> dict:
    """What every case of this corporation shows the same, for ``case_data.cached_many``."""
    return {
        f"partners-of:{corporation.pk}": lambda: list(partners_of(corporation)),
        f"experts-of:{corporation.pk}": lambda: list(experts_of(corporation).only("id", "name", "email")),
        "text-referral": lambda: consent_text_for(care.CONSENT_REFERRAL_KEY),
        "text-pairing": lambda: consent_text_for(care.CONSENT_PAIRING_KEY),
        f"statements:{corporation.pk}": lambda: list(
            ConfidentialityStatement.objects.filter(organisation=corporation)
            .select_related("expert")
            .only("id", "expert_id", "organisation_id", "signed_on", "version", "expert__name", "expert__email")
            .order_by("-signed_on")
        ),
    }


def care_context(dream, forms, *, is_owner: bool, lists: dict, shared: dict) -> dict:
    """``is_owner``: the user owns the case and may handle it; ``lists`` holds what ``care_parts`` read and
    ``shared`` what ``care_shared`` named."""
    if not is_owner:
        return {"show_care": False}
    corporation = dream.neighbourhood.corporation
    referral_consents_all = lists["care_consents"]
    signals = lists["signals"]
    pairings = lists["pairings"]
    _attach_notes(pairings, lists["pairing_notes"])
    context = {
        "show_care": True,
        "signals": signals,
        "has_acute_signal": any(s.kind == SignalKind.ACUTE_DANGER for s in signals),
        "referrals": lists["referrals"],
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
