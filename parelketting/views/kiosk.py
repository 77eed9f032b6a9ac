"""The pearl form on the kiosk tablet (see ``wijk/kiosk.py``): no login, no map, no photo.

A visitor gives a first name or another name; the pearl goes to a moderator like any other and is
recorded as coming from the kiosk. Showing the first name is unticked until the visitor ticks it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lib.antispam import rate_limit_hit
from wijk.choices import Channel
from wijk.models import Neighbourhood
from wijk.services import resident_create

from .. import limits
from ..forms import PearlForm
from ..services import pearl_publication_consent_give, pearl_submit

KIOSK_LIMIT_FACTOR = 10
LEFT_OUT = ("lat", "lng", "meeting_place", "photo", "photo_description", "show_photo")


class KioskPearlForm(PearlForm):
    """The resident pearl form without map and photo, with a name because nobody is logged in."""

    first_name = forms.CharField(
        label=gettext_lazy("Uw voornaam"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Of vul hieronder een andere naam in."),
    )
    alias = forms.CharField(
        label=gettext_lazy("Of een andere naam"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld een bijnaam. Zo weten wij wie de parel stuurde."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LEFT_OUT:
            del self.fields[name]
        for name in ("first_name", "alias", "title", "story", "location_description"):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean(self):
        data = super().clean()
        if not (data.get("first_name") or "").strip() and not (data.get("alias") or "").strip():
            self.add_error("first_name", ValidationError(_("Vul uw voornaam of een andere naam in."), code="name"))
        return data


@require_http_methods(["GET", "POST"])
def kiosk_pearl(request):
    """Only on a kiosk browser (the kiosk middleware sends others away from here)."""
    kiosk = getattr(request, "kiosk", None)
    if kiosk is None:
        return redirect("parelketting:new")
    neighbourhood = Neighbourhood.objects.get(pk=kiosk.neighbourhood_id)
    form = KioskPearlForm(request.POST or None, neighbourhood=neighbourhood)
    context = {"form": form, "neighbourhood": neighbourhood}
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(request, "pk-pearl-kiosk", limits.PEARLS_PER_HOUR * KIOSK_LIMIT_FACTOR):
            form.add_error(None, _("Er zijn al veel parels gestuurd. Probeer het over een uur nog eens."))
            return render(request, "parelketting/kiosk_pearl.html", context, status=429)
        data = form.cleaned_data
        try:
            with transaction.atomic():
                first_name, alias = data["first_name"].strip(), data["alias"].strip()
                resident = resident_create(
                    neighbourhood=neighbourhood,
                    created_via=Channel.KIOSK,
                    display_name=first_name or alias,
                    first_name=first_name,
                    alias=alias,
                )
                pearl = pearl_submit(
                    kind=data["kind"],
                    neighbourhood=neighbourhood,
                    submitter=resident,
                    submitted_via=Channel.KIOSK,
                    **form.service_kwargs(),
                )
                pearl_publication_consent_give(
                    resident=resident, first_name=data["show_first_name"], photo=False, method=Channel.KIOSK
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "parelketting/kiosk_pearl_thanks.html", {"pearl": pearl})
    return render(request, "parelketting/kiosk_pearl.html", context)
