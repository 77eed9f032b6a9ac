"""Staff change an activity that is in the programme; who signed up or waits hears what changed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from .. import permissions as perms
from ..choices import ActivityStatus
from ..programme_change import activity_change
from ..programme_forms import ActivityChangeForm


@login_required
@require_http_methods(["GET", "POST"])
def activity_change_view(request, uid):
    """A moderator of the activity's corporation changes time, place or text. Others: 403 or 404."""
    if not perms.can_submit_on_behalf(request.user) and not request.user.is_superuser:
        raise PermissionDenied
    activity = perms.get_activity_for_user(request.user, uid)
    if not perms.is_neighbourhood_moderator(request.user, activity.neighbourhood):
        raise Http404
    if activity.status == ActivityStatus.CANCELLED:
        messages.error(request, _("Deze activiteit gaat niet door. U kunt hem niet meer veranderen."))
        return redirect(activity.get_absolute_url())
    form = ActivityChangeForm(request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = activity_change(
                activity=activity,
                by=request.user,
                title=data["title"],
                description=data["description"],
                place=data.get("place"),
                place_text=data.get("place_text") or "",
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                capacity=data["capacity"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not result.changed:
                messages.info(request, _("Er is niets veranderd."))
            elif result.notified:
                messages.success(
                    request,
                    ngettext(
                        "De activiteit is veranderd. %(n)d bewoner krijgt bericht.",
                        "De activiteit is veranderd. %(n)d bewoners krijgen bericht.",
                        result.notified,
                    )
                    % {"n": result.notified},
                )
            else:
                messages.success(request, _("De activiteit is veranderd."))
            return redirect(activity.get_absolute_url())
    return render(request, "parelketting/activity_change.html", {"activity": activity, "form": form})
