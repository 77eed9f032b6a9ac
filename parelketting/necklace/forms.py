"""The necklace's one form for residents: suggesting a place pearl for a route."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.antispam import HoneypotForm

from ..forms import AccessibleErrorsMixin
from ..models import Pearl


class RouteSuggestionForm(AccessibleErrorsMixin, HoneypotForm):
    """ "Deze parel hoort erbij": a resident suggests a place pearl for a necklace."""

    pearl = forms.ModelChoiceField(
        label=_("Welke plek hoort bij de ketting?"), queryset=Pearl.objects.none(), empty_label=_("Kies een plek")
    )
    reason = forms.CharField(
        label=_("Waarom hoort deze plek erbij?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bijvoorbeeld: Hier kunt u even zitten, halverwege de wandeling."),
    )

    def __init__(self, *args, pearls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pearl"].queryset = pearls
