"""The moderator's decision forms on an item's own page. Each carries the status the moderator saw, so a
decision someone else already made is not made twice."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DecisionForm(forms.Form):
    seen_status = forms.CharField(widget=forms.HiddenInput, max_length=20)


class ApproveForm(DecisionForm):
    pass


class RejectForm(DecisionForm):
    reason = forms.CharField(
        label=_("Reden voor de inzender"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kies hierboven een standaardreden of schrijf zelf. U kunt de tekst aanpassen."),
        error_messages={"required": _("Schrijf een vriendelijke reden voor de inzender.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_reject_%s")
        super().__init__(*args, **kwargs)


class ReturnForm(DecisionForm):
    question = forms.CharField(
        label=_("Vraag aan de inzender"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De inzender kan de parel aanpassen en opnieuw sturen."),
        error_messages={"required": _("Schrijf een vraag voor de inzender.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_return_%s")
        super().__init__(*args, **kwargs)


class DeclineForm(RejectForm):
    """Not in the programme: the reason goes to whoever proposed the activity."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_decline_%s")
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Reden voor wie het voorstelde")
        self.fields["reason"].error_messages["required"] = _("Schrijf een vriendelijke reden voor wie het voorstelde.")


class ReportDecideForm(DecisionForm):
    """Resolve, dismiss or hide a report (the button pressed), with an answer to the reporter when they can be
    reached."""

    besluit = forms.ChoiceField(
        choices=[("resolved", _("Klopt, is opgelost")), ("dismissed", _("Klopt niet")), ("hide", _("Klopt, haal van de kaart"))],
        error_messages={"required": _("Kies wat u met de melding doet."), "invalid_choice": _("Kies wat u met de melding doet.")},
    )  # fmt: skip
    answer = forms.CharField(
        label=_("Antwoord aan de melder"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wij mailen het naar de melder. Zonder tekst krijgt de melder geen bericht."),
    )
    mark_optional = True

    def __init__(self, *args, reach: str = "email", **kwargs):
        kwargs.setdefault("auto_id", "id_report_%s")
        super().__init__(*args, **kwargs)
        if reach == "phone":
            self.fields["answer"].label = _("Wat heeft u de melder gezegd?")
            self.fields["answer"].help_text = _(
                "Bel eerst. Wij bewaren het bij de melding. Het nummer halen wij weg als u besluit."
            )
        elif reach == "nobody":
            del self.fields["answer"]
