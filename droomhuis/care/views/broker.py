"""Signals, consent recorded by the broker, referrals and reviews on the broker's side.

The forms on the case page go through ``broker_actions.case_action``; each action's service writes exactly one
access-log row. Signals are for the case's owner only: other brokers, moderators, partners, collection staff
and superusers get a 404 (not-yours looks like missing).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijk.models import AccessAction

from ...audit import case_log
from ...decorators import broker_required
from ...views.broker_actions import case_action
from .. import confidentiality as confidentiality_services
from .. import pairings as pairing_services
from .. import referrals as referral_services
from .. import signals as signal_services
from ..forms import (
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
from ..models import Pairing, Referral
from ..permissions import (
    get_case_for_signal,
    get_owned_case,
    get_referral_for_broker,
    get_signal_for_user,
    is_case_owner,
    reviews_for,
)
from ..workflow import ReferralStatus


def _corporation(dream) -> dict:
    return {"corporation": dream.neighbourhood.corporation}


@case_action("signal_form", SignalForm, get_case=get_case_for_signal)
def signal_add(request, dream, data):
    signal_services.signal_record(dream=dream, actor=request.user, **data)
    return _("Het signaal is vastgelegd.")


@broker_required
@require_POST
def signal_close(request, uid):
    signal = get_signal_for_user(request.user, uid)
    dream = signal.dream
    signal_services.signal_close(signal=signal, actor=request.user)
    messages.success(request, _("Het signaal is afgesloten."))
    return redirect("droomhuis:case", reference=dream.reference)


@case_action("consent_form", ReferralConsentForm, _corporation, get_case=get_owned_case)
def consent_record(request, dream, data):
    """The resident said yes by phone, on paper or in person: record it in the ledger."""
    referral_services.referral_consent_record(dream=dream, actor=request.user, **data)
    return _("De toestemming is vastgelegd.")


@case_action("referral_form", ReferralForm, _corporation, get_case=get_owned_case)
def referral_add(request, dream, data):
    referral_services.referral_create(dream=dream, actor=request.user, **data)
    return _("De aanmelding is verstuurd.")


@case_action("acute_form", AcuteReferralForm, _corporation, get_case=get_owned_case)
def referral_acute(request, dream, data):
    referral_services.referral_create_acute(dream=dream, actor=request.user, **data)
    return _("Doorgegeven. Een andere droommakelaar beoordeelt dit binnen één werkdag.")


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
            referral_services.referral_transition(
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
            referral_services.referral_review(referral=referral, reviewer=request.user, note=form.cleaned_data["note"])
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


@case_action("pairing_consent_form", PairingConsentForm, get_case=get_owned_case)
def pairing_consent(request, dream, data):
    pairing_services.pairing_consent_record(dream=dream, actor=request.user, **data)
    return _("De toestemming is vastgelegd.")


@case_action("secrecy_form", ConfidentialityForm, _corporation, get_case=get_owned_case)
def confidentiality(request, dream, data):
    confidentiality_services.confidentiality_record(
        expert=data["expert"],
        organisation=dream.neighbourhood.corporation,
        signed_on=data["signed_on"],
        recorded_by=request.user,
    )
    return _("De geheimhoudingsverklaring is vastgelegd.")


@case_action("pairing_form", PairingForm, _corporation, get_case=get_owned_case)
def pairing_add(request, dream, data):
    pairing_services.pairing_create(dream=dream, expert=data["expert"], actor=request.user)
    return _("De ervaringsdeskundige is gekoppeld.")


@broker_required
@require_POST
def pairing_renew(request, uid):
    pairing = Pairing.objects.select_related("dream__neighbourhood__corporation", "consent").filter(uid=uid).first()
    if pairing is None or not is_case_owner(request.user, pairing.dream):
        raise Http404("No such pairing.")
    dream = pairing.dream
    try:
        pairing_services.pairing_renew(pairing=pairing, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De koppeling is verlengd."))
    return redirect("droomhuis:case", reference=dream.reference)
