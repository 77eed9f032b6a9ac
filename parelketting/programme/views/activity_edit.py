"""Staff change or cancel an activity that is in the programme; who signed up or waits hears it in their own way.

Both ask for a reason and show, before anything is sent, who hears it and how (e-mail, letter, a call task for
staff, or nobody). Only the moderators of the activity's corporation (and the superuser) may do this.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ... import permissions as perms
from ...choices import ActivityStatus
from ..change import NOTIFY_FIELDS, activity_change, activity_change_preview
from ..forms import ActivityCancelForm, ActivityChangeForm
from ..services import Reach, activity_cancel_told, attendees_reach


def _activity_for_staff(request, uid):
    """The activity, for a moderator of its corporation. Other staff: 403; another corporation's: 404."""
    if not perms.can_submit_on_behalf(request.user) and not request.user.is_superuser:
        raise PermissionDenied
    activity = perms.get_activity_for_user(request.user, uid)
    if not perms.is_neighbourhood_moderator(request.user, activity.neighbourhood):
        raise Http404
    return activity


def staff_activity_url(activity) -> str:
    """Where staff work on an activity: its Werkplek page (sign-ups, waiting list, change, cancel)."""
    return reverse("werkplek:activity", kwargs={"uid": activity.uid})


def reach_text(reach: Reach) -> str:
    """After sending: how many heard it, and how; in words."""
    if not reach.total:
        return _("Niemand had zich aangemeld. Er gaat geen bericht weg.")
    parts = []
    if reach.email:
        parts.append(ngettext("%(n)d e-mail", "%(n)d e-mails", reach.email) % {"n": reach.email})
    if reach.letter:
        parts.append(
            ngettext("%(n)d brief (bij de brieven)", "%(n)d brieven (bij de brieven)", reach.letter)
            % {"n": reach.letter}
        )
    if reach.call:
        parts.append(
            ngettext("%(n)d belopdracht (bij Terugbellen)", "%(n)d belopdrachten (bij Terugbellen)", reach.call)
            % {"n": reach.call}
        )
    text = _("Bericht gaat naar: %(ways)s.") % {"ways": ", ".join(parts)} if parts else ""
    if reach.nobody:
        text += " " + ngettext(
            "%(n)d bewoner kunnen wij niet bereiken: die hoort het niet.",
            "%(n)d bewoners kunnen wij niet bereiken: die horen het niet.",
            reach.nobody,
        ) % {"n": reach.nobody}
    return text.strip()


@login_required
@require_http_methods(["GET", "POST"])
def activity_change_view(request, uid):
    """Change time, place or text. A change that people who signed up hear about first shows who hears it, and
    how; then the moderator confirms (with a reason, if they like). Others: 403 or 404."""
    activity = _activity_for_staff(request, uid)
    if activity.status == ActivityStatus.CANCELLED:
        messages.error(request, _("Deze activiteit gaat niet door. U kunt hem niet meer veranderen."))
        return redirect(activity.get_absolute_url())
    form = ActivityChangeForm(request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = {
            "title": data["title"],
            "description": data["description"],
            "place": data.get("place"),
            "place_text": data.get("place_text") or "",
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "capacity": data["capacity"],
        }
        changed = activity_change_preview(activity=activity, **new)
        tells = activity.status == ActivityStatus.PUBLISHED and any(name in NOTIFY_FIELDS for name in changed)
        reach = attendees_reach(activity) if tells and not data.get("confirmed") else None
        if reach is not None and reach.total:  # nobody to tell: no confirmation needed
            context = {"activity": activity, "form": form, "changed": changed, "reach": reach}
            return render(request, "parelketting/activity_change_confirm.html", context)
        try:
            result = activity_change(activity=activity, by=request.user, reason=data.get("reason") or "", **new)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not result.changed:
                messages.info(request, _("Er is niets veranderd."))
            elif any(name in NOTIFY_FIELDS for name in result.changed) and activity.status == ActivityStatus.PUBLISHED:
                messages.success(request, _("De activiteit is veranderd.") + " " + reach_text(result.reach))
            else:
                messages.success(request, _("De activiteit is veranderd."))
            return redirect(staff_activity_url(activity))
    return render(request, "parelketting/activity_change.html", {"activity": activity, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def activity_cancel_view(request, uid):
    """The confirmation step for cancelling: who hears it and how, and the reason they read. Then it is done."""
    activity = _activity_for_staff(request, uid)
    if activity.status != ActivityStatus.PUBLISHED or activity.is_past:
        messages.error(request, _("Alleen een activiteit die nog komt, kan vervallen."))
        return redirect(staff_activity_url(activity))
    form = ActivityCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reach = activity_cancel_told(activity=activity, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("‘%(title)s’ gaat niet door.") % {"title": activity.title} + " " + reach_text(reach),
            )
            return redirect(staff_activity_url(activity))
    context = {"activity": activity, "form": form, "reach": attendees_reach(activity)}
    return render(request, "parelketting/activity_cancel.html", context, status=400 if form.errors else 200)
