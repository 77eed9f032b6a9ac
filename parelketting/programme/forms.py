"""Forms of the pop-up programme: staff changing an activity; signing up without an account."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijk.antispam import HoneypotForm
from wijk.choices import ContactPreference
from wijk.contact_question import contact_question_check, email_detail, letter_detail, phone_detail

from ..choices import PearlKind
from ..forms import AccessibleErrorsMixin, DescribedErrorsMixin
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
