"""The partner's side: referrals sent to their organisation, through their account or a signed link.

A partner sees only the consented fields, never signals outside them, notes or the case history.
Every view and every step writes one access-log row.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lib.guesses import GuessLimit
from wijk.models import AccessAction

from ... import conf
from ...audit import partner_log
from ...decorators import partner_required
from ..forms import PartnerStepForm
from ..permissions import get_referral_for_partner, referrals_for_partner
from ..referrals import referral_from_token, referral_shared_items, referral_transition


@partner_required
def partner_list(request):
    items = referrals_for_partner(request.user).order_by("-sent_at", "-pk")
    page = Paginator(items, conf.queue_page_size()).get_page(request.GET.get("pagina"))
    return render(request, "droomhuis/partner/list.html", {"page": page, "referrals": page.object_list})


def _detail(request, referral, action_url, via_link):
    form = PartnerStepForm(request.POST or None, referral=referral)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral_transition(
                referral=referral,
                to_status=data["to_status"],
                actor=request.user if request.user.is_authenticated else None,
                outcome=data["outcome"],
                note=data["note"],
                by_partner=True,
                via_link=via_link,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Opgeslagen. Dank u wel."))
            return redirect(action_url)
    if request.method == "GET":
        partner_log(request.user, referral, via_link=via_link, action=AccessAction.VIEW)
    return render(
        request,
        "droomhuis/partner/detail.html",
        {
            "referral": referral,
            "items": referral_shared_items(referral),
            "form": form,
            "action_url": action_url,
            "via_link": via_link,
            "events": referral.events.order_by("at"),
        },
        status=400 if request.method == "POST" else 200,
    )


@partner_required
@require_http_methods(["GET", "POST"])
def partner_detail(request, uid):
    referral = get_referral_for_partner(request.user, uid)
    return _detail(request, referral, reverse("droomhuis:partner_detail", args=[referral.uid]), via_link=False)


PARTNER_LINK_GUESSES = GuessLimit("partner-link", per_client=20, per_secret=200)


@require_http_methods(["GET", "POST"])
def partner_link(request, token):
    """A signed, time-limited link from the e-mail: opens one referral without logging in."""
    referral = referral_from_token(token)
    if referral is None:
        # A signed link cannot be guessed (a 256-bit signature), so a right link always works; wrong links
        # still count, and a client that keeps trying gets a 429 instead of the explanation.
        if not PARTNER_LINK_GUESSES.wrong(request):
            return render(request, "droomhuis/partner/link_expired.html", status=429)
        return render(request, "droomhuis/partner/link_expired.html", status=404)
    return _detail(request, referral, reverse("droomhuis:partner_link", args=[token]), via_link=True)
