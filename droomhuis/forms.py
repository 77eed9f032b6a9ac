"""Forms for sharing a dream (by the resident or on their behalf) and for the broker's case work.

Nothing here asks about health, money or debts: a dream is about what someone would like."""

import secrets

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.antispam import HoneypotForm
from lib.form_fields import PhotoDescriptionField, PhotoUploadField
from lib.photos import KeptPhotoMixin, photo_process
from wijk.choices import Channel, ContactPreference
from wijk.contact_question import (
    LETTER_OR_VISIT_LABEL,
    contact_question_check,
    email_detail,
    letter_detail,
    phone_detail,
)
from wijk.models import Neighbourhood, Theme

from . import conf
from .models import PartOfDay
from .workflow import DreamStatus, allowed_targets

CONTACT_ANSWERS = [
    ("", _("Nee, liever geen contact")),
    (ContactPreference.PHONE, _("Ja, bel mij")),
    (ContactPreference.EMAIL, _("Ja, mail mij")),
    (ContactPreference.LETTER, _("Ja, stuur mij een brief")),
    (ContactPreference.HOME_VISIT, _("Ja, kom bij mij langs")),
]
NOTES_UNUSED = _(
    "U schreef wanneer u bereikbaar bent, maar koos 'Nee, liever geen contact'. Mogen wij contact opnemen? Kies dan een manier. Anders: maak dit veld leeg."
)

