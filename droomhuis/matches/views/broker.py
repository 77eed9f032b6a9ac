"""Matches on the broker's case page: record one from the suggestions, reach it through its relay, close it.

For the case's owner only (other brokers see the list; their posts are a 404, as for referrals). The writes and
their access-log rows are in ``droomhuis.matches.services``; a form with an error shows the case again with the input kept.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...care.permissions import is_case_owner
from ...decorators import broker_required
from ...permissions import dreams_for_broker, get_dream_for_broker
from ...views.broker import render_case
from .. import matching
from .. import services as matches
from ..forms import MatchCloseForm, MatchContactForm, MatchForm
from ..models import Match, MatchKind
from .case import target_choices


def _case_url(dream) -> str:
    return reverse("droomhuis:case", kwargs={"reference": dream.reference})


def _owned(request, dream):
    if not is_case_owner(request.user, dream):
        raise Http404("Not your case.")
    return dream


def _target(dream, value: str):
    """The partner or pearl behind a choice, looked up within the dream's own wall (else ``None``)."""
    kind, _sep, key = value.partition(":")
    try:
        if kind == "partner":
            return {"partner": matching.partners_for(dream).filter(pk=int(key)).first()}
        if kind == "pearl":
            pearls = matching.pearls_for(dream)
            return {"pearl": pearls.filter(uid=key).first() if pearls is not None else None}
    except (ValueError, ValidationError):
        return None
    return None


@broker_required
@require_POST
def match_add(request, reference):
    dream = _owned(request, get_dream_for_broker(request.user, reference))
    partners = matching.partner_suggestions(dream)
    pearls = matching.pearl_suggestions(dream)
    form = MatchForm(request.POST, choices=target_choices(partners, pearls))
    if form.is_valid():
        target = _target(dream, form.cleaned_data["target"])
        try:
            if not target or not next(iter(target.values())):
                raise ValidationError(_("Kies uit de lijst."))
            match = matches.match_record(dream=dream, actor=request.user, note=form.cleaned_data["note"], **target)
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(
                request,
                _("De match met %(name)s is vastgelegd. Zoek nu contact.") % {"name": match.label},
            )
            return redirect(f"{_case_url(dream)}#match-{match.uid}")
    return render_case(request, dream, status=400, match_form=form)


def _owned_match(request, uid) -> Match:
    match = (
        Match.objects.filter(dream__in=dreams_for_broker(request.user), uid=uid)
        .select_related("dream__neighbourhood__corporation", "dream__resident", "dream__owner", "partner", "pearl")
        .first()
    )
    if match is None:
        raise Http404("No such match.")
    _owned(request, match.dream)
    return match


CONTACTED_TEXT = {
    MatchKind.PARTNER: _("%(name)s heeft een aanmelding gekregen, met een link per e-mail."),
    MatchKind.PEARL: _("Uw bericht gaat naar de buur van ‘%(name)s’: per e-mail, of een collega geeft het door."),
}


def _step(request, uid, name, form_class, run, success):
    match = _owned_match(request, uid)
    form = form_class(request.POST, match=match)
    if form.is_valid():
        try:
            run(match, form.cleaned_data)
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            text = success[match.kind] if isinstance(success, dict) else success
            messages.success(request, str(text) % {"name": match.label})
            return redirect(f"{_case_url(match.dream)}#match-{match.uid}")
    return render_case(request, match.dream, status=400, match_bound=(match.pk, name, form))


@broker_required
@require_POST
def match_contact(request, uid):
    def run(match, data):
        matches.match_contact(
            match=match, actor=request.user, message=data["message"], categories=data.get("categories") or []
        )

    return _step(request, uid, "contact", MatchContactForm, run, CONTACTED_TEXT)


@broker_required
@require_POST
def match_close(request, uid):
    def run(match, data):
        matches.match_close(match=match, actor=request.user, outcome=data["outcome"], note=data["note"])

    return _step(request, uid, "close", MatchCloseForm, run, _("De match met %(name)s is afgesloten."))
