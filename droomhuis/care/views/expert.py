"""The expert by experience's pages: only cases they are actively paired with.

They see the dream and how the resident wants contact; signals only of the kinds the resident's pairing
consent covers. Their notes go to the case's broker only. Every view and note writes one log row.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijk.choices import RoleKind
from wijk.models import AccessAction

from ...audit import case_log
from ...decorators import expert_required
from ..forms import ExpertNoteForm, SignalForm
from ..pairings import expert_note_add
from ..permissions import pairings_for_expert, signals_visible_to
from ..signals import signal_record


def _pairing(request, uid):
    pairing = (
        pairings_for_expert(request.user)
        .select_related("dream__resident", "dream__neighbourhood__corporation")
        .filter(uid=uid)
        .first()
    )
    if pairing is None:
        raise Http404("No such pairing.")
    return pairing


@expert_required
def expert_list(request):
    pairings = pairings_for_expert(request.user).select_related("dream__neighbourhood").order_by("expires_at")
    return render(request, "droomhuis/expert/list.html", {"pairings": pairings})


def _render_case(request, pairing, *, form, signal_form, status=200):
    dream = pairing.dream
    signals = list(signals_visible_to(request.user, dream).order_by("-recorded_at"))
    if request.method == "GET":
        detail = f"gekoppelde droom; {len(signals)} signalen"
        case_log(request.user, dream, dream, detail, action=AccessAction.VIEW, role=RoleKind.EXPERT)
    return render(
        request,
        "droomhuis/expert/case.html",
        {
            "pairing": pairing,
            "dream": dream,
            "resident": dream.resident,
            "signals": signals,
            "form": form,
            "signal_form": signal_form,
        },
        status=status,
    )


@expert_required
@require_http_methods(["GET", "POST"])
def expert_case(request, uid):
    pairing = _pairing(request, uid)
    form = ExpertNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            expert_note_add(pairing=pairing, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw notitie staat klaar voor de droommakelaar."))
            return redirect("droomhuis:expert_case", uid=pairing.uid)
    status = 400 if request.method == "POST" else 200
    return _render_case(request, pairing, form=form, signal_form=SignalForm(), status=status)


@expert_required
@require_POST
def expert_signal(request, uid):
    """A refused signal shows the page again with its error summary and what was typed (not a redirect that loses
    the description)."""
    pairing = _pairing(request, uid)
    form = SignalForm(request.POST)
    if form.is_valid():
        try:
            signal_record(dream=pairing.dream, actor=request.user, role=RoleKind.EXPERT, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het signaal is doorgegeven aan de droommakelaar."))
            return redirect("droomhuis:expert_case", uid=pairing.uid)
    return _render_case(request, pairing, form=ExpertNoteForm(), signal_form=form, status=400)
