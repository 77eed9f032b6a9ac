"""The account forms: log in (a wrong password marks its fields) and sign up (the honeypot hidden by our stylesheet).

allauth hides its honeypot (``ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD``) with a ``style`` attribute, which the
content security policy blocks, so people would see an empty box. A filled honeypot creates no account; allauth
answers as if it did, so a bot learns nothing.
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Neighbourhood


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


class LoginForm(AllauthLoginForm):
    """allauth's login form, with a wrong e-mail address or password shown at the fields themselves.

    allauth raises that as a message for the whole form, so only the error summary showed it and no field was marked.
    Here the password field gets allauth's message (its box is empty again: the resident types it once more) and the
    e-mail field a message of its own, so both are marked invalid, each with its message, like every other field.
    Which of the two is wrong is not said (``ACCOUNT_PREVENT_ENUMERATION``). Other messages for the whole form (too
    many tries) stay in the summary.
    """

    MISMATCH = {"email_password_mismatch", "phone_password_mismatch", "username_password_mismatch"}

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as error:
            if getattr(error, "code", None) not in self.MISMATCH:
                raise
            self.add_error("login", forms.ValidationError(_("Kijk of uw e-mailadres goed is."), code="check_login"))
            self.add_error("password", error)
            return self.cleaned_data


class NeighbourhoodForm(forms.Form):
    """Which neighbourhood do you live in? Asked once, and changeable in "Mijn account"."""

    neighbourhood = forms.ModelChoiceField(
        label=_("In welke wijk woont u?"),
        queryset=Neighbourhood.objects.select_related("corporation").order_by("name"),
        empty_label=_("Kies uw wijk"),
        error_messages={
            "required": _("Kies de wijk waar u woont."),
            "invalid_choice": _("Kies een wijk uit de lijst."),
        },
    )
