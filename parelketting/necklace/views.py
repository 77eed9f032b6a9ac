"""The necklace: route pages (list without the map, print, PDF, GPX), residents' suggestions, QR plaques."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.antispam import rate_limit_hit
from lib.links import absolute_url
from lib.pdf import pdf_response, render_pdf
from lib.photos import photo_response
from lib.qr import qr_svg

from .. import limits
from .. import permissions as perms
from ..choices import PearlKind, PearlStatus, RouteStatus
from ..geo import EASY_PACE_KMH, compass_point, haversine_m, round_metres, route_length, walking_minutes
from ..models import Pearl
from ..views.public import pearl_away_page
from ..walk_pdf import walk_pdf_again, walk_pdf_request
from .forms import RouteSuggestionForm
from .gpx import route_gpx
from .models import Route, RouteStop
from .plaques import plaque_png, short_url
from .services import pearl_short_code_ensure, route_suggestion_submit
from .sketch import sketch_svg


def _route_context(route: Route) -> dict:
    """The route with its visible stops in order, walking distances, and the data the map script needs.

    Every number on the page comes from the visible stops; a stop whose pearl is off the map for now
    (``perms.is_away``) is skipped and counted apart, so the text never promises a stop that is not there.
    """
    all_stops = list(RouteStop.objects.filter(route=route).select_related("pearl").order_by("position", "pk"))
    stops = [s for s in all_stops if s.pearl.status == PearlStatus.PUBLISHED and s.pearl.lat is not None]
    away = sum(1 for s in all_stops if perms.is_away(s.pearl))
    points = [(float(s.pearl.lat), float(s.pearl.lng)) for s in stops]
    length = route_length(points)
    rows = []
    for number, (stop, leg) in enumerate(zip(stops, length.legs, strict=True), start=1):
        pearl = stop.pearl
        rows.append(
            {
                "number": number,
                "stop": stop,
                "pearl": pearl,
                "leg": leg,
                "practical": pearl.practical_items(),
            }
        )
    map_data = {
        "stops": [
            {
                "n": r["number"],
                "title": r["pearl"].title,
                "lat": p[0],
                "lng": p[1],
                "url": r["pearl"].get_absolute_url(),
            }
            for r, p in zip(rows, points, strict=True)
        ],
    }
    return {
        "route": route,
        "rows": rows,
        "all_stops": all_stops,
        "points": points,
        "length": length,
        "map_data": map_data,
        "away_count": away,
        "start": rows[0]["pearl"] if rows else None,
    }


def _sketch(points, current=None) -> str:
    if current:
        label = _(
            "Schetskaart van de wandeling. De stops zijn genummerd en met een lijn verbonden. U bent bij stop %(n)s."
        )
        label %= {"n": current}
    else:
        label = _("Schetskaart van de wandeling. De stops zijn genummerd en met een lijn verbonden.")
    # Translators: the letter for "north" under the arrow on the sketch map.
    return sketch_svg(points, label=label + " " + _("Het noorden is boven."), north=_("N"), current=current)


def _paper_context(route: Route) -> dict:
    """For the print view and the PDF: the sketch map and a QR code back to the route page."""
    context = _route_context(route)
    url = absolute_url(route.get_absolute_url())
    context["sketch"] = _sketch(context["points"])
    context["route_url"] = url
    context["route_qr"] = qr_svg(url, label=_("QR-code naar de wandeling op internet"))
    return context


# Plain words for the way to the next stop, from ``geo.COMPASS``.
DIRECTIONS = {
    "n": gettext_lazy("naar het noorden"),
    "ne": gettext_lazy("naar het noordoosten"),
    "e": gettext_lazy("naar het oosten"),
    "se": gettext_lazy("naar het zuidoosten"),
    "s": gettext_lazy("naar het zuiden"),
    "sw": gettext_lazy("naar het zuidwesten"),
    "w": gettext_lazy("naar het westen"),
    "nw": gettext_lazy("naar het noordwesten"),
}


def _way(a, b) -> dict:
    metres = haversine_m(a, b)
    return {
        "metres": round_metres(metres),
        "minutes": walking_minutes(metres),
        "easy_minutes": walking_minutes(metres, EASY_PACE_KMH),
        "direction": DIRECTIONS[compass_point(a, b)],
    }


@require_GET
def route_list(request):
    """All published necklaces."""
    routes = list(Route.objects.published().select_related("neighbourhood").order_by("title"))
    return render(request, "parelketting/route_list.html", {"routes": routes})


@require_GET
def route_detail(request, slug):
    """The walk: line and numbered stops on the map, and a list that is complete without the map."""
    route = perms.get_route_for_user(request.user, slug)
    context = _paper_context(route)
    context["can_suggest"] = request.user.is_authenticated
    return render(request, "parelketting/route.html", context)


@require_GET
def route_mood_image(request, slug):
    """The walk's mood image, to whoever may see the walk (``?w=480`` a smaller copy)."""
    route = perms.get_route_for_user(request.user, slug)
    if not route.mood_image:
        raise Http404
    return photo_response(route.mood_image, request, public=route.status == RouteStatus.PUBLISHED)


