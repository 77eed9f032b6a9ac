"""Forms residents and staff fill in. Explicit fields only; errors sit next to the field they belong to."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijk.antispam import HoneypotForm
from wijk.choices import Channel, OrganisationKind
from wijk.models import Neighbourhood, Organisation, Resident, Theme
from wijk.photos import MAX_UPLOAD_BYTES, photo_process

from .choices import PearlKind
from .models import Pearl

# A point more than this many degrees from the neighbourhood's centre is not in the neighbourhood.
MAX_DISTANCE_DEG = Decimal("0.03")


class AccessibleErrorsMixin:
    """After validation, point each invalid field at its error text so screen readers read it out."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                auto_id = self[name].auto_id
                described = [f"{auto_id}_error"]
                if self.fields[name].help_text:
                    described.append(f"{auto_id}_helptext")
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = " ".join(described)


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class PearlForm(AccessibleErrorsMixin, HoneypotForm):
    """One clear form in steps (fieldsets): what, where, a photo. Works without JavaScript."""

    kind = forms.ChoiceField(
        label=_("Wat voor parel is het?"),
        choices=[(PearlKind.PLACE, PearlKind.PLACE.label), (PearlKind.PERSON, PearlKind.PERSON.label)],
        widget=forms.RadioSelect,
        initial=PearlKind.PLACE,
    )
    title = forms.CharField(
        label=_("Geef uw parel een korte naam"),
        max_length=120,
        help_text=_("Bijvoorbeeld: Het bankje bij de vijver, of: Ik repareer fietsen."),
    )
    story = forms.CharField(
        label=_("Vertel erover in uw eigen woorden"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat maakt het fijn? Wat kunt u of wilt u?"),
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
    photo = forms.FileField(
        label=_("Een foto erbij"),
        required=False,
        help_text=_("Een JPG-, PNG- of WebP-foto tot %(mb)s MB. Wij halen de verborgen gegevens eruit.")
        % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_description = forms.CharField(
        label=_("Wat staat er op de foto?"),
        max_length=200,
        required=False,
        help_text=_("Voor mensen die de foto niet kunnen zien."),
    )

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
        self.fields["street"].choices = [("", _("Kies een straat"))] + [(s, s) for s in neighbourhood.streets or []]
        self.fields["meeting_place"].queryset = Pearl.objects.published().filter(
            kind=PearlKind.PLACE, neighbourhood=neighbourhood
        )
        self.processed_photo = None

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
                self.add_error(
                    "location_description",
                    ValidationError(
                        _("Waar is deze plek? Zet de parel op de kaart, kies een straat of beschrijf de plek."),
                        code="location_required",
                    ),
                )
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


class NeighbourhoodChoiceForm(AccessibleErrorsMixin, forms.Form):
    """For an account without a resident record yet: which neighbourhood do you live in?"""

    neighbourhood = forms.ModelChoiceField(
        label=_("In welke wijk woont u?"), queryset=Neighbourhood.objects.all(), empty_label=_("Kies uw wijk")
    )


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
    new_email = forms.EmailField(label=_("E-mailadres van de nieuwe bewoner"), required=False)
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

    def __init__(self, *args, organisation_ids, neighbourhood, kind="", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["resident"].queryset = Resident.objects.filter(
            neighbourhood__corporation_id__in=organisation_ids
        ).order_by("first_name")
        self.fields["partner"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.PARTNER, works_with__in=organisation_ids
        ).distinct()
        self.neighbourhood = neighbourhood

    def clean(self):
        data = super().clean()
        if self.kind == PearlKind.PARTNER_OFFER:
            if not data.get("partner"):
                self.add_error("partner", ValidationError(_("Kies de partner."), code="partner_required"))
        elif not data.get("resident") and not data.get("new_first_name"):
            self.add_error(
                "new_first_name",
                ValidationError(_("Kies een bewoner, of vul de voornaam van een nieuwe bewoner in."), code="who"),
            )
        return data


class ReportForm(AccessibleErrorsMixin, HoneypotForm):
    reason = forms.CharField(
        label=_("Wat klopt er niet?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Een medewerker kijkt ernaar. Tot die tijd staat de parel niet op de kaart."),
    )


class JoinForm(AccessibleErrorsMixin, HoneypotForm):
    sender_name = forms.CharField(label=_("Uw naam"), max_length=120)
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
