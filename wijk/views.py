import secrets
from datetime import UTC, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from lib import display
from lib.links import absolute_url

from . import frontdoor, services
from .account_forms import NeighbourhoodForm
from .context_processors import SITE_NAME, THEME_COLOUR
from .models import Neighbourhood, Resident
from .permissions import active_roles, may_handle_callbacks, may_print_letters


@require_GET
def home(request):
    """Asks once which neighbourhood is yours; with a choice (or as a resident) you go straight to its front door."""
    chosen = frontdoor.chosen_neighbourhood(request)
    if chosen is not None:
        return redirect(chosen.get_absolute_url())
    neighbourhoods = Neighbourhood.objects.select_related("corporation").order_by("municipality", "name")
    return render(request, "wijk/home.html", {"neighbourhoods": neighbourhoods})


@require_GET
def privacy(request):
    return render(request, "wijk/privacy.html")


@require_GET
def accessibility(request):
    return render(request, "wijk/accessibility.html")


@login_required
@require_GET
def account(request):
    resident = getattr(request.user, "resident", None)
    roles = active_roles(request.user)
    context = {
        "resident": resident,
        "roles": roles,
        "can_print_letters": may_print_letters(request.user),
        "can_handle_callbacks": may_handle_callbacks(request.user),
    }
    return render(request, "wijk/account.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def neighbourhood_choose(request):
    """Choose or change the neighbourhood you live in, then go back to where you were (``?next=``)."""
    resident = Resident.objects.filter(user=request.user).select_related("neighbourhood").first()
    initial = {"neighbourhood": resident.neighbourhood_id} if resident else None
    form = NeighbourhoodForm(request.POST or None, initial=initial)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        resident = services.resident_neighbourhood_choose(
            user=request.user, neighbourhood=form.cleaned_data["neighbourhood"]
        )
        frontdoor.session_remember(request, request.user)
        messages.success(request, _("Uw wijk is nu %(name)s.") % {"name": resident.neighbourhood.name})
        return redirect(next_url or "wijk:account")
    return render(request, "wijk/neighbourhood.html", {"form": form, "resident": resident, "next": next_url})


@never_cache
@require_GET
def health(request):
    """For load balancers and monitoring: each shared store's state; 503 only when the database is gone.

    Without the cache the portal still serves (pages uncached, sessions from the database) and without
    object storage only photos fail, so both make the answer "degraded", not a reason to leave rotation.
    """
    report = {"status": "ok", "database": health_database(), "cache": health_cache(), "storage": health_storage()}
    if "unavailable" in report.values():
        report["status"] = "degraded"
    return JsonResponse(report, status=503 if report["database"] != "ok" else 200)


@require_safe
def web_manifest(request):
    """The web app manifest: name and icons when a resident puts the portal on their phone's home screen."""
    icons = [
        {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {"src": static("img/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        {"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    manifest = {
        "name": SITE_NAME,
        "short_name": SITE_NAME,
        "description": _("Doe mee in uw wijk met wat u kunt en wilt."),
        "lang": get_language(),
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def favicon(request):
    """Browsers that ask for /favicon.ico without reading the page's icon links."""
    return redirect(static("img/favicon.ico"), permanent=True)


@require_GET
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a weakness, valid for half a year from today."""
    expires = timezone.now().replace(microsecond=0) + timedelta(days=180)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {absolute_url(reverse('security_txt'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def health_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def health_cache() -> str:
    """A value written and read back: a cache that ignores its errors answers None instead of failing."""
    token = secrets.token_hex(8)
    key = f"wijk:health:{token}"
    try:
        cache.set(key, token, 10)
        found = cache.get(key)
        cache.delete(key)
    except Exception:  # noqa: BLE001 - any failure of the cache is reported, never raised
        return "unavailable"
    return "ok" if found == token else "unavailable"


def health_storage() -> str:
    """Asks the photo storage (disk or S3-compatible) about a name; an unreachable store raises."""
    try:
        default_storage.exists("health/check.txt")
    except Exception:  # noqa: BLE001 - any failure of the storage is reported, never raised
        return "unavailable"
    return "ok"


@csrf_exempt
@require_POST
def display_preferences(request):
    """Store the text size and contrast chosen by the visitor in cookies (no account needed)."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    display.store(response, text=request.POST.get("text"), contrast=request.POST.get("contrast"))
    return response
