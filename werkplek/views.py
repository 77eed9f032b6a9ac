"""The Werkplek: the staff's home page, "wat vraagt nu uw aandacht", with counts per role that link to the work."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wijk.notices import recent_notices
from wijk.permissions import has_workplace

from .attention import badge_for, badge_total, counts_for, is_moderator, items_for


@require_GET
def home(request):
    """Anonymous visitors log in first; residents without a staff role get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_workplace(request.user):
        raise PermissionDenied
    counts = counts_for(request.user)
    groups = items_for(counts)
    request.werkplek_badge = badge_for(counts)  # the menu shows the counts just made, not the cached ones
    context = {
        "groups": groups,
        "waiting": badge_total(counts),
        "programme_tools": is_moderator(request.user),
        "notices": list(recent_notices(request.user, 5)),
    }
    return render(request, "werkplek/home.html", context)
