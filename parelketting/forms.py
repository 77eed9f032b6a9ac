"""Forms residents and staff fill in. Explicit fields only; errors sit next to the field they belong to."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from lib.antispam import HoneypotForm
from lib.form_fields import PhoneField, PhotoDescriptionField, PhotoUploadField
from lib.photos import MAX_UPLOAD_BYTES, KeptPhotoMixin, photo_process
from wijk.account_forms import NeighbourhoodForm
from wijk.choices import Channel, ContactPreference, OrganisationKind
from wijk.contact_question import contact_question_check, email_detail, letter_detail, phone_detail
from wijk.models import Neighbourhood, Organisation, Resident, Theme

from .choices import PearlKind, ReportWhat
from .models import Pearl

# A phone number as people type it: digits, spaces, brackets, "+" and "-" (10 to 15 digits, checked apart).
PHONE_CHARACTERS = re.compile(r"[\d\s()+-]+")

LOCATION_REQUIRED = _("Waar is deze plek? Zet de parel op de kaart, kies een straat of beschrijf de plek.")

# A point more than this many degrees from the neighbourhood's centre is not in the neighbourhood.
MAX_DISTANCE_DEG = Decimal("0.03")


class DescribedErrorsMixin:
    """Point each invalid field at its own error text and hint (``wijk/_field.html`` ids), for screen readers."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields and not isinstance(self.fields[name].widget, forms.RadioSelect):
                auto_id = self[name].auto_id
                described = [f"{auto_id}_errors"] + ([f"{auto_id}_helptext"] if self.fields[name].help_text else [])
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": " ".join(described)})


