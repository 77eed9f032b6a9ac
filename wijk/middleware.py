"""Staff must protect their account with a second step when REQUIRE_STAFF_MFA is on; addresses with a NUL are refused."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .permissions import has_staff_role

_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/health/", "/i18n/")


class StaffMfaMiddleware:
    """Sends staff without an authenticator app to the page where they set one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_mfa(request):
            messages.warning(
                request,
                _("Uw account geeft toegang tot gegevens van bewoners. Stel eerst een tweede stap in met een app."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _needs_mfa(request) -> bool:
        if not getattr(settings, "REQUIRE_STAFF_MFA", False):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if request.path.startswith(_ALLOWED_PREFIXES):
            return False
        if not (user.is_staff or user.is_superuser or has_staff_role(user)):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class PermissionsPolicyMiddleware:
    """Switch off browser features the portal never uses; location only for this site (placing a pearl)."""

    POLICY = "camera=(), microphone=(), payment=(), usb=(), interest-cohort=(), geolocation=(self)"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class NulInputMiddleware:
    """A NUL character (``%00``) in the address is never a real link: 400, or 422 with a JSON message in the API.

    PostgreSQL refuses NUL in text, so without this every lookup by a slug, code or filter in the address would
    fail with a 500 (forms already refuse NUL in what is typed; this covers paths and query strings in one place).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in part for pair in request.GET.lists() for part in (pair[0], *pair[1])
        ):
            message = _("Dit adres klopt niet: er staat een teken in dat niet kan. Controleer de link.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=422, json_dumps_params={"ensure_ascii": False})
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
