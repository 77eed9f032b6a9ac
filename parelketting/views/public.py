"""Public pages: the map, the complete list, one pearl and its photo."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lib.photos import photo_dimensions, photo_variant_open
from wijk.models import Neighbourhood, Theme
from wijk.services import public_name
from wijk.stories import StoryPage, story_render

from .. import permissions as perms
from ..choices import PearlKind, PearlStatus
from ..forms import FilterForm
from ..models import Pearl, Route
from ..services import (
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
    """One pearl. A pearl that was on the map and is not now answers 200 with a plain "not to be seen for
    now" page, so a QR plaque or a route stop never ends in "typefout"."""
    try:
        pearl = perms.get_pearl_for_user(request.user, uid)
    except Http404:
        return pearl_away_page(request, perms.get_away_pearl(uid))
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
        "activities": _pearl_activities(pearl),
        "practical": pearl.practical_items() if pearl.kind == PearlKind.PLACE else [],
        "people_here": list(pearl.people_meeting_here.published().only("uid", "title").order_by("title"))
        if pearl.kind == PearlKind.PLACE
        else [],
    }
    return render(request, "parelketting/detail.html", context)


def pearl_away_page(request, pearl, *, route=None, next_row=None):
    """The "tijdelijk niet te zien" page; from a route stop it also points to the next stop to be seen."""
    routes = list(
        Route.objects.published().filter(stops__pearl=pearl).distinct().only("slug", "title").order_by("title")
    )
    context = {
        "pearl": pearl,
        "gone": pearl.status == PearlStatus.REJECTED,
        "routes": routes,
        "route": route,
        "next_row": next_row,
    }
    return render(request, "parelketting/away.html", context)


@require_GET
def pearl_story(request, uid):
    """A published pearl's story on its own page, to share, print and read aloud (``wijk.stories``)."""
    pearl = get_object_or_404(Pearl.objects.published().select_related("neighbourhood"), uid=uid)
    show_photo = bool(pearl.photo) and photo_is_public(pearl)
    size = photo_dimensions(pearl.photo) if show_photo else None
    page = StoryPage(
        kind=_("Het verhaal van een parel"),
        title=pearl.title,
        text=pearl.story,
        url=reverse("parelketting:pearl_story", kwargs={"uid": pearl.uid}),
        neighbourhood=pearl.neighbourhood,
        image_url=reverse("parelketting:photo", kwargs={"uid": pearl.uid}) if show_photo else "",
        image_alt=pearl.photo_description or pearl.title,
        image_width=size[0] if size else None,
        image_height=size[1] if size else None,
        extra=[(_("Waar"), pearl.location_description)] if pearl.location_description else [],
        more_url=pearl.get_absolute_url(),
        more_label=_("Naar de parel op de kaart"),
    )
    return story_render(request, page)


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
    # ``?w=480``: a smaller copy for ``srcset`` (the original when that copy does not exist).
    response = FileResponse(photo_variant_open(field, request.GET.get("w")), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600" if pearl.is_published else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _pearl_activities(pearl):
    """Upcoming published activities at a place pearl, or where the person behind a personal pearl helps."""
    if pearl.kind == PearlKind.PLACE:
        qs = pearl.activities_here
    elif pearl.kind == PearlKind.PERSON:
        qs = pearl.activities_offered
    else:
        return []
    return list(qs.published().upcoming().order_by("starts_at", "pk")[:10])
