"""Resident-facing pages: the map, the list, a pearl, submitting, "mijn parels", reporting, joining."""

import hashlib
import json
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, FloatField, Max, Prefetch
from django.db.models.functions import Cast
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijk.choices import Channel, RoleKind
from wijk.models import Neighbourhood, Theme
from wijk.permissions import organisation_ids
from wijk.services import public_name, resident_create

from . import permissions as perms
from . import ratelimit
from .choices import PearlKind, PearlStatus
from .forms import FilterForm, JoinForm, NeighbourhoodChoiceForm, OnBehalfForm, PearlForm, ReportForm
from .models import Pearl, PearlMessage
from .services import (
    pearl_message_send,
    pearl_publication_consent_give,
    pearl_report,
    pearl_resubmit,
    pearl_submit,
    photo_is_public,
)

LIST_PAGE_SIZE = 50


def _map_neighbourhood():
    return Neighbourhood.objects.filter(slug="zuidwijk").first() or Neighbourhood.objects.order_by("pk").first()


def _public_pearls(filters):
    return (
        Pearl.objects.published()
        .filtered(**filters)
        .select_related("neighbourhood", "meeting_place")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "name")))
        .order_by("title", "pk")
    )


@require_GET
def pearl_map(request):
    """The map page. The map itself is drawn by JavaScript from the GeoJSON; the list link is always there."""
    form = FilterForm(request.GET or None)
    filters = form.filters()
    neighbourhood = _map_neighbourhood()
    query = request.GET.urlencode()
    geojson_url = reverse("parelketting:geojson") + (f"?{query}" if query else "")
    return render(
        request,
        "parelketting/map.html",
        {
            "form": form,
            "filters": filters,
            "neighbourhood": neighbourhood,
            "geojson_url": geojson_url,
            "query": query,
            "kinds": PearlKind,
            "can_submit_on_behalf": request.user.is_authenticated and perms.can_submit_on_behalf(request.user),
        },
    )


@require_GET
def pearl_list(request):
    """Every published pearl, as a list: complete without the map. Filters as on the map."""
    form = FilterForm(request.GET or None)
    filters = form.filters()
    paginator = Paginator(_public_pearls(filters), LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)
    return render(
        request,
        "parelketting/list.html",
        {"form": form, "page": page, "pearls": page.object_list, "query": params.urlencode(), "filters": filters},
    )


@require_GET
def pearl_detail(request, uid):
    pearl = perms.get_pearl_for_user(request.user, uid)
    is_moderator = perms.is_pearl_moderator(request.user, pearl)
    is_own = perms.is_own_pearl(request.user, pearl)
    context = {
        "show_photo": bool(pearl.photo) and (is_own or is_moderator or photo_is_public(pearl)),
        "pearl": pearl,
        "themes": list(pearl.themes.all()),
        "point": pearl.point(),
        "shown_name": public_name(pearl.submitter) if pearl.kind != PearlKind.PARTNER_OFFER else "",
        "is_own": is_own,
        "can_moderate": is_moderator,
        "can_join": perms.can_join(request.user, pearl),
        "can_report": pearl.status == PearlStatus.PUBLISHED,
        "people_here": list(pearl.people_meeting_here.published().only("uid", "title").order_by("title"))
        if pearl.kind == PearlKind.PLACE
        else [],
    }
    return render(request, "parelketting/detail.html", context)


@require_GET
def pearl_photo(request, uid, size="full"):
    """Serve a pearl's cleaned photo to whoever may see the pearl; works with any storage backend."""
    pearl = perms.get_pearl_for_user(request.user, uid)
    field = pearl.thumbnail if size == "thumb" else pearl.photo
    if not field:
        raise Http404
    if not (photo_is_public(pearl) or perms.is_own_pearl(request.user, pearl)):
        if not perms.is_pearl_moderator(request.user, pearl):
            raise Http404
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600" if pearl.is_published else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


GEOJSON_CACHE_SECONDS = 300


