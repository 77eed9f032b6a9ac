"""Staff must protect their account with a second step when REQUIRE_STAFF_MFA is on."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
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
