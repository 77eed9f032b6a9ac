"""Forms for the facilitator's pages. Explicit fields; services do the saving."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wijk.mood import mood_image_crop_field

from .models import CanvasBlock

TEXT_HELP = _("Kort, zoals op een geeltje. Hooguit 200 tekens.")


class CanvasItemForm(forms.Form):
    block = forms.ChoiceField(label=_("Vak"), choices=CanvasBlock.choices)
    text = forms.CharField(
        label=_("Tekst"),
        max_length=200,
        help_text=TEXT_HELP,
        error_messages={
            "required": _("Schrijf iets op het kaartje."),
            "max_length": _("Houd het kort: hooguit 200 tekens."),
        },
    )


class CanvasItemTextForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst op het kaartje"),
        max_length=200,
        help_text=TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf iets op het kaartje."),
            "max_length": _("Houd het kort: hooguit 200 tekens."),
        },
    )


class CanvasItemMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Omhoog")), ("down", _("Omlaag"))], required=False)
    block = forms.ChoiceField(label=_("Naar vak"), choices=[("", "")] + list(CanvasBlock.choices), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("direction") and not data.get("block"):
            raise forms.ValidationError(_("Kies omhoog, omlaag of een ander vak."), code="no_move")
        return data


class CanvasStartForm(forms.Form):
    copy_from = forms.TypedChoiceField(
        label=_("Beginnen met"), coerce=int, empty_value=None, required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, earlier=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Een leeg canvas"))]
        choices += [(c.pk, _("Een kopie van het canvas van %(workshop)s") % {"workshop": c.workshop}) for c in earlier]
        self.fields["copy_from"].choices = choices
        self.fields["copy_from"].initial = earlier[-1].pk if earlier else ""


class WhyHowWhatForm(forms.Form):
    why = forms.CharField(
        label=_("Waarom"),
        help_text=_("Waarom doen we dit? Wat drijft ons?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op waarom we dit doen.")},
    )
    how = forms.CharField(
        label=_("Hoe"),
        help_text=_("Hoe pakken we het aan?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op hoe we het aanpakken.")},
    )
    what = forms.CharField(
        label=_("Wat"),
        help_text=_("Wat doen of maken we concreet?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op wat we doen of maken.")},
    )


class StoryForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"), max_length=150, error_messages={"required": _("Geef het verhaal een titel.")}
    )
    text = forms.CharField(
        label=_("Het verhaal"),
        help_text=_("Vertel het uit het hart, in korte zinnen."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Schrijf het verhaal op.")},
    )
    words = forms.CharField(
        label=_("Passende woorden"),
        required=False,
        max_length=300,
        help_text=_("Woorden die bij het verhaal passen, met komma's ertussen."),
    )
    workshop = forms.TypedChoiceField(label=_("Gemaakt in"), coerce=int, empty_value=None, required=False)
    image = forms.ImageField(
        label=_("Sfeerbeeld"),
        required=False,
        help_text=_("Een foto in JPEG, PNG of WebP, tot 8 MB. We halen verborgen gegevens (zoals de plek) eruit."),
    )
    image_crop = mood_image_crop_field(label=_("Uitsnede van het beeld"))
    image_alt = forms.CharField(
        label=_("Wat staat op het beeld?"),
        required=False,
        max_length=200,
        help_text=_("Voor wie het beeld niet kan zien. Nodig als er een beeld is."),
    )
    image_credit = forms.CharField(
        label=_("Wie maakte het beeld?"),
        required=False,
        max_length=150,
        help_text=_("Dit staat onder het beeld. Bijvoorbeeld: Foto: Ans de Vries."),
    )
    is_public = forms.BooleanField(label=_("Iedereen mag dit verhaal zien"), required=False)

    def __init__(self, *args, workshops=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].choices = [("", _("Geen werkatelier"))] + [(w.pk, str(w)) for w in workshops]


class InsightForm(forms.Form):
    text = forms.CharField(label=_("Inzicht"), widget=forms.Textarea(attrs={"rows": 3}))
    experiment = forms.TypedChoiceField(label=_("Gaat over"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, experiments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experiment"].choices = [("", _("Beide experimenten of het hele team"))] + [
            (e.pk, e.name) for e in experiments
        ]


class PublicationForm(forms.Form):
    is_public = forms.BooleanField(required=False)


class WorkshopForm(forms.Form):
    number = forms.IntegerField(
        label=_("Nummer"),
        min_value=1,
        max_value=99,
        error_messages={"required": _("Vul het nummer van het werkatelier in.")},
    )
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul de datum van het werkatelier in.")},
    )
    place = forms.CharField(label=_("Plaats"), max_length=120, error_messages={"required": _("Vul de plaats in.")})
    venue = forms.CharField(label=_("Locatie"), max_length=150, required=False)
    summary = forms.CharField(
        label=_("In het kort"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén of twee zinnen."),
    )
    report = forms.CharField(
        label=_("Verslag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("U mag eenvoudige opmaak gebruiken: <p>, <h3>, <ul>, <li>, <strong>, <em> en links."),
    )
    guests = forms.CharField(
        label=_("Gasten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eén gast per regel: naam, komma, namens wie. Bijvoorbeeld: Buurtcoach, Welzijn Almelo"),
    )

    def __init__(self, *args, taken_numbers=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.taken_numbers = set(taken_numbers)
        if editing:
            del self.fields["number"]

    def clean_number(self):
        number = self.cleaned_data["number"]
        if number in self.taken_numbers:
            raise forms.ValidationError(_("Dit team heeft al een werkatelier met dit nummer."), code="taken")
        return number

    def guest_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.cleaned_data.get("guests", "").splitlines():
            name, _sep, affiliation = line.partition(",")
            if name.strip():
                pairs.append((name.strip()[:150], affiliation.strip()[:150]))
        return pairs
