"""Putting in a pearl: by a resident, by staff on a resident's behalf, or answering a question."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lib.antispam import rate_limit_hit
from wijk.choices import Channel, DataCategory, Purpose, RoleKind
from wijk.models import Neighbourhood, Theme
from wijk.permissions import organisation_ids
from wijk.services import consent_check, resident_create

from .. import limits
from .. import permissions as perms
from ..choices import PearlKind
from ..forms import AnonymousPearlForm, NeighbourhoodChoiceForm, OnBehalfForm, PearlForm
from ..services import (
    pearl_publication_consent_give,
    pearl_publication_consent_withdraw,
    pearl_resubmit,
    pearl_submit,
    pearl_submit_anonymous,
)


@require_http_methods(["GET", "POST"])
def pearl_new(request):
    """A resident puts in a pearl. Without a resident record yet, we first ask for the neighbourhood.

    No account is needed: a visitor who is not logged in gets the same form with one question more (how to
    hear back) and a follow code (``_pearl_new_anonymous``)."""
    if not request.user.is_authenticated:
        return _pearl_new_anonymous(request)
    resident = perms.resident_for_user(request.user)
    neighbourhood = resident.neighbourhood if resident else None
    hood_form = None
    if resident is None:
        hood_form = NeighbourhoodChoiceForm(request.POST or request.GET or None)
        if hood_form.is_bound and hood_form.is_valid():
            neighbourhood = hood_form.cleaned_data["neighbourhood"]
    if neighbourhood is None:
        return render(request, "parelketting/choose_neighbourhood.html", {"hood_form": hood_form})
    # The name box shows what the consent ledger holds: ticked while the resident's "yes" is active.
    name_shown = resident is not None and bool(
        consent_check(resident=resident, category=DataCategory.FIRST_NAME, purpose=Purpose.PUBLICATION)
    )
    form = PearlForm(
        request.POST or None,
        request.FILES or None,
        neighbourhood=neighbourhood,
        initial={"show_first_name": name_shown},
    )
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
                if name_shown and not form.cleaned_data["show_first_name"]:
                    # The box said "yes" and the resident took the tick away: "Zonder vinkje staat er geen naam bij".
                    pearl_publication_consent_withdraw(resident=resident, category=DataCategory.FIRST_NAME)
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


SESSION_SENT = "parelketting_sent"


def _anonymous_neighbourhood(request):
    """The neighbourhood for a visitor without an account: the only one, or the one chosen (the form, or
    ``?wijk=<slug>`` from a neighbourhood's page). ``(neighbourhood, hood_form)``."""
    hoods = list(Neighbourhood.objects.order_by("name")[:2])
    if len(hoods) == 1:
        return hoods[0], None
    hood_form = NeighbourhoodChoiceForm(request.POST or request.GET or None)
    if hood_form.is_bound and hood_form.is_valid():
        return hood_form.cleaned_data["neighbourhood"], hood_form
    slug = request.GET.get("wijk")
    chosen = Neighbourhood.objects.filter(slug=slug).first() if slug else None
    if chosen is not None:
        return chosen, NeighbourhoodChoiceForm(initial={"neighbourhood": chosen.pk})
    return None, NeighbourhoodChoiceForm(request.POST or request.GET or None)


def _pearl_new_anonymous(request):
    """A pearl without an account, like FixMyStreet: at most three screens (the neighbourhood, if we cannot
    know it; the form; the thank-you page with the follow code). Moderation, the honeypot and the hourly
    limit per visitor apply as for everyone."""
    neighbourhood, hood_form = _anonymous_neighbourhood(request)
    if neighbourhood is None:
        return render(request, "parelketting/choose_neighbourhood.html", {"hood_form": hood_form})
    form = AnonymousPearlForm(request.POST or None, request.FILES or None, neighbourhood=neighbourhood)
    context = {"form": form, "neighbourhood": neighbourhood, "hood_form": hood_form, "on_behalf": False}
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(request, "pk-pearl", limits.PEARLS_PER_HOUR):
            form.add_error(None, _("U heeft al veel parels gestuurd. Probeer het over een uur nog eens."))
            return render(request, "parelketting/submit.html", context, status=429)
        try:
            pearl = pearl_submit_anonymous(
                neighbourhood=neighbourhood,
                kind=form.cleaned_data["kind"],
                language=get_language() or "nl",
                **form.contact_kwargs(),
                **form.service_kwargs(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_SENT] = [*request.session.get(SESSION_SENT, []), pearl.follow_code][-20:]
            return redirect("parelketting:thanks", code=pearl.follow_code)
    return render(request, "parelketting/submit.html", context)


# A POST with this field set to "1" only prefills the on-behalf form (text too long for a link); it stores nothing.
HANDOVER_MARKER = "overdracht"


def _handover_initial(params) -> dict:
    """Prefill for the pearl form from handed-over values: titel, verhaal, soort, thema (slugs).

    Only fills in; the staff member still checks every field and sends the form themselves.
    """
    initial = {}
    title = (params.get("titel") or "").strip()
    if title:
        initial["title"] = Truncator(title).chars(PearlForm.base_fields["title"].max_length)
    story = (params.get("verhaal") or "").strip()
    if story:
        initial["story"] = story[: PearlForm.base_fields["story"].max_length]
    if params.get("soort") in (PearlKind.PLACE, PearlKind.PERSON):
        initial["kind"] = params["soort"]
    slugs = [slug for slug in params.getlist("thema") if slug]
    if slugs:
        initial["themes"] = list(Theme.objects.filter(slug__in=slugs))
    return initial


def _safe_back_url(request, value):
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def pearl_new_on_behalf(request):
    """Staff put in a pearl for a resident who phoned, wrote or came by. The way they said yes is kept.

    Moderators may do this for any resident of their corporation. A dream broker may do it for one known
    resident of their own neighbourhoods, handed over with ``bewoner=<uid>`` (for example from a realised
    dream). Values to prefill come from the query string, or from a POST with ``overdracht=1`` when the
    text is too long for a link; such a POST only fills in the form and stores nothing.
    """
    is_moderator = perms.can_submit_on_behalf(request.user)
    if not is_moderator and not perms.can_propose_for_residents(request.user):
        raise PermissionDenied
    handover = request.method == "POST" and request.POST.get(HANDOVER_MARKER) == "1"
    params = request.POST if request.method == "POST" else request.GET
    resident_uid = params.get("bewoner") or request.GET.get("bewoner")
    proposed_for = perms.get_resident_for_on_behalf(request.user, resident_uid) if resident_uid else None
    org_ids = organisation_ids(request.user, RoleKind.MODERATOR)
    if proposed_for is not None:
        neighbourhood = proposed_for.neighbourhood
        hoods = [neighbourhood]
    elif is_moderator:
        hoods = list(Neighbourhood.objects.filter(corporation_id__in=org_ids).order_by("name"))
        neighbourhood = next((n for n in hoods if n.slug == request.GET.get("wijk")), hoods[0] if hoods else None)
    else:
        # A broker without a resident handed over: this page is not theirs to use on its own.
        raise PermissionDenied
    if neighbourhood is None:
        raise Http404
    full = neighbourhood.corporation_id in org_ids
    only_resident = None if full else proposed_for
    back_url = _safe_back_url(request, params.get("terug") or request.GET.get("terug"))

    data = None if handover else (request.POST or None)
    files = None if handover else (request.FILES or None)
    initial = _handover_initial(params) if (handover or request.method == "GET") else {}
    form = PearlForm(data, files, neighbourhood=neighbourhood, initial=initial)
    if full:
        form.fields["kind"].choices = PearlKind.choices
    kind = request.POST.get("kind", "") if data else ""
    behalf_initial = {}
    if proposed_for is not None:
        behalf_initial["resident"] = proposed_for.pk
    if params.get("kanaal") in {value for value, _label in OnBehalfForm.base_fields["submitted_via"].choices}:
        behalf_initial["submitted_via"] = params["kanaal"]
    behalf = OnBehalfForm(
        data,
        organisation_ids=org_ids,
        neighbourhood=neighbourhood,
        kind=kind,
        only_resident=only_resident,
        initial=behalf_initial,
        prefix="namens",
    )
    if data is not None:
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
                                **behalf.new_resident_kwargs(),
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
                    return redirect(back_url or ("parelketting:new_on_behalf" if is_moderator else "wijk:home"))
    return render(
        request,
        "parelketting/submit.html",
        {
            "form": form,
            "behalf": behalf,
            "neighbourhood": neighbourhood,
            "neighbourhoods": hoods,
            "on_behalf": True,
            "proposed_for": proposed_for,
            "back_url": back_url,
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
