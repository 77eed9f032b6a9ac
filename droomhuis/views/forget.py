"""Vergeet mijn droom: from the follow page, with the dream's code. A dry run first, then a ticked box."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from lib.antispam import rate_limit_hit
from wijk.choices import Channel

from .. import conf
from ..erasure import dream_forget
from ..permissions import get_dream_for_follower
from .public import _too_many


class DreamForgetForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, vergeet deze droom. Ik weet dat dit niet terug kan."),
        error_messages={"required": _("Zet eerst een vinkje. Dan weten wij dat u het zeker weet.")},
    )


@require_http_methods(["GET", "POST"])
def forget(request, reference):
    dream = get_dream_for_follower(request.user, reference)
    form = DreamForgetForm(request.POST if request.method == "POST" else None)
    actor = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        if rate_limit_hit(request, "droomhuis-withdraw", conf.withdraw_limit()):
            return _too_many(request)
        if form.is_valid():
            try:
                report = dream_forget(dream=dream, actor=actor, role="resident", channel=Channel.ONLINE)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(request, "droomhuis/forget_done.html", {"report": report})
    report = dream_forget(dream=dream, actor=actor, role="resident", channel=Channel.ONLINE, dry_run=True)
    context = {"dream": dream, "form": form, "report": report}
    return render(request, "droomhuis/forget.html", context, status=400 if form.errors else 200)