@require_GET
def route_pdf(request, slug):
    """The walk on A4. The worker makes it (``parelketting.walk_pdf``); until it is there the visitor sees a page
    with the same link to try in a moment (no page that reloads itself: that disturbs a screen reader), or what
    went wrong with a button to try again."""
    route = perms.get_route_for_user(request.user, slug)
    language = translation.get_language() or "nl"
    state, pdf = walk_pdf_request(route, language)
    if state == "uncached":  # the shared cache is down: nowhere to keep it, so make it now
        pdf = walk_pdf_render(route)
    if pdf is not None:
        return pdf_response(pdf, filename=f"ketting-{slugify(route.slug)}.pdf")
    response = render(
        request,
        "parelketting/route_pdf_waiting.html",
        {"route": route, "failed": state == "failed"},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def route_pdf_retry(request, slug):
    """Try to make the walk's PDF again after it failed."""
    route = perms.get_route_for_user(request.user, slug)
    walk_pdf_again(route, translation.get_language() or "nl")
    return redirect("parelketting:route_pdf", slug=route.slug)


def walk_pdf_render(route: Route) -> bytes:
    """The walk on A4 as PDF bytes: the sketch map, the QR code back to the page, and every stop."""
    return render_pdf("parelketting/route_pdf.html", _paper_context(route), stylesheets=["parelketting/print.css"])


@require_GET
def route_gpx_download(request, slug):
    """GPX 1.1 for phone navigation apps: the stops as waypoints, and the walk as a route."""
    route = perms.get_route_for_user(request.user, slug)
    context = _route_context(route)
    body = route_gpx(
        name=route.title,
        description=route.description,
        url=absolute_url(route.get_absolute_url()),
        stops=[
            {
                "lat": float(r["pearl"].lat),
                "lng": float(r["pearl"].lng),
                "name": r["pearl"].title,
                "description": r["pearl"].location_description or r["pearl"].street,
            }
            for r in context["rows"]
        ],
    )
    response = HttpResponse(body, content_type="application/gpx+xml")
    response["Content-Disposition"] = f'attachment; filename="ketting-{slugify(route.slug)}.gpx"'
    return response


@require_GET
def route_stop(request, slug, uid):
    """One stop on the street, where a QR plaque lands: "Stop 3 van 6", the way to the next stop, the walk.

    Stops are counted as on the route page (visible ones only). A stop whose pearl is away for now keeps its
    "tijdelijk niet te zien" page, which then points to the next stop that can be seen.
    """
    route = perms.get_route_for_user(request.user, slug)
    context = _route_context(route)
    rows = context["rows"]
    index = next((i for i, row in enumerate(rows) if row["pearl"].uid == uid), None)
    if index is None:
        stop = next((s for s in context["all_stops"] if s.pearl.uid == uid and perms.is_away(s.pearl)), None)
        if stop is None:
            raise Http404
        later = [r for r in rows if (r["stop"].position, r["stop"].pk) > (stop.position, stop.pk)]
        return pearl_away_page(request, stop.pearl, route=route, next_row=later[0] if later else None)
    row = rows[index]
    previous = rows[index - 1] if index > 0 else None
    following = rows[index + 1] if index + 1 < len(rows) else None
    points = context["points"]
    other_routes = list(
        Route.objects.published()
        .filter(stops__pearl=row["pearl"])
        .exclude(pk=route.pk)
        .distinct()
        .only("slug", "title")
        .order_by("title")
    )
    context.update(
        {
            "row": row,
            "total": len(rows),
            "previous": previous,
            "next": following,
            "way": _way(points[index], points[index + 1]) if following else None,
            "line": story_line(row["pearl"]),
            "sketch": _sketch(points, current=row["number"]),
            "other_routes": other_routes,
        }
    )
    return render(request, "parelketting/route_stop.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def route_suggest(request, slug):
    """A resident suggests a place pearl for the necklace; a moderator decides."""
    route = perms.get_route_for_user(request.user, slug)
    candidates = (
        Pearl.objects.published()
        .filter(kind=PearlKind.PLACE, neighbourhood=route.neighbourhood, lat__isnull=False)
        .exclude(route_stops__route=route)
        .order_by("title")
    )
    form = RouteSuggestionForm(request.POST or None, pearls=candidates)
    context = {"route": route, "form": form}
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(request, "pk-suggest", limits.SUGGESTIONS_PER_HOUR):
            form.add_error("reason", _("U heeft al veel voorstellen gedaan. Probeer het over een uur nog eens."))
            return render(request, "parelketting/route_suggest.html", context, status=429)
        try:
            route_suggestion_submit(
                route=route, pearl=form.cleaned_data["pearl"], reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error("pearl", error)
        else:
            messages.success(request, _("Dank u wel voor uw voorstel. Een medewerker kijkt ernaar."))
            return redirect(route.get_absolute_url())
    return render(request, "parelketting/route_suggest.html", context)


# --- QR plaques ---------------------------------------------------------------------------------------


@require_GET
def short_link(request, code):
    """The short, stable link on a plaque: straight to the pearl's page."""
    pearl = get_object_or_404(Pearl, short_code=code, kind=PearlKind.PLACE)
    route = Route.objects.published().filter(stops__pearl=pearl).only("slug").order_by("title", "pk").first()
    if route is not None:
        return redirect(stop_url(route, pearl), permanent=False)
    return redirect(pearl.get_absolute_url(), permanent=False)


def stop_url(route: Route, pearl: Pearl) -> str:
    return reverse("parelketting:route_stop", kwargs={"slug": route.slug, "uid": pearl.uid})


def _plaque_pearl(request, uid) -> Pearl:
    """Plaques are printed by the corporation's moderators, for published place pearls."""
    pearl = perms.get_pearl_for_user(request.user, uid)
    if pearl.kind != PearlKind.PLACE or not pearl.is_published or not perms.is_pearl_moderator(request.user, pearl):
        raise Http404
    pearl_short_code_ensure(pearl=pearl)
    return pearl


def story_line(pearl: Pearl, limit: int = 110) -> str:
    """The first sentence of the story, shortened to fit on a plaque."""
    text = " ".join(pearl.story.split())
    first = text.split(". ")[0].rstrip(".") + "."
    if len(first) <= limit:
        return first
    return first[: limit - 1].rsplit(" ", 1)[0] + "…"


def plaque_data(pearl: Pearl) -> dict:
    url = short_url(pearl.short_code)
    label = _("QR-code naar %(url)s") % {"url": url}
    return {"pearl": pearl, "line": story_line(pearl), "url": url, "qr_svg": qr_svg(url, label=label)}


@login_required
@require_GET
def plaque_png_view(request, uid):
    pearl = _plaque_pearl(request, uid)
    url = short_url(pearl.short_code)
    png, _origin = plaque_png(
        title=pearl.title,
        line=story_line(pearl),
        url=url,
        caption=_("Scan de code of ga naar %(url)s") % {"url": url.split("://", 1)[-1]},
    )
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="bordje-{pearl.short_code}.png"'
    return response


def plaques_pdf(pearls, request) -> bytes:
    return render_pdf(
        "parelketting/plaques_pdf.html",
        {"plaques": [plaque_data(p) for p in pearls]},
        stylesheets=["parelketting/plaque.css"],
        request=request,
    )


@login_required
@require_GET
def plaque_pdf_view(request, uid):
    pearl = _plaque_pearl(request, uid)
    return pdf_response(plaques_pdf([pearl], request), filename=f"bordje-{pearl.short_code}.pdf")
