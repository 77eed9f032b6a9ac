"""Forms for matches on the case page: record one from the suggestions, reach it, close it with an outcome."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wijk.choices import DataCategory

from .models import MatchOutcome

SHARE_CHOICES = [(DataCategory.CONTACT, DataCategory.CONTACT.label), (DataCategory.DREAM, DataCategory.DREAM.label)]


class MatchForm(forms.Form):
    """Choose one suggestion: ``partner:<id>`` or ``pearl:<uid>`` (the choices are this dream's suggestions)."""

    prefix = "match"
    mark_optional = True
    target = forms.ChoiceField(
        label=_("Nieuwe match: wie past bij deze droom?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een partner of een parel."), "invalid_choice": _("Kies uit de lijst.")},
    )
    note = forms.CharField(
        label=_("Waarom past dit?"),
        required=False,
        max_length=500,
        widget=forms.TextInput,
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = list(choices)


class MatchContactForm(forms.Form):
    message = forms.CharField(
        label=_("Wat vraagt u?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf wat u vraagt.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("Welke gegevens gaan mee naar de partner?"),
        choices=SHARE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen met toestemming van de bewoner voor elke soort gegevens."),
    )

    def __init__(self, *args, match=None, **kwargs):
        kwargs.setdefault("auto_id", f"id_contact_{match.pk}_%s" if match else "id_contact_%s")
        super().__init__(*args, **kwargs)
        if match is not None and match.kind != "partner":
            del self.fields["categories"]
            self.fields["message"].help_text = _(
                "Dit gaat naar de buur van de parel, per e-mail of via een collega. Noem geen naam of adres van "
                "de bewoner zonder toestemming."
            )

    def clean(self):
        data = super().clean()
        if "categories" in self.fields and not data.get("categories"):
            self.add_error("categories", _("Kies minstens één soort gegevens."))
        return data


class MatchCloseForm(forms.Form):
    mark_optional = True
    outcome = forms.ChoiceField(
        label=_("Hoe ging het?"),
        choices=MatchOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een uitkomst.")},
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=500)

    def __init__(self, *args, match=None, **kwargs):
        kwargs.setdefault("auto_id", f"id_close_{match.pk}_%s" if match else "id_close_%s")
        super().__init__(*args, **kwargs)
