"""The account sign-up form, with its honeypot hidden by our stylesheet instead of an inline style.

allauth hides its honeypot (``ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD``) with a ``style`` attribute, which the
content security policy blocks, so people would see an empty box. A filled honeypot creates no account; allauth
answers as if it did, so a bot learns nothing.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.conf import settings


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        honeypot = self.fields.get(getattr(settings, "ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD", None) or "")
        if honeypot is not None:
            honeypot.widget.attrs = {
                "class": "honeypot",
                "tabindex": "-1",
                "autocomplete": "off",
                "aria-hidden": "true",
            }
