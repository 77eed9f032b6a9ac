"""Forget me: the resident from "Mijn gegevens", or staff for a resident who asked by phone or in person.

GET shows the dry run (what will be removed, anonymised or kept, and why); only a POST with the box ticked
forgets. The views are small: the work is in ``wijk.erasure``.
"""

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from .choices import Channel
from .erasure import ANONYMISE, WITHDRAW, resident_erase
from .export_views import staff_resident


class ForgetForm(forms.Form):
    publications = forms.ChoiceField(
        label=_("Wat gebeurt er met wat u op de kaart of in het programma zette?"),
        choices=[
            (ANONYMISE, _("Laat het staan, zonder mijn naam")),
            (WITHDRAW, _("Haal het weg")),
        ],
        initial=ANONYMISE,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("Ja, ik weet het zeker. Dit kan niet terug."),
        error_messages={"required": _("Zet eerst een vinkje. Dan weten wij dat u het zeker weet.")},
    )


class StaffForgetForm(ForgetForm):
    channel = forms.ChoiceField(
        label=_("Hoe vroeg de bewoner het?"),
        choices=[(c, Channel(c).label) for c in (Channel.PHONE, Channel.IN_PERSON, Channel.PAPER)],
    )
    confirm = forms.BooleanField(
        label=_("De bewoner vroeg dit zelf. Ik weet dat het niet terug kan."),
        error_messages={"required": _("Zet eerst een vinkje. Dan weten wij dat de bewoner het zeker weet.")},
    )


def _preview(resident, form):
    publications = form.data.get("publications") if form.is_bound else ANONYMISE
    publications = publications if publications in (ANONYMISE, WITHDRAW) else ANONYMISE
    return resident_erase(resident=resident, role="", channel=Channel.ONLINE, publications=publications, dry_run=True)


@login_required
@require_http_methods(["GET", "POST"])
def forget_me(request):
    """The logged-in resident forgets themselves; the account goes and they are logged out."""
    resident = getattr(request.user, "resident", None)
    if resident is None:
        return render(request, "wijk/my_data_none.html")
    form = ForgetForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            report = resident_erase(
                resident=resident,
                actor=request.user,
                role="resident",
                channel=Channel.ONLINE,
                publications=form.cleaned_data["publications"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            return render(request, "wijk/forget_done.html", {"report": report, "on_behalf": False})
    context = {"form": form, "report": _preview(resident, form), "on_behalf": False}
    return render(request, "wijk/forget.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def resident_forget(request, uid):
    """Staff of the resident's corporation carry out a request made by phone, in person or on paper."""
    resident, role = staff_resident(request, uid)
    if resident.erased_at is not None:
        raise Http404("Already forgotten.")
    form = StaffForgetForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        report = resident_erase(
            resident=resident,
            actor=request.user,
            role=role,
            channel=form.cleaned_data["channel"],
            publications=form.cleaned_data["publications"],
        )
        return render(request, "wijk/forget_done.html", {"report": report, "on_behalf": True})
    context = {"form": form, "report": _preview(resident, form), "on_behalf": True, "resident": resident}
    return render(request, "wijk/forget.html", context, status=400 if form.errors else 200)
