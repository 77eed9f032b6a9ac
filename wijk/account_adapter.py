"""How allauth (sign-up, log in, login codes) fits the portal."""

from allauth.account.adapter import DefaultAccountAdapter

from lib.antispam import client_ip

from . import login_codes
from .permissions import has_workplace


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, with the portal's one way of telling visitors apart for its login limits."""

    def get_login_redirect_url(self, request):
        """Staff land on their Werkplek ("wat vraagt nu uw aandacht"); residents on their account page."""
        from django.conf import settings
        from django.urls import reverse

        if has_workplace(request.user):
            return reverse(settings.STAFF_HOME_URL)
        return super().get_login_redirect_url(request)

    def get_client_ip(self, request):
        return client_ip(request)

    def generate_login_code(self) -> str:
        return login_codes.new_code()

    def generate_email_verification_code(self) -> str:
        return login_codes.new_code()
