""" "Bel mij terug": the resident's one-screen form and its answer, and the staff list of call tasks.

The form is public (no account); one visitor may ask ``CALLBACKS_PER_HOUR`` times an hour (``client_ip``).
Staff see only their corporation's call tasks; another corporation's task is a 404, as if it did not exist.
"""

import re
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.antispam import rate_limit_hit

from . import frontdoor
from .forms import CallbackForm
from .models import CallbackStatus, Neighbourhood
from .permissions import callbacks_for_user, get_callback_for_user, may_handle_callbacks
from .services import callback_day, callback_request_create, callback_request_mark

CALLBACKS_PER_HOUR = 3
# The staff buttons: the last part of the URL and the status it records.
MARKS = {
    "gebeld": CallbackStatus.CALLED,
    "niet-bereikt": CallbackStatus.NOT_REACHED,
    "afgehandeld": CallbackStatus.DONE,
}


def _when(day) -> str:
    """``"today"``, ``"tomorrow"`` or ``"later"``: how a call day is said."""
    today = timezone.localdate()
    return "today" if day == today else "tomorrow" if day == today + timedelta(days=1) else "later"


def day_text(day) -> str:
    """ "dinsdag 8 december"; "morgen, dinsdag 8 december" or "vandaag, ..." when it is tomorrow or today."""
    words = {"today": _("vandaag, %(day)s"), "tomorrow": _("morgen, %(day)s"), "later": "%(day)s"}
    return words[_when(day)] % {"day": date_format(day, "l j F")}


def day_sentence(day) -> str:
    """The hint before sending, as one whole sentence for each case (Dutch says "op dinsdag", never "op morgen")."""
    sentences = {
        "today": _("Wij bellen u vandaag, %(day)s."),
        "tomorrow": _("Wij bellen u morgen, %(day)s."),
        "later": _("Wij bellen u op %(day)s."),
    }
    return sentences[_when(day)] % {"day": date_format(day, "l j F")}


def _known_neighbourhood(request):
    """The neighbourhood the page came from (``?wijk=<id>``, from the contact block), else the kiosk's, else the one
    chosen on this device (the cookie of the front door), else the resident's own."""
    wanted = request.GET.get("wijk", "")
    if re.fullmatch(r"[0-9]{1,9}", wanted):
        found = Neighbourhood.objects.filter(pk=int(wanted)).values_list("pk", flat=True).first()
        if found:
            return found
    kiosk = getattr(request, "kiosk", None)
    if kiosk is not None:
        return kiosk.neighbourhood_id
    chosen = frontdoor.chosen_slug(request)  # chosen on the front door ("/"), kept in a cookie
    if chosen:
        found = Neighbourhood.objects.filter(slug=chosen).values_list("pk", flat=True).first()
        if found:
            return found
    if request.user.is_authenticated:
        try:
            return request.user.resident.neighbourhood_id
        except ObjectDoesNotExist:
            return None
    return None


@require_http_methods(["GET", "POST"])
def callback_ask(request):
    """One screen: phone, when, which neighbourhood (chosen for the resident when known), name and note."""
    call_on = callback_day(timezone.localdate())
    known = _known_neighbourhood(request)
    form = CallbackForm(request.POST or None, initial={"neighbourhood": known}, call_day_hint=day_sentence(call_on))
    context = {"form": form, "known_neighbourhood": known}
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(request, "wijk-callback", CALLBACKS_PER_HOUR):
            context["limited"] = True
            context["neighbourhood"] = form.cleaned_data["neighbourhood"]
            return render(request, "wijk/callback.html", context, status=429)
        data = form.cleaned_data
        callback = callback_request_create(
            neighbourhood=data["neighbourhood"],
            phone=data["phone"],
            day_part=data["day_part"],
            first_name=data["first_name"],
            note=data["note"],
            user=request.user,
        )
        return render(request, "wijk/callback_sent.html", {"callback": callback, "day": day_text(callback.call_on)})
    return render(request, "wijk/callback.html", context)


@login_required
@require_GET
def callback_list(request):
    """The staff's call tasks, newest first: the ones still to do, then the last ones done."""
    if not may_handle_callbacks(request.user):
        raise PermissionDenied
    callbacks = callbacks_for_user(request.user)
    context = {
        "waiting": callbacks.waiting().order_by("-created_at"),
        "done": callbacks.filter(status=CallbackStatus.DONE).order_by("-handled_at")[:10],
        "today": timezone.localdate(),
    }
    return render(request, "wijk/callbacks.html", context)


@login_required
@require_POST
def callback_mark(request, uid, mark):
    """One click: "Gebeld", "Niet bereikt" (counts an attempt) or "Afgehandeld"."""
    callback = get_callback_for_user(request.user, uid)
    if mark not in MARKS:
        raise Http404
    try:
        callback = callback_request_mark(callback=callback, to=MARKS[mark], user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        who = callback.first_name or callback.phone
        messages.success(
            request, _("%(who)s: %(status)s.") % {"who": who, "status": callback.get_status_display().lower()}
        )
    return redirect("wijk:callbacks")
