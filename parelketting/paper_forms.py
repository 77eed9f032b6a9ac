"""The questions of the paper sign-up form, and the form staff use to type such a paper form in.

The paper form prints ``SignUpQuestionsForm``; staff type it in with ``PaperSignUpEntryForm``, which has the
same fields plus who typed it in and how it came in. One class, so the paper and the screen ask the same.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.form_fields import PhoneField
from wijk.choices import Channel
from wijk.contact_question import (
    PAPER_EMAIL_LABEL,
    PAPER_LETTER_LABEL,
    PAPER_PHONE_LABEL,
    email_detail,
    letter_detail,
    phone_detail,
)
from wijk.models import Resident

from .forms import PAPER_REPLY_ANSWERS, AccessibleErrorsMixin

PAPER_CHANNELS = [(c.value, c.label) for c in (Channel.PAPER, Channel.PHONE, Channel.IN_PERSON)]


class SignUpQuestionsForm(AccessibleErrorsMixin, forms.Form):
    """What a resident writes on the paper sign-up form: a name and how we can reach them."""

    first_name = forms.CharField(label=_("Uw voornaam"), max_length=60, required=False)
    phone = PhoneField(label=_("Uw telefoonnummer"), required=False)
    email = forms.EmailField(
        label=_("Uw e-mailadres (mag u overslaan)"),
        required=False,
        error_messages={"invalid": _("Dit e-mailadres klopt niet. Kijk het nog eens na.")},
    )
    postal_address = forms.CharField(
        label=_("Uw adres (voor een brief)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Geen e-mail? Dan krijgt u een brief als er iets verandert."),
    )


class PaperPearlAboutForm(forms.Form):
    """What the paper pearl form asks about the person: a first name and how to hear back. Staff type the answers
    in with the "new resident" questions of ``OnBehalfForm`` (``new_`` and the same name)."""

    first_name = forms.CharField(label=_("Uw voornaam"), max_length=60, required=False)
    contact_preference = forms.ChoiceField(
        label=_("Wilt u horen wat wij met uw parel doen?"),
        choices=PAPER_REPLY_ANSWERS,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Niets terug horen? Zet dan geen kruisje."),
    )
    phone = phone_detail(PAPER_PHONE_LABEL)
    email = email_detail(PAPER_EMAIL_LABEL)
    postal_address = letter_detail(PAPER_LETTER_LABEL, rows=2)


class PaperSignUpEntryForm(SignUpQuestionsForm):
    """Staff type in a paper sign-up (or a phone call): a known resident, or a new one from the form."""

    resident = forms.ModelChoiceField(
        label=_("Welke bewoner?"),
        queryset=Resident.objects.none(),
        required=False,
        empty_label=_("Een nieuwe bewoner"),
        help_text=_("Staat de bewoner niet in de lijst? Kies dan een nieuwe bewoner en vul de vragen hieronder in."),
    )
    channel = forms.ChoiceField(
        label=_("Hoe kwam de aanmelding binnen?"), choices=PAPER_CHANNELS, initial=Channel.PAPER
    )

    field_order = ["resident", "channel", "first_name", "phone", "email", "postal_address"]

    def __init__(self, *args, neighbourhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = Resident.objects.filter(neighbourhood=neighbourhood).order_by(
            "first_name", "display_name", "pk"
        )
        self.fields["resident"].label_from_instance = lambda r: r.display_name or r.first_name or str(r.uid)[:8]

    def clean(self):
        data = super().clean()
        if data.get("resident") is None and not (data.get("first_name") or "").strip():
            self.add_error(
                "first_name",
                ValidationError(_("Kies een bewoner, of vul de voornaam van een nieuwe bewoner in."), code="who"),
            )
        return data

    def new_resident_fields(self) -> dict:
        data = self.cleaned_data
        first_name = data["first_name"].strip()
        return {
            "first_name": first_name,
            "display_name": first_name,
            "phone": data["phone"].strip(),
            "email": data["email"].strip(),
            "postal_address": data["postal_address"].strip(),
        }
