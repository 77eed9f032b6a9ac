"""Forms of the shared part of the portal that residents fill in without an account."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.antispam import HoneypotForm
from lib.form_fields import PhoneField

from .models import DayPart, Neighbourhood

PHONE_CHARACTERS = re.compile(r"^[\d\s+().-]+$")


class CallbackForm(HoneypotForm):
    """ "Bel mij terug": a phone number, a part of the day and the neighbourhood; a name and a note if the
    resident likes. ``call_day_hint`` ("Wij bellen u op dinsdag 8 december.") tells, before sending, on which day
    we call."""

    phone = PhoneField(
        label=_("Uw telefoonnummer"),
        help_text=_("Bijvoorbeeld 06 12 34 56 78 of 0186 123 456."),
        error_messages={"required": _("Vul uw telefoonnummer in.")},
    )
    day_part = forms.ChoiceField(
        label=_("Wanneer kunnen wij u het beste bellen?"),
        choices=DayPart.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wanneer wij u kunnen bellen.")},
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("In welke wijk woont u?"),
        queryset=Neighbourhood.objects.select_related("corporation").order_by("name"),
        empty_label=_("Kies uw wijk"),
        help_text=_("Dan belt iemand van uw eigen woningcorporatie."),
        error_messages={
            "required": _("Kies de wijk waar u woont."),
            "invalid_choice": _("Kies een wijk uit de lijst."),
        },
    )
    first_name = forms.CharField(label=_("Uw voornaam"), max_length=60, required=False)
    note = forms.CharField(
        label=_("Waarover wilt u praten?"),
        help_text=_("Een paar woorden is genoeg. U mag dit ook leeg laten."),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, call_day_hint="", **kwargs):
        super().__init__(*args, **kwargs)
        if call_day_hint:
            self.fields["day_part"].help_text = call_day_hint
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        digits = sum(ch.isdigit() for ch in phone)
        if not PHONE_CHARACTERS.match(phone) or not 10 <= digits <= 15:
            raise ValidationError(
                _("Dit telefoonnummer klopt niet. Een nummer heeft 10 cijfers, bijvoorbeeld 06 12 34 56 78."),
                code="phone_digits",
            )
        return phone

    def full_clean(self):
        """Link each field to its hint and its error (``aria-describedby``), as ``wijk/_field.html`` names them."""
        super().full_clean()
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}_helptext")
            if name in self.errors:
                ids.append(f"{bound.auto_id}_errors")
            if ids and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = " ".join(ids)