@require_GET
def pearl_geojson(request):
    """Open data: published pearls with a point. No personal data; at most 3 queries at any size.

    The body is kept in the shared cache under a stamp of the pearl table (last change and row count):
    any saved, added or deleted pearl gives a new stamp, so one query answers a repeat request.
    """
    filters = FilterForm(request.GET or None).filters()
    stamp = Pearl.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    key = (
        "parelketting:geojson:"
        + hashlib.sha256(
            "|".join(
                [
                    request.get_host(),
                    request.scheme,
                    filters["kind"],
                    str(filters["theme"].pk if filters["theme"] else ""),
                    str(stamp["changed"]),
                    str(stamp["count"]),
                ]
            ).encode()
        ).hexdigest()
    )
    body = cache.get(key)
    if body is None:
        body = _geojson_body(request, filters)
        cache.set(key, body, GEOJSON_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/geo+json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _geojson_body(request, filters) -> str:
    """The FeatureCollection as text, from ``values_list`` rows (floats cast in the database) in 2 queries."""
    rows = list(
        Pearl.objects.published()
        .filtered(**filters)
        .with_point()
        .order_by("pk")
        .values_list(
            "pk",
            "uid",
            "kind",
            "title",
            Cast("lat", FloatField()),
            Cast("lng", FloatField()),
            "thumbnail",
            Cast("meeting_place__lat", FloatField()),
            Cast("meeting_place__lng", FloatField()),
        )
    )
    themes_by_pearl = defaultdict(list)
    if rows:
        through = Pearl.themes.through.objects.filter(pearl__in=_geojson_ids(filters)).order_by(
            "theme__position", "theme__name"
        )
        for pearl_id, slug in through.values_list("pearl_id", "theme__slug"):
            themes_by_pearl[pearl_id].append(slug)
    placeholder = "00000000-0000-0000-0000-000000000000"
    base = request.build_absolute_uri(reverse("parelketting:detail", kwargs={"uid": placeholder}))
    prefix, suffix = base.split(placeholder)
    thumb_suffix = suffix + "foto-klein/"
    person = PearlKind.PERSON.value
    features = []
    append = features.append
    for pk, uid, kind, title, lat, lng, thumbnail, meeting_lat, meeting_lng in rows:
        if kind == person:
            lat, lng = meeting_lat, meeting_lng
        if lat is None or lng is None:
            continue
        uid = str(uid)
        append(
            {
                "type": "Feature",
                "id": uid,
                "geometry": {"type": "Point", "coordinates": [lng, lat]},
                "properties": {
                    "kind": kind,
                    "title": title,
                    "themes": themes_by_pearl.get(pk, []),
                    "url": prefix + uid + suffix,
                    # A person's photo needs consent, checked per pearl elsewhere: never in the open data.
                    "thumbnail": prefix + uid + thumb_suffix if thumbnail and kind != person else None,
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))


def _geojson_ids(filters):
    """The same selection as the GeoJSON rows, as a subquery (no second round trip per pearl)."""
    return Pearl.objects.published().filtered(**filters).with_point().values("pk")


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
    if request.method == "POST" and form.is_valid():
        if resident is None:
            resident = resident_create(
                neighbourhood=neighbourhood,
                user=request.user,
                email=request.user.email,
                display_name=request.user.name,
                first_name=request.user.get_short_name() if request.user.name else "",
            )
        try:
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
    return render(
        request,
        "parelketting/submit.html",
        {"form": form, "neighbourhood": neighbourhood, "hood_form": hood_form, "on_behalf": False},
    )


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
                if resident is None and kind != PearlKind.PARTNER_OFFER:
                    resident = resident_create(
                        neighbourhood=neighbourhood,
                        created_by=request.user,
                        created_via=data["submitted_via"],
                        first_name=data["new_first_name"],
                        display_name=data["new_first_name"],
                        email=data.get("new_email") or "",
                    )
                try:
                    if resident is not None and kind != PearlKind.PARTNER_OFFER:
                        pearl_publication_consent_give(
                            resident=resident,
                            first_name=form.cleaned_data["show_first_name"],
                            photo=form.cleaned_data["show_photo"],
                            method=data["consent_method"],
                            recorded_by=request.user,
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
@require_GET
def my_pearls(request):
    """The resident's own pearls with their status and, in kind words, any question or reason."""
    resident = perms.resident_for_user(request.user)
    pearls = []
    if resident is not None:
        pearls = list(
            Pearl.objects.filter(submitter=resident)
            .prefetch_related(Prefetch("messages", queryset=PearlMessage.objects.order_by("-created_at")))
            .order_by("-created_at")
        )
    return render(
        request,
        "parelketting/mine.html",
        {"pearls": pearls, "can_submit_on_behalf": perms.can_submit_on_behalf(request.user)},
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


@require_http_methods(["GET", "POST"])
def pearl_report_view(request, uid):
    """ "Meld dit": anyone may say something is wrong with a published pearl; it leaves the map until checked."""
    pearl = perms.get_pearl_for_user(request.user, uid)
    if pearl.status != PearlStatus.PUBLISHED:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and ratelimit.hit(request, "report", ratelimit.REPORTS_PER_HOUR):
        form.add_error("reason", _("U heeft al veel meldingen gedaan. Probeer het over een uur nog eens."))
        return render(request, "parelketting/report.html", {"pearl": pearl, "form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        pearl_report(pearl=pearl, reason=form.cleaned_data["reason"], reported_by=request.user)
        messages.success(request, _("Dank u wel voor uw melding. Een medewerker kijkt ernaar."))
        return redirect("parelketting:list")
    return render(request, "parelketting/report.html", {"pearl": pearl, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def pearl_join(request, uid):
    """ "Ik doe mee / ik wil dit ook": a message to the person behind a personal pearl, through the portal."""
    pearl = perms.get_pearl_for_user(request.user, uid)
    if not perms.can_join(request.user, pearl):
        raise Http404
    form = JoinForm(request.POST or None, initial={"sender_name": request.user.get_short_name()})
    if request.method == "POST" and form.is_valid() and ratelimit.hit(request, "join", ratelimit.MESSAGES_PER_HOUR):
        form.add_error("body", _("U heeft al veel berichten gestuurd. Probeer het over een uur nog eens."))
        return render(request, "parelketting/join.html", {"pearl": pearl, "form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        pearl_message_send(pearl=pearl, sender=request.user, **form.cleaned_data)
        messages.success(request, _("Uw bericht is verstuurd. Uw buur neemt zelf contact met u op."))
        return redirect(pearl.get_absolute_url())
    return render(request, "parelketting/join.html", {"pearl": pearl, "form": form})
