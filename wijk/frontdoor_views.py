"""The front door of each neighbourhood, and choosing a neighbourhood once (see ``wijk.frontdoor``)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from lib.photos import photo_response

from . import frontdoor
from .models import Neighbourhood


@require_GET
def front_door(request, slug):
    """One neighbourhood: its question, the one or two things to do now, what is alive there, whom to reach."""
    neighbourhood = get_object_or_404(Neighbourhood.objects.select_related("corporation"), slug=slug)
    parts = frontdoor.parts_for(neighbourhood)
    frontdoor.show_in_menu(request, neighbourhood)
    question = next((part.question for part in parts if part.question and part.experiment), "")
    sections = [(part, part.context(neighbourhood)) for part in parts if part.template]
    context = {
        "neighbourhood": neighbourhood,
        "question": question,
        "action_parts": [part for part in parts if part.actions_template],
        "sections": sections,
    }
    return render(request, "wijk/front_door.html", context)


@require_GET
def mood_image(request, slug):
    """The neighbourhood's mood image (``?w=480`` a smaller copy): public, like the front door."""
    neighbourhood = get_object_or_404(Neighbourhood.objects.only("mood_image"), slug=slug)
    if not neighbourhood.mood_image:
        raise Http404
    return photo_response(neighbourhood.mood_image, request)


# Choosing only sets a preference cookie (like the language and text size), so the form carries no CSRF token
# and public pages stay free of per-visitor tokens.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def choose(request):
    """Which neighbourhood is yours? A button per neighbourhood; works without JavaScript."""
    if request.method == "POST":
        neighbourhood = Neighbourhood.objects.filter(slug=request.POST.get("wijk", "")).first()
        if neighbourhood is None:
            response = redirect("wijk:choose")
        else:
            response = redirect(neighbourhood.get_absolute_url())
            frontdoor.remember(response, neighbourhood)
        return response
    return render(request, "wijk/choose.html", {"neighbourhoods": _neighbourhoods()})


def _neighbourhoods():
    return Neighbourhood.objects.only("name", "slug", "municipality").order_by("municipality", "name")
