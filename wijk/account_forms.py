"""The account sign-up form, with its honeypot hidden by our stylesheet instead of an inline style.

allauth hides its honeypot (``ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD``) with a ``style`` attribute, which the
content security policy blocks, so people would see an empty box. A filled honeypot creates no account; allauth
answers as if it did, so a bot learns nothing.
"""

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
