"""How allauth (sign-up, log in, login codes) fits the portal."""

from allauth.account.adapter import DefaultAccountAdapter

from . import login_codes
from .antispam import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, with the portal's one way of telling visitors apart for its login limits."""

    def get_client_ip(self, request):
        return client_ip(request)

    def generate_login_code(self) -> str:
        return login_codes.new_code()

    def generate_email_verification_code(self) -> str:
        return login_codes.new_code()
