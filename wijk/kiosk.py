"""Kiosk mode for a shared tablet at the Droomhuis and the pop-up space.

A moderator or broker starts the kiosk on the tablet (``/kiosk/start/``). That sets a signed cookie that
marks the browser as a kiosk. From then on the middleware below:

- logs out anyone who is logged in on that browser (a kiosk never keeps anyone logged in);
- lets through only the kiosk pages, "bel mij terug", the language and display switches, and what the
  neighbourhood's experiment brings to a kiosk (``frontdoor.Part.kiosk_views``: the dream form, its thank-you
  page and receipt at the Droomhuis; the kiosk pearl form and the programme in the Zuidwijk); every other page
  sends the visitor to the kiosk home;
- shows every page in large letters and loads ``kiosk.css`` and ``kiosk.js`` (back to the start after a
  minute without use);
- sends ``Cache-Control: no-store`` so the back button cannot show the page of the previous visitor.

The kiosk home clears the session and the one thank-you page the kiosk may show, so every visitor starts
empty. A staff member ends kiosk mode at ``/kiosk/stop/`` with their e-mail address and password; that
checks the password but does not log them in.
"""

from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from lib import display
from lib.guesses import GuessLimit

from . import frontdoor
from .choices import OrganisationKind, RoleKind
from .models import Neighbourhood
from .permissions import active_roles

KIOSK_COOKIE = "wijk_kiosk"
KIOSK_SALT = "wijk.kiosk"
KIOSK_MAX_AGE = 180 * 24 * 3600
THANKS_COOKIE = "wijk_kiosk_bedankt"
THANKS_SALT = "wijk.kiosk.thanks"
THANKS_SECONDS = 90
IDLE_SECONDS = 60
SESSION_MARK = "wijk_kiosk"
KIOSK_ROLES = (RoleKind.MODERATOR, RoleKind.BROKER)
# Stopping the kiosk takes a staff password: wrong ones count per client and per e-mail address, per hour.
STOP_GUESSES = GuessLimit("kiosk-stop", per_client=10, per_secret=20)
COOKIE_GUESSES = GuessLimit("kiosk-cookie", per_client=20, per_secret=200)

# View names every kiosk may open. Each app adds its own for the neighbourhoods of its experiment
# (``Part.kiosk_views`` in its ``frontdoor`` module), so a Zuidwijk tablet never opens the Almelo dream form.
# Everything else goes back to the kiosk home.
ALLOWED_VIEWS = {
    "wijk:kiosk",
    "wijk:kiosk_start",
    "wijk:kiosk_stop",
    "wijk:display",
    "set_language",
    "wijk:callback",
}