CONTACT_FIELD_FOR = {
    ContactPreference.PHONE: "phone",
    ContactPreference.EMAIL: "email",
    ContactPreference.LETTER: "postal_address",
    ContactPreference.HOME_VISIT: "postal_address",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def droomhuis_neighbourhoods():
    return Neighbourhood.objects.filter(corporation__slug__in=conf.corporation_slugs()).order_by("name")


class DreamShareForm(KeptPhotoMixin, HoneypotForm):
    text = forms.CharField(
        label=_("Uw droom, in uw eigen woorden"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf hier uw droom of wens. Een paar woorden is genoeg.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Waar gaat uw droom over? (mag u overslaan)"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photo = PhotoUploadField(
        label=_("Foto (mag u overslaan)"),
        help_text=_("Een foto in JPG, PNG of WebP. Wij halen de verborgen gegevens eruit, zoals de plek."),
    )
    photo_description = PhotoDescriptionField(label=_("Wat staat er op de foto? (mag u overslaan)"), help_text="")
    neighbourhood = forms.ModelChoiceField(
        label=_("In welke wijk woont u?"),
        queryset=Neighbourhood.objects.none(),
        empty_label=None,
        error_messages={"required": _("Kies uw wijk."), "invalid_choice": _("Kies uw wijk uit de lijst.")},
    )
    first_name = forms.CharField(label=_("Uw voornaam (mag u overslaan)"), max_length=60, required=False)
    alias = forms.CharField(
        label=_("Of een schuilnaam (mag u overslaan)"),
        max_length=60,
        required=False,
        help_text=_("Een naam die u zelf verzint, bijvoorbeeld 'Buurman van nummer 12'."),
    )
    contact_preference = forms.ChoiceField(
        label=_("Mogen wij contact met u opnemen over uw droom?"),
        choices=CONTACT_ANSWERS,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Kies één manier. Vul daaronder in waar wij u kunnen bereiken."),
    )
    phone = phone_detail()
    email = email_detail()
    postal_address = letter_detail(LETTER_OR_VISIT_LABEL)
    contact_notes = forms.CharField(
        label=_("Wanneer bent u goed bereikbaar? (mag u overslaan)"), max_length=200, required=False
    )
    consent_wall = forms.BooleanField(
        label=_("Ja, mijn droom mag zonder naam op de dromenmuur als hij gelukt is."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hoods = droomhuis_neighbourhoods()
        self.fields["neighbourhood"].queryset = hoods
        if len(hoods) == 1:
            self.fields["neighbourhood"].initial = hoods[0].pk
        for field in self.fields.values():
            if isinstance(field.widget, forms.TextInput | forms.Textarea | forms.EmailInput):
                field.widget.attrs.setdefault("autocomplete", "off")
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["postal_address"].widget.attrs["autocomplete"] = "street-address"

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        photo = photo_process(upload).photo
        # A random name: the uploaded file name can carry a person's name or a date.
        photo.name = f"{secrets.token_hex(12)}.jpg"
        return photo

    def clean(self):
        """One question: the way to reach the resident is also the consent. The chosen way needs its detail;
        a detail typed for another way (or with "Nee") is never dropped silently: the form asks about it.
        Details filled in from the resident's account and left as they were are not "typed"."""
        data = super().clean()
        contact_question_check(self, data, CONTACT_FIELD_FOR, keep=self.initial)
        notes = (data.get("contact_notes") or "").strip()
        if (
            notes
            and not data.get("contact_preference")
            and notes != str(self.initial.get("contact_notes") or "").strip()
        ):
            self.add_error("contact_notes", NOTES_UNUSED)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        consent = bool(data["contact_preference"])
        return {
            "neighbourhood": data["neighbourhood"],
            "text": data["text"].strip(),
            "themes": list(data["themes"]),
            "photo": data.get("photo"),
            "photo_description": data["photo_description"].strip(),
            "first_name": data["first_name"].strip(),
            "alias": data["alias"].strip(),
            "consent_contact": consent,
            "consent_wall": bool(data["consent_wall"]),
            "contact_preference": data["contact_preference"] if consent else "",
            "phone": data["phone"].strip() if consent else "",
            "email": data["email"].strip() if consent else "",
            "postal_address": data["postal_address"].strip() if consent else "",
            "contact_notes": data["contact_notes"].strip() if consent else "",
        }


INTAKE_CHANNELS = [(c.value, c.label) for c in (Channel.PAPER, Channel.PHONE, Channel.IN_PERSON)]


class AssistedIntakeForm(DreamShareForm):
    """The broker types in a dream from paper, a phone call or a visit, on the resident's behalf."""

    channel = forms.ChoiceField(label=_("Hoe kwam de droom binnen?"), choices=INTAKE_CHANNELS, widget=forms.RadioSelect)
    consent_note = forms.CharField(
        label=_("Hoe gaf de bewoner toestemming?"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: 'vinkjes op het papieren formulier' of 'mondeling ja gezegd aan de telefoon'."),
    )

    resident = forms.UUIDField(required=False, widget=forms.HiddenInput)

    field_order = ["channel", "consent_note"]

    def __init__(self, *args, residents=None, **kwargs):
        """``residents``: the residents the broker may choose (their own corporation's); a chosen one is kept."""
        super().__init__(*args, **kwargs)
        self.residents = residents
        self.fields["text"].label = _("De droom, in de woorden van de bewoner")
        self.fields["contact_preference"].label = _("Mag de droommakelaar contact opnemen? Wat zei de bewoner?")
        self.fields["consent_wall"].label = _("De bewoner zegt ja: een gelukte droom mag zonder naam op de dromenmuur.")
        del self.fields["website"]

    def clean_resident(self):
        uid = self.cleaned_data.get("resident")
        if uid is None:
            return None
        resident = self.residents.filter(uid=uid).first() if self.residents is not None else None
        if resident is None:
            raise forms.ValidationError(_("Deze bewoner kunt u niet kiezen. Zoek de bewoner opnieuw."))
        return resident

    def clean(self):
        data = super().clean()
        if (data.get("contact_preference") or data.get("consent_wall")) and not (
            data.get("consent_note") or ""
        ).strip():
            self.add_error("consent_note", _("Schrijf op hoe de bewoner toestemming gaf."))
        return data

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        kwargs["channel"] = self.cleaned_data["channel"]
        kwargs["consent_note"] = self.cleaned_data["consent_note"].strip()
        kwargs["resident"] = self.cleaned_data.get("resident")
        return kwargs


class FollowForm(forms.Form):
    reference = forms.CharField(
        label=_("Uw volgcode"),
        max_length=20,
        help_text=_("U vindt de code op de bedankpagina of op uw papieren formulier. Bijvoorbeeld ABCD-EFG-HJK."),
        error_messages={"required": _("Vul uw volgcode in.")},
    )


class VersionedForm(forms.Form):
    """A case-page form that carries the dream's version. Several sit on one page, so their ids name the form."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{type(self).__name__.removesuffix('Form').lower()}_%s")
        super().__init__(*args, **kwargs)


def not_in_the_past(day):
    """A next action before today would make the case late the moment it is saved (a typo in the year, mostly)."""
    if day and day < timezone.localdate():
        raise forms.ValidationError(_("Deze datum is al voorbij. Kies vandaag of een latere dag."), code="past")
    return day


class TransitionForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("Nieuwe status"), choices=(), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        required=False,
        help_text=_("Nodig bij een stap terug, 'niet haalbaar' en 'ingetrokken'."),
    )
    next_action_date = forms.DateField(label=_("Volgende actie op (mag leeg)"), required=False, widget=DateInput())
    channel = forms.ChoiceField(
        label=_("Hoe gaf de bewoner dit door? (bij intrekken)"),
        choices=[("", "—"), *INTAKE_CHANNELS],
        required=False,
    )

    def clean_next_action_date(self):
        return not_in_the_past(self.cleaned_data["next_action_date"])

    def __init__(self, *args, dream, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(DreamStatus.choices)
        self.fields["to_status"].choices = [(s, labels[s]) for s in allowed_targets(dream.status)]
        # A step that is no longer possible (someone else was first): say where the case stands, in words.
        self.fields["to_status"].error_messages["invalid_choice"] = status_moved_text(dream)

    def clean(self):
        data = super().clean()
        if data.get("to_status") == DreamStatus.WITHDRAWN and not data.get("channel"):
            self.add_error("channel", _("Kies hoe de bewoner liet weten dat hij of zij wil stoppen."))
        return data


def status_moved_text(dream) -> str:
    """Why a chosen step is not possible any more, naming the status in words and who has the case."""
    if dream.owner_id:
        return _(
            "Deze stap kan niet meer. De droom staat nu op ‘%(status)s’ bij %(owner)s. Kijk hieronder wat er nu staat."
        ) % {"status": dream.get_status_display(), "owner": dream.owner.name or dream.owner.email}
    return _("Deze stap kan niet meer. De droom staat nu op ‘%(status)s’. Kijk hieronder wat er nu staat.") % {
        "status": dream.get_status_display()
    }


class AssignForm(VersionedForm):
    owner = forms.ModelChoiceField(label=_("Nieuwe droommakelaar"), queryset=None, empty_label=None)
    reason = forms.CharField(
        label=_("Waarom draagt u de droom over?"),
        max_length=500,
        error_messages={"required": _("Schrijf kort op waarom u de droom overdraagt.")},
    )

    def __init__(self, *args, brokers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = brokers
        self.fields["owner"].label_from_instance = lambda user: user.name or user.email


class ReassignAllForm(forms.Form):
    """The team lead's "give all open cases of one broker to another", for a colleague who is away."""

    from_owner = forms.ModelChoiceField(
        label=_("Van wie zijn de dromen nu?"),
        queryset=None,
        error_messages={"required": _("Kies van wie de dromen nu zijn.")},
    )
    to_owner = forms.ModelChoiceField(
        label=_("Wie neemt ze over?"),
        queryset=None,
        error_messages={"required": _("Kies wie de dromen overneemt.")},
    )
    reason = forms.CharField(
        label=_("Waarom draagt u de dromen over?"),
        help_text=_("Bijvoorbeeld: ziek tot en met vrijdag. De nieuwe droommakelaar leest dit."),
        max_length=500,
        error_messages={"required": _("Schrijf kort op waarom u de dromen overdraagt.")},
    )

    def __init__(self, *args, owners, brokers, **kwargs):
        """``owners``: whoever owns open cases the team lead covers (also a colleague whose role has ended);
        ``brokers``: the active brokers who can take them over."""
        super().__init__(*args, **kwargs)
        self.fields["from_owner"].queryset = owners
        self.fields["to_owner"].queryset = brokers
        for name in ("from_owner", "to_owner"):
            self.fields[name].label_from_instance = lambda user: user.name or user.email

    def clean(self):
        data = super().clean()
        if data.get("from_owner") and data.get("from_owner") == data.get("to_owner"):
            self.add_error("to_owner", _("Kies een andere droommakelaar dan de huidige."))
        return data


class PlanForm(VersionedForm):
    next_action_date = forms.DateField(
        label=_("Volgende actie op"),
        widget=DateInput(),
        error_messages={
            "required": _("Kies een datum voor de volgende actie."),
            "invalid": _("Deze datum klopt niet."),
        },
    )
    next_action = forms.CharField(label=_("Wat is de volgende actie?"), max_length=200, required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean_next_action_date(self):
        return not_in_the_past(self.cleaned_data["next_action_date"])


REACHED = "1"
VOICEMAIL = "voicemail"


class ContactAttemptForm(forms.Form):
    channel = forms.ChoiceField(label=_("Hoe?"), choices=ContactPreference.choices, widget=forms.RadioSelect)
    reached = forms.ChoiceField(
        label=_("Bereikt?"),
        choices=[
            (REACHED, _("Ja, bereikt")),
            ("0", _("Nee, niet bereikt")),
            (VOICEMAIL, _("Nee, ingesproken op de voicemail")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Alleen 'Ja, bereikt' telt als eerste contact."),
    )
    day = forms.DateField(label=_("Dag"), widget=DateInput(), initial=timezone.localdate)
    part_of_day = forms.ChoiceField(label=_("Dagdeel"), choices=PartOfDay.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Korte toelichting (mag leeg)"), max_length=300, required=False)


def contact_attempt_kwargs(data) -> dict:
    """``ContactAttemptForm``'s answers for ``services.contact_attempt_record``: voicemail is "not reached"."""
    data = dict(data)
    answer = data.pop("reached")
    return {**data, "reached": answer == REACHED, "voicemail": answer == VOICEMAIL}


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Interne notitie"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    private = forms.BooleanField(label=_("Alleen voor mij en de eigenaar van de droom"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        # Its own ids: the case page also holds the message form, whose text field is called ``body`` too.
        kwargs.setdefault("auto_id", "id_note_%s")
        super().__init__(*args, **kwargs)


class ResidentUpdateForm(forms.Form):
    body = forms.CharField(
        label=_("Bericht aan de bewoner"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De bewoner leest dit op de volgpagina. Schrijf in korte, gewone zinnen."),
    )


class OutcomeForm(VersionedForm):
    outcome = forms.CharField(label=_("Wat is er gelukt?"), max_length=300)
    story = forms.CharField(
        label=_("Kort verhaal"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    propose_for_wall = forms.BooleanField(
        label=_("Voorstellen voor de dromenmuur (alleen met toestemming van de bewoner)"), required=False
    )


AGE_CHOICES = [
    ("", _("Alle")),
    ("week", _("Jonger dan een week")),
    ("month", _("Een week tot een maand")),
    ("older", _("Ouder dan een maand")),
]
VIEW_CHOICES = [
    ("new", _("Nieuwe dromen")),
    ("mine", _("Mijn dromen")),
    ("overdue", _("Te laat")),
    ("all", _("Alle dromen")),
]


class QueueFilterForm(forms.Form):
    view = forms.ChoiceField(choices=VIEW_CHOICES, required=False, widget=forms.HiddenInput)
    q = forms.CharField(
        label=_("Zoeken"), required=False, max_length=100, help_text=_("Volgcode, woorden uit de droom of naam.")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Alle"))] + list(DreamStatus.choices), required=False)
    theme = forms.ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.all(), required=False, empty_label=_("Alle")
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.none(), required=False, empty_label=_("Alle")
    )
    age = forms.ChoiceField(label=_("Leeftijd"), choices=AGE_CHOICES, required=False)

    def __init__(self, *args, neighbourhoods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods
        self.fields["q"].widget.input_type = "search"
