"""Each neighbourhood's front door (``/zuidwijk/``) and the neighbourhood a visitor chose once.

**Parts.** ``wijk`` knows no app, so each app says what it adds in its own ``frontdoor`` module, found
through the app registry (as for erasure): ``PARTS = [Part(...)]``. A part belongs to one experiment
(``Neighbourhood.experiment``) or, with ``experiment=""``, to every neighbourhood. It may bring the big
buttons above the fold (``actions_template``), a block further down (``template``, fed by
``context(neighbourhood)``), its main-menu links (``nav_template``), and what a kiosk tablet of the
neighbourhood offers (``kiosk_template``, ``kiosk_views``). A neighbourhood without an
experiment shows every part.

**The choice.** A visitor chooses a neighbourhood once; the cookie ``wijk_keuze`` keeps its slug (a
preference only, like the text size, so public pages stay cacheable per choice). Without the cookie a
logged-in resident gets their own neighbourhood, kept in the session at login. The neighbourhoods themselves
come from the shared cache, so reading the choice costs no query on most pages.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module

from django.apps import apps
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.urls import reverse
from django.utils.module_loading import module_has_submodule

from .models import Neighbourhood
from .public_cache import SITE, versioned_key

COOKIE = "wijk_keuze"
SESSION_KEY = "wijk_eigen_wijk"
ONE_YEAR = 365 * 24 * 3600
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


def _nothing(neighbourhood) -> dict:
    return {}


@dataclass(frozen=True)
class Part:
    """What one app adds to a front door and to the main menu."""

    key: str
    experiment: str = ""
    order: int = 50
    question: str = ""
    actions_template: str = ""
    template: str = ""
    nav_template: str = ""
    context: Callable[[Neighbourhood], dict] = _nothing
    # The kiosk tablet (``wijk.kiosk``): its big buttons on the kiosk home, and the views a kiosk of a
    # neighbourhood with this experiment may open.
    kiosk_template: str = ""
    kiosk_views: tuple[str, ...] = ()

    def applies_to(self, neighbourhood) -> bool:
        return not self.experiment or not neighbourhood.experiment or self.experiment == neighbourhood.experiment


@lru_cache(maxsize=1)
def parts() -> tuple[Part, ...]:
    """Every app's front-door parts, in their order."""
    found = []
    for config in apps.get_app_configs():
        if config.name != "wijk" and module_has_submodule(config.module, "frontdoor"):
            found.extend(import_module(f"{config.name}.frontdoor").PARTS)
    return tuple(sorted(found, key=lambda part: (part.order, part.key)))


def parts_for(neighbourhood) -> list[Part]:
    return [part for part in parts() if part.applies_to(neighbourhood)]


def menu_parts(neighbourhood) -> list[Part]:
    """The parts whose links go in the main menu: those of the chosen neighbourhood, or all without a choice."""
    return [part for part in parts() if part.nav_template and (neighbourhood is None or part.applies_to(neighbourhood))]


def chosen_slug(request) -> str:
    value = request.COOKIES.get(COOKIE, "")
    return value if _SLUG.match(value) else ""


@dataclass(frozen=True)
class Chosen:
    """What the menu needs of a chosen neighbourhood, kept in the shared cache."""

    slug: str
    name: str
    experiment: str

    def get_absolute_url(self) -> str:
        return reverse("wijk:front_door", kwargs={"slug": self.slug})


def _neighbourhoods() -> dict[str, Chosen]:
    """Every neighbourhood by slug, from the shared cache until neighbourhoods change (a short table)."""
    key = versioned_key("wijk:frontdoor:neighbourhoods", SITE)
    found = cache.get(key)
    if found is None:
        found = {slug: Chosen(slug, name, experiment) for slug, name, experiment in _rows()}
        cache.set(key, found, 3600)
    return found


def _rows():
    return Neighbourhood.objects.values_list("slug", "name", "experiment")


def resident_slug(user) -> str:
    """The slug of the logged-in resident's own neighbourhood, or "" (staff, partners, no resident yet)."""
    found = Neighbourhood.objects.filter(residents__user=user).values_list("slug", flat=True).first()
    return found or ""


def session_remember(request, user) -> None:
    """At login, and when a resident moves: keep their neighbourhood in the session, so no page asks again."""
    if hasattr(request, "session"):
        request.session[SESSION_KEY] = resident_slug(user)
    request.__dict__.pop("_wijk_chosen", None)


def chosen_neighbourhood(request):
    """The neighbourhood chosen on this device (cookie), else a logged-in resident's own, else None.

    No query when the shared cache holds the neighbourhoods; a resident's own comes from the session.
    """
    if hasattr(request, "_wijk_chosen"):
        return request._wijk_chosen
    slug = chosen_slug(request)
    user = getattr(request, "user", None)
    if not slug and user is not None and user.is_authenticated and hasattr(request, "session"):
        if SESSION_KEY not in request.session:  # a session from before this was kept
            request.session[SESSION_KEY] = resident_slug(user)
        slug = request.session[SESSION_KEY]
    found = _neighbourhoods().get(slug) if slug else None
    request._wijk_chosen = found
    return found


def show_in_menu(request, neighbourhood) -> None:
    """On a neighbourhood's own pages the menu shows that neighbourhood, whatever was chosen (nothing is stored)."""
    request._wijk_chosen = neighbourhood


def remember(response, neighbourhood) -> None:
    response.set_cookie(COOKIE, neighbourhood.slug, max_age=ONE_YEAR, samesite="Lax", httponly=True)


def forget(response) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")


def _on_login(sender, request, user, **kwargs) -> None:
    if request is not None:
        session_remember(request, user)


def connect_signals() -> None:
    user_logged_in.connect(_on_login, dispatch_uid="wijk-frontdoor-login")