@dataclass
class Kiosk:
    """What the kiosk cookie says: who started the kiosk and for which neighbourhood."""

    started_by_id: int
    neighbourhood_id: int

    @cached_property
    def neighbourhood(self):
        return Neighbourhood.objects.filter(pk=self.neighbourhood_id).first()

    def parts(self) -> list:
        """The front-door parts of the kiosk's neighbourhood that bring something to the kiosk."""
        if self.neighbourhood is None:
            return []
        return [part for part in frontdoor.parts_for(self.neighbourhood) if part.kiosk_template or part.kiosk_views]

    @property
    def started_by(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(pk=self.started_by_id, is_active=True).first()


def read(request) -> Kiosk | None:
    """The kiosk this browser was turned into, or None. A cookie with a wrong signature counts as a wrong
    guess (it cannot be guessed: a 256-bit signature); past the limit, that client's kiosk cookies are ignored."""
    try:
        value = request.get_signed_cookie(KIOSK_COOKIE, salt=KIOSK_SALT, max_age=KIOSK_MAX_AGE)
        user_id, neighbourhood_id = (int(part) for part in value.split(":"))
    except KeyError:
        return None
    except (ValueError, signing.BadSignature):
        COOKIE_GUESSES.wrong(request)
        return None
    if not COOKIE_GUESSES.allows(request):
        return None
    return Kiosk(started_by_id=user_id, neighbourhood_id=neighbourhood_id)


def thanks_remember(response, reference: str) -> None:
    """The kiosk may show this one thank-you page, for a short time."""
    response.set_signed_cookie(
        THANKS_COOKIE, reference, salt=THANKS_SALT, max_age=THANKS_SECONDS, httponly=True, samesite="Lax"
    )


def thanks_allowed(request, reference: str) -> bool:
    try:
        shown = request.get_signed_cookie(THANKS_COOKIE, salt=THANKS_SALT, max_age=THANKS_SECONDS)
    except (KeyError, signing.BadSignature):
        return False
    return shown == reference


def _mark_session(request) -> None:
    """A kiosk browser always has a session, so the shared page cache never answers it."""
    if not request.session.get(SESSION_MARK):
        request.session[SESSION_MARK] = True


def _allowed(request) -> bool:
    if settings.STATIC_URL and request.path_info.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    if match.view_name in ALLOWED_VIEWS:
        return True
    return any(match.view_name in part.kiosk_views for part in request.kiosk.parts())


class KioskMiddleware:
    """Place right after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.kiosk = read(request)
        if request.kiosk is None:
            return self.get_response(request)
        if request.user.is_authenticated:
            logout(request)
        _mark_session(request)
        request.COOKIES = {**request.COOKIES, display.TEXT_COOKIE: "groter"}
        response = self.get_response(request) if _allowed(request) else redirect("wijk:kiosk")
        response["Cache-Control"] = "no-store"
        return response


# Views ---------------------------------------------------------------------------------------------


def _kiosk_neighbourhoods(user):
    """Neighbourhoods of the corporations where the user is a moderator or broker."""
    ids, corporations = set(), set()
    for role in active_roles(user, *KIOSK_ROLES):
        if role.organisation.kind != OrganisationKind.CORPORATION:
            continue
        if role.neighbourhood_id:
            ids.add(role.neighbourhood_id)
        else:
            corporations.add(role.organisation_id)
    return Neighbourhood.objects.filter(pk__in=ids) | Neighbourhood.objects.filter(corporation_id__in=corporations)


class KioskStartForm(forms.Form):
    neighbourhood = forms.ModelChoiceField(
        label=_("Voor welke wijk is de tablet?"),
        queryset=Neighbourhood.objects.none(),
        empty_label=None,
        error_messages={"required": _("Kies een wijk."), "invalid_choice": _("Kies een wijk uit de lijst.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = _kiosk_neighbourhoods(user).order_by("name")


class KioskStopForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres als medewerker"), error_messages={"required": _("Vul uw e-mailadres in.")}
    )
    password = forms.CharField(
        label=_("Uw wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )


def home(request):
    """Three big buttons. Every visitor starts here with an empty session."""
    if request.kiosk is None:
        return redirect("wijk:home")
    request.session.flush()
    _mark_session(request)
    context = {
        "idle_seconds": IDLE_SECONDS,
        "neighbourhood": request.kiosk.neighbourhood,
        "kiosk_templates": [part.kiosk_template for part in request.kiosk.parts() if part.kiosk_template],
    }
    response = render(request, "wijk/kiosk.html", context)
    response.delete_cookie(THANKS_COOKIE)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    """A moderator or broker turns this browser into a kiosk for one neighbourhood."""
    if not active_roles(request.user, *KIOSK_ROLES):
        raise PermissionDenied
    form = KioskStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user_id = request.user.pk
        logout(request)
        _mark_session(request)
        response = redirect("wijk:kiosk")
        response.set_signed_cookie(
            KIOSK_COOKIE,
            f"{user_id}:{form.cleaned_data['neighbourhood'].pk}",
            salt=KIOSK_SALT,
            max_age=KIOSK_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response
    return render(request, "wijk/kiosk_start.html", {"form": form})


@require_http_methods(["GET", "POST"])
def stop(request):
    """A moderator or broker ends kiosk mode with their e-mail address and password (no login)."""
    if request.kiosk is None:
        return redirect("wijk:home")
    form = KioskStopForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if not STOP_GUESSES.allows(request, email):
            form.add_error(None, _("U heeft het vaak geprobeerd. Wacht een uur en probeer het dan opnieuw."))
            status = 429
        else:
            user = authenticate(
                request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            ) or authenticate(request, username=form.cleaned_data["email"], password=form.cleaned_data["password"])
            if user is not None and active_roles(user, *KIOSK_ROLES):
                request.session.flush()
                response = redirect("wijk:home")
                response.delete_cookie(KIOSK_COOKIE)
                response.delete_cookie(THANKS_COOKIE)
                return response
            STOP_GUESSES.wrong(request, email)
            form.add_error(None, _("Dit lukte niet. Alleen een moderator of droommakelaar kan de kiosk stoppen."))
            status = 403
    return render(request, "wijk/kiosk_stop.html", {"form": form}, status=status)
