"""Forms of the pop-up programme: proposing an activity, signing up (with or without an account, or by staff on
someone's behalf), the programme's filter, staff changing an activity and writing how it went."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.antispam import HoneypotForm
from lib.form_fields import PhotoDescriptionField, PhotoUploadField
from lib.photos import photo_process
from wijk.choices import Channel, ContactPreference
from wijk.contact_question import contact_question_check, email_detail, letter_detail, phone_detail
from wijk.models import Neighbourhood, Organisation, Resident, Theme

from ..choices import PearlKind
from ..forms import AccessibleErrorsMixin, DescribedErrorsMixin, ThemeChoiceField
from ..models import Pearl


class ActivityChangeForm(AccessibleErrorsMixin, forms.Form):
    """Change the name, description, time, place or number of places. Who signed up hears what changed."""

    title = forms.CharField(label=_("Naam van de activiteit"), max_length=120)
    description = forms.CharField(
        label=_("Wat gaan we doen?"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    place = forms.ModelChoiceField(
        label=_("Waar?"), queryset=Pearl.objects.none(), required=False, empty_label=_("Een andere plek")
    )
    place_text = forms.CharField(
        label=_("Of beschrijf de plek"),
        max_length=200,
        required=False,
        help_text=_("Alleen als de plek niet in de lijst staat."),
    )
    date = forms.DateField(label=_("Op welke dag?"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(
        label=_("Hoe laat begint het?"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Hoe laat is het klaar?"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_date = forms.DateField(
        label=_("Op welke dag is het klaar?"),
        required=False,
        help_text=_("Alleen invullen als het niet dezelfde dag klaar is. Bijvoorbeeld na middernacht."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    capacity = forms.IntegerField(label=_("Voor hoeveel mensen is er plaats?"), min_value=1, max_value=500)
    reason = forms.CharField(
        label=_("Waarom verandert het?"),
        max_length=300,
        required=False,
        help_text=_("Dit staat in het bericht aan de aangemelde buren. Bijvoorbeeld: de zaal is die dag bezet."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Set by the confirmation page: the moderator saw who hears it, and how.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, activity, **kwargs):
        starts = timezone.localtime(activity.starts_at)
        ends = timezone.localtime(activity.ends_at)
        kwargs.setdefault(
            "initial",
            {
                "title": activity.title,
                "description": activity.description,
                "place": activity.place_id,
                "place_text": activity.place_text,
                "date": starts.date(),
                "start_time": starts.strftime("%H:%M"),
                "end_time": ends.strftime("%H:%M"),
                # An activity that runs past midnight (made in the admin) keeps its end day.
                "end_date": ends.date() if ends.date() != starts.date() else None,
                "capacity": activity.capacity,
            },
        )
        super().__init__(*args, **kwargs)
        self.activity = activity
        places = Pearl.objects.published().filter(neighbourhood=activity.neighbourhood, kind=PearlKind.PLACE)
        if activity.place_id:
            places = Pearl.objects.filter(pk=activity.place_id) | places
        self.fields["place"].queryset = places.order_by("title")

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            tz = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(datetime.combine(day, start), tz)
            data["ends_at"] = timezone.make_aware(datetime.combine(data.get("end_date") or day, end), tz)
            # The form shows minutes; a time that stays the same keeps its seconds, so nothing "changes".
            for name in ("starts_at", "ends_at"):
                current = getattr(self.activity, name)
                if data[name] == current.replace(second=0, microsecond=0):
                    data[name] = current
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", ValidationError(_("Het einde moet na het begin liggen."), code="order"))
        if data.get("place") is None and not (data.get("place_text") or "").strip():
            self.add_error("place_text", ValidationError(_("Kies een plek of beschrijf hem."), code="place_required"))
        return data


class ActivityCancelForm(AccessibleErrorsMixin, forms.Form):
    """Cancel an activity in the programme: the reason goes to everyone who signed up or waits."""

    reason = forms.CharField(
        label=_("Waarom gaat het niet door?"),
        max_length=300,
        help_text=_("Dit lezen de aangemelde buren in hun bericht. Bijvoorbeeld: de organisator is ziek."),
        error_messages={"required": _("Schrijf kort waarom het niet doorgaat. Dat lezen de aangemelde buren.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


SIGNUP_WAYS = [
    ("", _("Nee, ik kijk zelf met mijn aanmeldcode")),
    (ContactPreference.PHONE, _("Ja, bel mij")),
    (ContactPreference.EMAIL, _("Ja, mail mij")),
    (ContactPreference.LETTER, _("Ja, stuur mij een brief")),
]
SIGNUP_FIELD_FOR = {
    ContactPreference.PHONE: "phone",
    ContactPreference.EMAIL: "email",
    ContactPreference.LETTER: "postal_address",
}


class AnonymousSignUpForm(DescribedErrorsMixin, HoneypotForm):
    """Signing up without an account: a name and the one contact question. Its default state needs only
    the name; a detail typed for another way than the one chosen is asked about, never dropped."""

    name = forms.CharField(
        label=_("Uw naam"),
        max_length=60,
        error_messages={"required": _("Vul uw naam in. Dan weet de organisator wie er komt.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_preference = forms.ChoiceField(
        label=_("Mogen wij u iets laten weten? Bijvoorbeeld als er een plaats vrijkomt."),
        choices=SIGNUP_WAYS,
        required=False,
        initial="",
        widget=forms.RadioSelect,
        help_text=_("Kies één manier. U krijgt ook een aanmeldcode. Daarmee meldt u zich ook weer af."),
    )
    phone = phone_detail()
    email = email_detail()
    postal_address = letter_detail()

    def clean(self):
        data = super().clean()
        contact_question_check(self, data, SIGNUP_FIELD_FOR)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "contact_preference": data["contact_preference"],
            "email": data["email"] or "",
            "phone": data["phone"] or "",
            "postal_address": data["postal_address"] or "",
        }


class SignUpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Uw aanmeldcode"),
        max_length=20,
        help_text=_(
            "De code staat op de pagina na het aanmelden. Of in de e-mail of brief. Bijvoorbeeld ABCD-EFG-HJK."
        ),
        error_messages={"required": _("Vul uw aanmeldcode in.")},
    )


class ActivityProposalForm(AccessibleErrorsMixin, HoneypotForm):
    """A resident or partner proposes an activity for the pop-up programme. A moderator publishes it."""

    title = forms.CharField(
        label=_("Hoe heet de activiteit?"), max_length=120, help_text=_("Bijvoorbeeld: Samen breien.")
    )
    description = forms.CharField(
        label=_("Wat gaan we doen?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Schrijf kort wat mensen kunnen verwachten. Moeten ze iets meenemen?"),
    )
    neighbourhood = forms.ModelChoiceField(label=_("In welke wijk?"), queryset=Neighbourhood.objects.none())
    place = forms.ModelChoiceField(
        label=_("Waar?"),
        queryset=Pearl.objects.none(),
        required=False,
        empty_label=_("Een andere plek"),
        help_text=_("Kies een plek van de parelkaart, bijvoorbeeld de pop-up rommelruimte."),
    )
    place_text = forms.CharField(
        label=_("Of beschrijf de plek"),
        max_length=200,
        required=False,
        help_text=_("Alleen als de plek niet in de lijst staat."),
    )
    date = forms.DateField(label=_("Op welke dag?"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Hoe laat begint het?"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Hoe laat is het klaar?"), widget=forms.TimeInput(attrs={"type": "time"}))
    capacity = forms.IntegerField(label=_("Voor hoeveel mensen is er plaats?"), min_value=1, max_value=500, initial=10)
    themes = ThemeChoiceField(
        label=_("Past het bij een of meer thema's?"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    talent_pearls = forms.ModelMultipleChoiceField(
        label=_("Deelt iemand van de parelkaart zijn talent?"),
        queryset=Pearl.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bijvoorbeeld de buurvrouw die leert breien."),
    )
    organiser_partner = forms.ModelChoiceField(
        label=_("Namens welke partner?"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, neighbourhoods, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods
        hood_ids = list(neighbourhoods.values_list("pk", flat=True))
        if len(hood_ids) == 1:
            self.fields["neighbourhood"].initial = hood_ids[0]
        published = Pearl.objects.published().filter(neighbourhood_id__in=hood_ids).order_by("title")
        self.fields["place"].queryset = published.filter(kind=PearlKind.PLACE)
        self.fields["talent_pearls"].queryset = published.filter(kind=PearlKind.PERSON)
        self.fields["organiser_partner"].queryset = partners
        if not partners.exists():
            del self.fields["organiser_partner"]

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        hood = data.get("neighbourhood")
        if day and start and end:
            tz = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(datetime.combine(day, start), tz)
            data["ends_at"] = timezone.make_aware(datetime.combine(day, end), tz)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", ValidationError(_("Het einde moet na het begin liggen."), code="order"))
            elif data["starts_at"] < timezone.now():
                self.add_error("date", ValidationError(_("Kies een dag in de toekomst."), code="past"))
        place = data.get("place")
        if place is None and not (data.get("place_text") or "").strip():
            self.add_error("place_text", ValidationError(_("Kies een plek of beschrijf hem."), code="place_required"))
        if hood is not None:
            if place is not None and place.neighbourhood_id != hood.pk:
                self.add_error("place", ValidationError(_("Deze plek ligt in een andere wijk."), code="place_hood"))
            for pearl in data.get("talent_pearls") or []:
                if pearl.neighbourhood_id != hood.pk:
                    self.add_error(
                        "talent_pearls", ValidationError(_("Kies mensen uit dezelfde wijk."), code="talent_hood")
                    )
                    break
        return data


class OnBehalfSignUpForm(AccessibleErrorsMixin, forms.Form):
    """Staff sign up a resident who phoned or came by; how they asked is recorded."""

    resident = forms.ModelChoiceField(label=_("Welke bewoner?"), queryset=Resident.objects.none())
    channel = forms.ChoiceField(
        label=_("Hoe meldde de bewoner zich aan?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
    )

    def __init__(self, *args, neighbourhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = Resident.objects.filter(neighbourhood=neighbourhood).order_by(
            "first_name", "display_name", "pk"
        )
        self.fields["resident"].label_from_instance = lambda r: r.display_name or r.first_name or str(r.uid)[:8]


class StoryForm(AccessibleErrorsMixin, forms.Form):
    """After the activity: how it went, with a few photos (cleaned like every photo)."""

    story = forms.CharField(
        label=_("Hoe ging het?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wie waren er? Wat hebben jullie gemaakt of gedaan? Wat was fijn?"),
    )
    photo = PhotoUploadField()
    photo_description = PhotoDescriptionField(
        help_text=_("Voor mensen die de foto niet kunnen zien. Zet alleen mensen op de foto die dat goed vinden.")
    )

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        self.processed_photo = photo_process(upload) if upload else None
        return upload

    def clean(self):
        data = super().clean()
        if getattr(self, "processed_photo", None) is not None and not (data.get("photo_description") or "").strip():
            self.add_error(
                "photo_description", ValidationError(_("Schrijf kort wat er op de foto staat."), code="description")
            )
        return data


class ProgrammeFilterForm(forms.Form):
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("Alle thema's"),
        to_field_name="slug",
    )
    # The first week shown (its Monday), from the link "Verder in het programma".
    vanaf = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