# The parelketting forms' name for it; their optional fields say "(mag leeg blijven)" in wijk/_field.html.
class AccessibleErrorsMixin(DescribedErrorsMixin):
    mark_optional = True


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class PearlForm(AccessibleErrorsMixin, KeptPhotoMixin, HoneypotForm):
    """One clear form in steps (fieldsets): what, where, a photo. Works without JavaScript. A chosen photo is kept
    after an error (``KeptPhotoMixin``)."""

    kind = forms.ChoiceField(
        label=_("Wat voor parel is het?"),
        choices=[(PearlKind.PLACE, PearlKind.PLACE.label), (PearlKind.PERSON, PearlKind.PERSON.label)],
        widget=forms.RadioSelect,
        initial=PearlKind.PLACE,
        error_messages={"required": _("Kies wat voor parel het is.")},
    )
    title = forms.CharField(
        label=_("Geef uw parel een korte naam"),
        max_length=120,
        help_text=_("Bijvoorbeeld: Het bankje bij de vijver, of: Ik repareer fietsen."),
        error_messages={"required": _("Geef uw parel een korte naam.")},
    )
    story = forms.CharField(
        label=_("Vertel erover in uw eigen woorden"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat maakt het fijn? Wat kunt u of wilt u?"),
        error_messages={"required": _("Vertel in een paar woorden over uw parel.")},
    )
    themes = ThemeChoiceField(
        label=_("Past het bij een of meer thema's?"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    street = forms.ChoiceField(
        label=_("In welke straat is het?"), required=False, help_text=_("Kies een straat uit de lijst.")
    )
    location_description = forms.CharField(
        label=_("Beschrijf de plek"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: naast de speeltuin, achter de kerk."),
    )
    meeting_place = forms.ModelChoiceField(
        label=_("Waar kunnen buren u ontmoeten?"),
        queryset=Pearl.objects.none(),
        required=False,
        empty_label=_("Geen plek op de kaart"),
        help_text=_("Wij zetten u nooit bij uw huis op de kaart. Kies een plek in de wijk, of geen plek."),
    )
    lat = forms.DecimalField(max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput)
    lng = forms.DecimalField(max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput)
    photo = PhotoUploadField()
    photo_description = PhotoDescriptionField()

    show_first_name = forms.BooleanField(
        label=_("Mijn voornaam mag bij mijn parels staan"),
        required=False,
        help_text=_("Iedereen kan dat zien. Zonder vinkje staat er geen naam bij."),
    )
    show_photo = forms.BooleanField(
        label=_("Sta ik zelf op de foto? Dan mag die foto toch bij mijn parel staan"),
        required=False,
        help_text=_("Zonder vinkje tonen wij bij een mens geen foto."),
    )

    def __init__(self, *args, neighbourhood: Neighbourhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.neighbourhood = neighbourhood
        self.streets = list(neighbourhood.streets.all())
        self.fields["street"].choices = [("", _("Kies een straat"))] + [(s.name, s.name) for s in self.streets]
        self.fields["meeting_place"].queryset = Pearl.objects.published().filter(
            kind=PearlKind.PLACE, neighbourhood=neighbourhood
        )
        self.processed_photo = None
        self._step_check_attrs()

    def _step_check_attrs(self):
        """The form's own messages on the inputs, for ``steps.js``: it checks a step before the next one opens."""
        for field in self.fields.values():
            if field.required:
                field.widget.attrs["data-required"] = str(field.error_messages["required"])
            if isinstance(field, forms.EmailField):
                field.widget.attrs["data-invalid"] = str(field.error_messages["invalid"])
        self.fields["location_description"].widget.attrs["data-location-required"] = str(LOCATION_REQUIRED)
        self.fields["photo"].widget.attrs.update(
            {
                "data-max-bytes": str(MAX_UPLOAD_BYTES),
                "data-too-large": _(
                    "Deze foto is te groot. Een foto mag hoogstens %(max)s zijn. Kies een kleinere foto."
                )
                % {"max": filesizeformat(MAX_UPLOAD_BYTES)},
                "data-wrong-type": _("Dit soort bestand kunnen wij niet plaatsen. Kies een foto (JPG, PNG of WebP)."),
            }
        )

    max_distance_deg = MAX_DISTANCE_DEG  # the map's own check ("Gebruik mijn locatie") uses the same limit

    def street_points(self) -> dict:
        """Each street with a point, as {name: [lat, lng]}: the map moves there when the street is chosen."""
        return {s.name: [str(s.lat), str(s.lng)] for s in self.streets if s.has_point}

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            self.processed_photo = photo_process(upload)
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        lat, lng = data.get("lat"), data.get("lng")
        if kind == PearlKind.PERSON:
            # Privacy first: a person never gets an own point, whatever the map said.
            data["lat"] = data["lng"] = None
            data["street"] = ""
        else:
            data["meeting_place"] = None
            if (lat is None) != (lng is None):
                data["lat"] = data["lng"] = None
            elif lat is not None:
                centre_lat, centre_lng = self.neighbourhood.centre_lat, self.neighbourhood.centre_lng
                if abs(lat - centre_lat) > MAX_DISTANCE_DEG or abs(lng - centre_lng) > MAX_DISTANCE_DEG:
                    self.add_error(
                        "location_description",
                        ValidationError(
                            _(
                                "Het punt op de kaart ligt buiten de wijk. Zet de parel in de wijk, of beschrijf de plek."
                            ),
                            code="outside",
                        ),
                    )
            if (
                kind == PearlKind.PLACE
                and data.get("lat") is None
                and not data.get("street")
                and not data.get("location_description")
                and "location_description" not in self.errors
            ):
                self.add_error("location_description", ValidationError(LOCATION_REQUIRED, code="location_required"))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "story": data["story"],
            "themes": data["themes"],
            "lat": data.get("lat"),
            "lng": data.get("lng"),
            "street": data.get("street") or "",
            "location_description": data.get("location_description") or "",
            "meeting_place": data.get("meeting_place"),
            "photo": self.processed_photo,
            "photo_description": data.get("photo_description") or "",
        }


REPLY_ANSWERS = [
    ("", _("Nee, ik hoef niets terug te horen")),
    (ContactPreference.EMAIL, _("Ja, mail mij")),
    (ContactPreference.PHONE, _("Ja, bel mij")),
]
REPLY_FIELD_FOR = {ContactPreference.EMAIL: "email", ContactPreference.PHONE: "phone"}
# On paper a letter is a way to hear back too: the one contact question as the paper pearl form prints it.
PAPER_REPLY_ANSWERS = [
    ("", _("Nee, ik hoef niets terug te horen")),
    (ContactPreference.PHONE, _("Ja, bel mij")),
    (ContactPreference.EMAIL, _("Ja, mail mij")),
    (ContactPreference.LETTER, _("Ja, stuur mij een brief")),
]
PAPER_REPLY_FIELD_FOR = {
    ContactPreference.PHONE: "new_phone",
    ContactPreference.EMAIL: "new_email",
    ContactPreference.LETTER: "new_postal_address",
}
NEW_RESIDENT_FIELDS = ("new_first_name", "new_contact_preference", "new_phone", "new_email", "new_postal_address")


class AnonymousPearlForm(PearlForm):
    """The pearl form for a visitor without an account: one more question, how to hear back (or not at all).

    No name is asked, so there is no "my first name may show". A detail typed for another way than the one
    chosen is never dropped: the form asks about it (the texts of the dream form's contact question)."""

    contact_preference = forms.ChoiceField(
        label=_("Wilt u horen wat wij met uw parel doen?"),
        choices=REPLY_ANSWERS,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Kies één manier. U krijgt ook een volgcode: daarmee ziet u het altijd op de website."),
    )
    email = email_detail()
    phone = phone_detail()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["show_first_name"]
        self.fields["show_photo"].label = _("Sta ik zelf op de foto? Dan mag die foto bij mijn parel staan")

    def clean(self):
        data = super().clean()
        contact_question_check(self, data, REPLY_FIELD_FOR)
        return data

    def contact_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "contact_preference": data["contact_preference"],
            "email": data["email"],
            "phone": data["phone"],
            "show_photo": data["show_photo"],
        }


class PearlFollowForm(forms.Form):
    code = forms.CharField(
        label=_("Uw volgcode"),
        max_length=20,
        help_text=_("U vindt de code op de bedankpagina of in de e-mail. Bijvoorbeeld ABCD-EFG-HJK."),
        error_messages={"required": _("Vul uw volgcode in.")},
    )


class NeighbourhoodChoiceForm(AccessibleErrorsMixin, NeighbourhoodForm):
    """For an account without a resident record yet: which neighbourhood do you live in?"""


class OnBehalfForm(AccessibleErrorsMixin, forms.Form):
    """Staff put in a pearl for a resident (phone, paper, a visit). Who and how the resident said yes."""

    resident = forms.ModelChoiceField(
        label=_("Voor welke bewoner?"),
        queryset=Resident.objects.none(),
        required=False,
        empty_label=_("Een nieuwe bewoner"),
    )
    new_first_name = forms.CharField(
        label=_("Voornaam van de nieuwe bewoner"),
        max_length=60,
        required=False,
        help_text=_("Alleen invullen bij een nieuwe bewoner."),
    )
    new_contact_preference = forms.ChoiceField(
        label=_("Hoe hoort de nieuwe bewoner wat er met de parel gebeurt?"),
        choices=PAPER_REPLY_ANSWERS,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Op het papieren formulier staat wat de bewoner koos."),
    )
    new_phone = PhoneField(label=_("Telefoonnummer van de nieuwe bewoner"), required=False)
    new_email = forms.EmailField(label=_("E-mailadres van de nieuwe bewoner"), required=False)
    new_postal_address = forms.CharField(
        label=_("Adres van de nieuwe bewoner (voor een brief)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    submitted_via = forms.ChoiceField(
        label=_("Hoe gaf de bewoner de parel door?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
    )
    consent_method = forms.ChoiceField(
        label=_("Hoe zei de bewoner ja tegen plaatsen?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
    )
    partner = forms.ModelChoiceField(
        label=_("Van welke partner is het aanbod?"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Alleen bij een aanbod van een partner."),
    )

    def __init__(self, *args, organisation_ids, neighbourhood, kind="", only_resident=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["resident"].queryset = Resident.objects.filter(
            neighbourhood__corporation_id__in=organisation_ids
        ).order_by("first_name")
        self.fields["partner"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.PARTNER, works_with__in=organisation_ids
        ).distinct()
        self.neighbourhood = neighbourhood
        if only_resident is not None:
            self._limit_to(only_resident)

    def _limit_to(self, resident):
        """A proposal handed over for one known resident (a dream broker's case): only that resident, no
        new resident and no partner offer, and the way the resident said yes is chosen, never preset."""
        field = self.fields["resident"]
        field.queryset = Resident.objects.filter(pk=resident.pk)
        field.required = True
        field.empty_label = None
        field.initial = resident.pk
        for name in (*NEW_RESIDENT_FIELDS, "partner"):
            del self.fields[name]
        self.fields["consent_method"].choices = [("", _("Kies hoe de bewoner ja zei"))] + list(
            self.fields["consent_method"].choices
        )
        self.fields["consent_method"].error_messages["required"] = _("Kies hoe de bewoner ja zei.")

    def clean(self):
        data = super().clean()
        if "new_first_name" not in self.fields:
            return data  # one resident handed over: the resident field itself is required
        if self.kind == PearlKind.PARTNER_OFFER:
            if not data.get("partner"):
                self.add_error("partner", ValidationError(_("Kies de partner."), code="partner_required"))
        elif not data.get("resident") and not data.get("new_first_name"):
            self.add_error(
                "new_first_name",
                ValidationError(_("Kies een bewoner, of vul de voornaam van een nieuwe bewoner in."), code="who"),
            )
        elif not data.get("resident"):
            needed = PAPER_REPLY_FIELD_FOR.get(data.get("new_contact_preference") or "")
            if needed and not (data.get(needed) or "").strip() and needed not in self.errors:
                self.add_error(needed, _("Vul dit in: de bewoner koos deze manier om iets te horen."))
        return data

    def new_resident_kwargs(self) -> dict:
        """What the paper form (or the call) said about a new resident, for ``resident_create``."""
        data = self.cleaned_data
        return {
            "first_name": data["new_first_name"],
            "display_name": data["new_first_name"],
            "contact_preference": data.get("new_contact_preference") or "",
            "phone": data.get("new_phone") or "",
            "email": data.get("new_email") or "",
            "postal_address": data.get("new_postal_address") or "",
        }


class ReportForm(AccessibleErrorsMixin, HoneypotForm):
    """ "Er klopt iets niet": what is wrong (one choice), an optional note, and for a visitor without an
    account an optional e-mail address to hear back. Reporting does not remove the pearl (see ``pearl_report``)."""

    what = forms.ChoiceField(label=_("Wat klopt er niet?"), choices=ReportWhat.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Wilt u er iets over vertellen?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: De leuning van het bankje is los."),
    )
    reply_to = forms.CharField(
        label=_("Wilt u horen wat wij ermee doen? Uw e-mailadres of telefoonnummer"),
        required=False,
        max_length=254,
        help_text=_("Wij gebruiken het alleen voor een antwoord op deze melding."),
    )

    def __init__(self, *args, logged_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if logged_in:
            del self.fields["reply_to"]  # an answer goes to the account's own address

    def clean_reply_to(self) -> dict:
        """``{"email": ...}``, ``{"phone": ...}`` or ``{}``: one field, so nobody is asked which way first."""
        value = " ".join(self.cleaned_data.get("reply_to", "").split())
        if not value:
            return {}
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                pass
            else:
                return {"email": value}
        elif PHONE_CHARACTERS.fullmatch(value) and 10 <= len(re.sub(r"\D", "", value)) <= 15:
            return {"phone": value}
        raise ValidationError(
            _("Vul een e-mailadres of een telefoonnummer in. Of laat het leeg."), code="reply_to_invalid"
        )


class JoinForm(DescribedErrorsMixin, HoneypotForm):
    sender_name = forms.CharField(
        label=_("Uw naam"),
        max_length=120,
        error_messages={"required": _("Vul uw naam in. Dan weet uw buur wie het bericht stuurt.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    body = forms.CharField(
        label=_("Uw bericht"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Bijvoorbeeld: Ik wil graag meedoen. Of: Kunt u ook mijn fiets maken?"),
    )
    reply_how = forms.CharField(
        label=_("Hoe kan uw buur u bereiken?"),
        max_length=200,
        help_text=_("Bijvoorbeeld uw e-mailadres of telefoonnummer. Alleen uw buur ziet dit."),
    )


JOIN_WAYS = [
    (ContactPreference.PHONE, _("Bel mij")),
    (ContactPreference.EMAIL, _("Mail mij")),
    (ContactPreference.LETTER, _("Stuur mij een brief")),
]
JOIN_FIELD_FOR = {
    ContactPreference.PHONE: "phone",
    ContactPreference.EMAIL: "email",
    ContactPreference.LETTER: "postal_address",
}
JOIN_REPLY_LABELS = {
    ContactPreference.PHONE: _("Bel mij op %(detail)s"),
    ContactPreference.EMAIL: _("Mail mij op %(detail)s"),
    ContactPreference.LETTER: _("Stuur mij een brief: %(detail)s"),
}


class AnonymousJoinForm(JoinForm):
    """ "Ik doe mee" without an account: the name, the message and the one contact question. Your neighbour
    needs a way to answer, so "no contact" is not one of the answers; a detail typed for another way than the
    one chosen is asked about, never dropped."""

    contact_preference = forms.ChoiceField(
        label=_("Hoe kan uw buur u antwoorden?"),
        choices=JOIN_WAYS,
        widget=forms.RadioSelect,
        help_text=_("Kies één manier. Alleen uw buur en de corporatie zien wat u invult."),
        error_messages={"required": _("Kies hoe uw buur u kan antwoorden.")},
    )
    phone = phone_detail()
    email = email_detail()
    postal_address = letter_detail(max_length=150)

    field_order = ["sender_name", "body", "contact_preference", "phone", "email", "postal_address"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reply_how"]

    def clean(self):
        data = super().clean()
        needed = contact_question_check(self, data, JOIN_FIELD_FOR)
        if needed and not self.errors.get(needed):
            detail = " ".join((data.get(needed) or "").split())
            data["reply_how"] = str(JOIN_REPLY_LABELS[data["contact_preference"]] % {"detail": detail})[:200]
        return data


class FilterForm(forms.Form):
    """The public filter on the map and the list: by kind and by theme. A plain GET form."""

    soort = forms.ChoiceField(
        label=_("Soort parel"), choices=[("", _("Alle soorten"))] + list(PearlKind.choices), required=False
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("Alle thema's"),
        to_field_name="slug",
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {"kind": "", "theme": None}
        return {"kind": self.cleaned_data.get("soort") or "", "theme": self.cleaned_data.get("thema")}


class ReportDecisionForm(forms.Form):
    """A moderator's decision about one report (the button pressed), with an optional answer to the reporter."""

    besluit = forms.ChoiceField(
        choices=[
            ("resolved", _("Klopt, is opgelost")),
            ("dismissed", _("Klopt niet")),
            ("hide", _("Klopt, haal van de kaart")),
        ]
    )
    answer = forms.CharField(
        label=_("Antwoord aan de melder"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wij mailen het naar de melder. Zonder tekst krijgt de melder geen bericht."),
    )
