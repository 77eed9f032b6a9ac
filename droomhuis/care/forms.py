"""Forms for signals, consent recorded by the broker, referrals, reviews, partner steps and pairings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wijk.choices import Channel, DataCategory, OrganisationKind
from wijk.models import Organisation

from .models import SignalKind
from .referrals import REFERRABLE
from .workflow import ReferralOutcome, ReferralStatus, partner_targets

CONSENT_METHODS = [(c.value, c.label) for c in (Channel.PHONE, Channel.IN_PERSON, Channel.PAPER)]
CATEGORY_CHOICES = [(c, DataCategory(c).label) for c in REFERRABLE]


def partners_of(corporation):
    return Organisation.objects.filter(kind=OrganisationKind.PARTNER, works_with=corporation).order_by("name")


class SignalForm(forms.Form):
    prefix = "signal"
    kind = forms.ChoiceField(
        label=_("Wat voor signaal?"),
        choices=SignalKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat voor signaal het is.")},
    )
    description = forms.CharField(
        label=_("Wat viel u op? (kort)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort op wat u opviel.")},
    )
    follow_up = forms.CharField(label=_("Wat doen we ermee? (mag leeg)"), max_length=500, required=False)


class PartnerChoiceForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Organisation.objects.none(), empty_label=None)

    def __init__(self, *args, corporation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners_of(corporation)


class ConsentAnswerForm(forms.Form):
    """How the resident said yes to sharing (``categories``, which each form asks in its own words): in what way,
    a separate clear yes for health, and a note. A health category without that separate yes is refused."""

    method = forms.ChoiceField(label=_("Hoe zei de bewoner ja?"), choices=CONSENT_METHODS, widget=forms.RadioSelect)
    explicit = forms.BooleanField(label=_("Gezondheid: de bewoner zei hier apart en duidelijk ja op."), required=False)
    note = forms.CharField(label=_("Toelichting (mag leeg)"), max_length=300, required=False)
    field_order = ["partner", "categories", "method", "explicit", "note"]

    def clean(self):
        data = super().clean()
        if DataCategory.HEALTH in (data.get("categories") or []) and not data.get("explicit"):
            self.add_error(
                "explicit", _("Voor gezondheid is een apart, duidelijk ja nodig. Vink dit aan als dat zo is.")
            )
        return data


def categories_field(label) -> forms.MultipleChoiceField:
    """Which kinds of the resident's data go to a partner: at least one, as tick boxes."""
    return forms.MultipleChoiceField(
        label=label,
        choices=CATEGORY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één soort gegevens.")},
    )


class ReferralConsentForm(PartnerChoiceForm, ConsentAnswerForm):
    prefix = "consent"
    categories = categories_field(_("Welke gegevens mogen mee?"))


class ReferralForm(PartnerChoiceForm):
    prefix = "referral"
    categories = categories_field(_("Welke gegevens gaan mee?"))
    question = forms.CharField(
        label=_("Wat vraagt u aan de partner?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort wat u de partner vraagt.")},
    )


class AcuteReferralForm(PartnerChoiceForm):
    prefix = "acute"
    question = forms.CharField(label=_("Wat moet de partner doen?"), max_length=500)
    justification = forms.CharField(
        label=_("Waarom kan dit niet wachten, en waarom zonder toestemming?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Een andere droommakelaar beoordeelt dit binnen één werkdag."),
    )


class ReviewForm(forms.Form):
    prefix = "review"
    note = forms.CharField(label=_("Uw oordeel"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class PartnerStepForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Wat is er gebeurd?"), choices=(), widget=forms.RadioSelect)
    outcome = forms.ChoiceField(
        label=_("Uitkomst (bij afsluiten)"), choices=[("", "—"), *ReferralOutcome.choices], required=False
    )
    note = forms.CharField(label=_("Korte toelichting (mag leeg)"), max_length=500, required=False)

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ReferralStatus.choices)
        self.fields["to_status"].choices = [(s, labels[s]) for s in partner_targets(referral.status)]

    def clean(self):
        data = super().clean()
        if data.get("to_status") == ReferralStatus.CLOSED and not data.get("outcome"):
            self.add_error("outcome", _("Kies een uitkomst."))
        return data


class BrokerCloseForm(forms.Form):
    prefix = "close"
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=ReferralOutcome.choices)


def experts_of(corporation):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(roles__organisation=corporation, roles__kind="expert", roles__active=True)
        .distinct()
        .order_by("name", "email")
    )


class ExpertChoiceForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Ervaringsdeskundige"), queryset=None, empty_label=None)

    def __init__(self, *args, corporation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts_of(corporation)
        self.fields["expert"].label_from_instance = lambda user: user.name or user.email


class PairingForm(ExpertChoiceForm):
    prefix = "pairing"


class ConfidentialityForm(ExpertChoiceForm):
    prefix = "secrecy"
    signed_on = forms.DateField(
        label=_("Getekend op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Deze datum klopt niet.")},
    )


PAIRING_CATEGORIES = [
    (c, DataCategory(c).label) for c in (DataCategory.CONTACT, DataCategory.DREAM, *SignalKind.values)
]


class PairingConsentForm(ConsentAnswerForm):
    prefix = "pairconsent"
    categories = forms.MultipleChoiceField(
        label=_("Wat mag de ervaringsdeskundige weten?"),
        choices=PAIRING_CATEGORIES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één soort gegevens.")},
    )


class ExpertNoteForm(forms.Form):
    prefix = "expertnote"
    body = forms.CharField(
        label=_("Notitie voor de droommakelaar"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen de droommakelaar van deze droom leest dit."),
        error_messages={"required": _("Schrijf eerst uw notitie voor de droommakelaar.")},
    )
