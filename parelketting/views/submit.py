"""Putting in a pearl: by a resident, by staff on a resident's behalf, or answering a question."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijk.antispam import rate_limit_hit
from wijk.choices import Channel, RoleKind
from wijk.models import Neighbourhood
from wijk.permissions import organisation_ids
from wijk.services import resident_create

from .. import limits
from .. import permissions as perms
from ..choices import PearlKind
from ..forms import NeighbourhoodChoiceForm, OnBehalfForm, PearlForm
from ..services import (
    pearl_publication_consent_give,
    pearl_resubmit,
    pearl_submit,
)


@login_required
@require_http_methods(["GET", "POST"])
def pearl_new(request):
    """A resident puts in a pearl. Without a resident record yet, we first ask for the neighbourhood."""
    resident = perms.resident_for_user(request.user)
    neighbourhood = resident.neighbourhood if resident else None
    hood_form = None
    if resident is None:
        hood_form = NeighbourhoodChoiceForm(request.POST or request.GET or None)
        if hood_form.is_bound and hood_form.is_valid():
            neighbourhood = hood_form.cleaned_data["neighbourhood"]
    if neighbourhood is None:
        return render(request, "parelketting/choose_neighbourhood.html", {"hood_form": hood_form})
    form = PearlForm(request.POST or None, request.FILES or None, neighbourhood=neighbourhood)
    context = {"form": form, "neighbourhood": neighbourhood, "hood_form": hood_form, "on_behalf": False}
    if request.method == "POST" and form.is_valid() and rate_limit_hit(request, "pk-pearl", limits.PEARLS_PER_HOUR):
        form.add_error(None, _("U heeft al veel parels gestuurd. Probeer het over een uur nog eens."))
        return render(request, "parelketting/submit.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if resident is None:
                    resident = resident_create(
                        neighbourhood=neighbourhood,
                        user=request.user,
                        email=request.user.email,
                        display_name=request.user.name,
                        first_name=request.user.get_short_name() if request.user.name else "",
                    )
                pearl = pearl_submit(
                    kind=form.cleaned_data["kind"],
                    neighbourhood=neighbourhood,
                    submitter=resident,
                    submitted_via=Channel.ONLINE,
                    **form.service_kwargs(),
                )
                pearl_publication_consent_give(
                    resident=resident,
                    first_name=form.cleaned_data["show_first_name"],
                    photo=form.cleaned_data["show_photo"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Dank u wel! Uw parel ‘%(title)s’ is binnen. Een medewerker kijkt er snel naar.")
                % {"title": pearl.title},
            )
            return redirect("parelketting:mine")
    return render(request, "parelketting/submit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def pearl_new_on_behalf(request):
    """Staff put in a pearl for a resident who phoned, wrote or came by. The way they said yes is kept."""
    if not perms.can_submit_on_behalf(request.user):
        raise PermissionDenied
    org_ids = organisation_ids(request.user, RoleKind.MODERATOR)
    hoods = list(Neighbourhood.objects.filter(corporation_id__in=org_ids).order_by("name"))
    neighbourhood = next((n for n in hoods if n.slug == request.GET.get("wijk")), hoods[0] if hoods else None)
    if neighbourhood is None:
        raise Http404
    form = PearlForm(request.POST or None, request.FILES or None, neighbourhood=neighbourhood)
    form.fields["kind"].choices = PearlKind.choices
    kind = request.POST.get("kind", "")
    behalf = OnBehalfForm(
        request.POST or None, organisation_ids=org_ids, neighbourhood=neighbourhood, kind=kind, prefix="namens"
    )
    if request.method == "POST":
        both_valid = behalf.is_valid() & form.is_valid()
        if both_valid:
            data = behalf.cleaned_data
            resident = data.get("resident")
            if resident is not None and resident.neighbourhood_id != neighbourhood.pk:
                behalf.add_error("resident", _("Deze bewoner woont niet in deze wijk."))
            else:
                try:
                    with transaction.atomic():
                        if resident is None and kind != PearlKind.PARTNER_OFFER:
                            resident = resident_create(
                                neighbourhood=neighbourhood,
                                created_by=request.user,
                                created_via=data["submitted_via"],
                                first_name=data["new_first_name"],
                                display_name=data["new_first_name"],
                                email=data.get("new_email") or "",
                            )
                        pearl = pearl_submit(
                            kind=form.cleaned_data["kind"],
                            neighbourhood=neighbourhood,
                            submitter=resident if kind != PearlKind.PARTNER_OFFER else None,
                            partner=data.get("partner") if kind == PearlKind.PARTNER_OFFER else None,
                            created_by=request.user,
                            submitted_via=data["submitted_via"],
                            consent_method=data["consent_method"],
                            **form.service_kwargs(),
                        )
                        if resident is not None and kind != PearlKind.PARTNER_OFFER:
                            pearl_publication_consent_give(
                                resident=resident,
                                first_name=form.cleaned_data["show_first_name"],
                                photo=form.cleaned_data["show_photo"],
                                method=data["consent_method"],
                                recorded_by=request.user,
                            )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request,
                        _("De parel ‘%(title)s’ is ingevoerd. Hij staat nu in de wachtrij.") % {"title": pearl.title},
                    )
                    return redirect("parelketting:new_on_behalf")
    return render(
        request,
        "parelketting/submit.html",
        {
            "form": form,
            "behalf": behalf,
            "neighbourhood": neighbourhood,
            "neighbourhoods": hoods,
            "on_behalf": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pearl_answer(request, uid):
    """The submitter changes a pearl that came back with a question and sends it again."""
    pearl = perms.get_own_returned_pearl(request.user, uid)
    initial = {
        "kind": pearl.kind,
        "title": pearl.title,
        "story": pearl.story,
        "themes": list(pearl.themes.all()),
        "street": pearl.street,
        "location_description": pearl.location_description,
        "meeting_place": pearl.meeting_place_id,
        "lat": pearl.lat,
        "lng": pearl.lng,
        "photo_description": pearl.photo_description,
    }
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        data["kind"] = pearl.kind
    form = PearlForm(data, request.FILES or None, initial=initial, neighbourhood=pearl.neighbourhood)
    form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        try:
            pearl_resubmit(pearl=pearl, by=request.user, **kwargs)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dank u wel! Uw parel is weer verstuurd."))
            return redirect("parelketting:mine")
    return render(
        request,
        "parelketting/submit.html",
        {"form": form, "neighbourhood": pearl.neighbourhood, "answering": pearl, "on_behalf": False},
    )
