"""Signals, consent recorded by the broker, referrals and reviews on the broker's side.

Every action writes exactly one access-log row. Signals are for the case's owner only: other brokers,
moderators, partners, collection staff and superusers get a 404 (not-yours looks like missing).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijk.models import AccessAction

from .. import care
from ..audit import case_log
from ..care_forms import (
    AcuteReferralForm,
    BrokerCloseForm,
    ConfidentialityForm,
    PairingConsentForm,
    PairingForm,
    ReferralConsentForm,
    ReferralForm,
    ReviewForm,
    SignalForm,
)
from ..care_models import Pairing, Referral
from ..care_permissions import (
    can_record_signal,
    get_referral_for_broker,
    get_signal_for_user,
    is_case_owner,
    reviews_for,
)
from ..permissions import get_dream_for_broker
from ..referral_workflow import ReferralStatus
from .broker import _render_case, broker_required


def _owned_case(request, reference):
    """The case if the user owns it; other brokers of the corporation get 404 for signal and referral work."""
    dream = get_dream_for_broker(request.user, reference)
    if not is_case_owner(request.user, dream):
        raise Http404("Not your case.")
    return dream


def _after(request, dream, form_name, form, run, success):
    """Run ``run(data)`` for a valid form and redirect; otherwise show the case with the input kept."""
    if form.is_valid():
        try:
            result = run(form.cleaned_data)
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, success)
            return result
    return _render_case(request, dream, status=400, **{form_name: form})


@broker_required
@require_POST
def signal_add(request, reference):
    dream = get_dream_for_broker(request.user, reference)
    if not can_record_signal(request.user, dream):
        raise Http404("Not your case.")
    form = SignalForm(request.POST)

    def run(data):
        care.signal_record(dream=dream, actor=request.user, **data)
        return redirect("droomhuis:case", reference=dream.reference)

    return _after(request, dream, "signal_form", form, run, _("Het signaal is vastgelegd."))


@broker_required
@require_POST
def signal_close(request, uid):
    signal = get_signal_for_user(request.user, uid)
    dream = signal.dream
    care.signal_close(signal=signal, actor=request.user)
    messages.success(request, _("Het signaal is afgesloten."))
    return redirect("droomhuis:case", reference=dream.reference)


@broker_required
@require_POST
def consent_record(request, reference):
    """The resident said yes by phone, on paper or in person: record it in the ledger."""
    dream = _owned_case(request, reference)
    corporation = dream.neighbourhood.corporation
    form = ReferralConsentForm(request.POST, corporation=corporation)

    def run(data):
        care.referral_consent_record(dream=dream, actor=request.user, **data)
        return redirect("droomhuis:case", reference=dream.reference)

    return _after(request, dream, "consent_form", form, run, _("De toestemming is vastgelegd."))


@broker_required
@require_POST
def referral_add(request, reference):
    dream = _owned_case(request, reference)
    corporation = dream.neighbourhood.corporation
    form = ReferralForm(request.POST, corporation=corporation)

    def run(data):
        care.referral_create(dream=dream, actor=request.user, **data)
        return redirect("droomhuis:case", reference=dream.reference)

    return _after(request, dream, "referral_form", form, run, _("De aanmelding is verstuurd."))


@broker_required
@require_POST
def referral_acute(request, reference):
    dream = _owned_case(request, reference)
    corporation = dream.neighbourhood.corporation
    form = AcuteReferralForm(request.POST, corporation=corporation)

    def run(data):
        care.referral_create_acute(dream=dream, actor=request.user, **data)
        return redirect("droomhuis:case", reference=dream.reference)

    return _after(
        request,
        dream,
        "acute_form",
        form,
        run,
        _("Doorgegeven. Een andere droommakelaar beoordeelt dit binnen één werkdag."),
    )


@broker_required
@require_POST
def referral_close(request, uid):
    referral = get_referral_for_broker(request.user, uid)
    dream = referral.dream
    if not is_case_owner(request.user, dream):
        raise Http404("Not your case.")
    form = BrokerCloseForm(request.POST)
    if form.is_valid():
        try:
            care.referral_transition(
                referral=referral,
                to_status=ReferralStatus.CLOSED,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De aanmelding is afgesloten."))
    return redirect("droomhuis:case", reference=dream.reference)


@broker_required
def referrals(request):
    """Review tasks for acute referrals, and referrals a partner has not acknowledged in time."""
    today = timezone.localdate()
    tasks = list(reviews_for(request.user).order_by("review_due"))
    overdue = list(
        Referral.objects.unacknowledged_since(today)
        .filter(dream__owner=request.user)
        .for_list()
        .order_by("acknowledge_due")
    )
    return render(request, "droomhuis/broker/referrals.html", {"tasks": tasks, "overdue": overdue, "today": today})


@broker_required
def review(request, uid):
    """The second broker reads the justification and records their judgement."""
    referral = get_referral_for_broker(request.user, uid)
    if not reviews_for(request.user).filter(pk=referral.pk).exists():
        raise Http404("Nothing to review.")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            care.referral_review(referral=referral, reviewer=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw oordeel is opgeslagen."))
            return redirect("droomhuis:referrals")
    else:
        case_log(
            request.user, referral, referral.dream, "beoordeling", action=AccessAction.VIEW, resident=referral.resident
        )
    return render(request, "droomhuis/broker/review.html", {"referral": referral, "form": form})


# --- experts by experience (broker side) -------------------------------------------------------------


@broker_required
@require_POST
def pairing_consent(request, reference):
    dream = _owned_case(request, reference)
    form = PairingConsentForm(request.POST)

    def run(data):
        care.pairing_consent_record(dream=dream, actor=request.user, **data)
        return redirect("droomhuis:case", reference=dream.reference)

    return _after(request, dream, "pairing_consent_form", form, run, _("De toestemming is vastgelegd."))


@broker_required
@require_POST
def confidentiality(request, reference):
    dream = _owned_case(request, reference)
    corporation = dream.neighbourhood.corporation
    form = ConfidentialityForm(request.POST, corporation=corporation)

    def run(data):
        care.confidentiality_record(
            expert=data["expert"], organisation=corporation, signed_on=data["signed_on"], recorded_by=request.user
        )
        return redirect("droomhuis:case", reference=dream.reference)

    return _after(request, dream, "secrecy_form", form, run, _("De geheimhoudingsverklaring is vastgelegd."))


@broker_required
@require_POST
def pairing_add(request, reference):
    dream = _owned_case(request, reference)
    corporation = dream.neighbourhood.corporation
    form = PairingForm(request.POST, corporation=corporation)

    def run(data):
        care.pairing_create(dream=dream, expert=data["expert"], actor=request.user)
        return redirect("droomhuis:case", reference=dream.reference)

    return _after(request, dream, "pairing_form", form, run, _("De ervaringsdeskundige is gekoppeld."))


@broker_required
@require_POST
def pairing_renew(request, uid):
    pairing = Pairing.objects.select_related("dream__neighbourhood__corporation", "consent").filter(uid=uid).first()
    if pairing is None or not is_case_owner(request.user, pairing.dream):
        raise Http404("No such pairing.")
    dream = pairing.dream
    try:
        care.pairing_renew(pairing=pairing, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De koppeling is verlengd."))
    return redirect("droomhuis:case", reference=dream.reference)
