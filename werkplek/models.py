"""Standard replies per corporation: the short texts a moderator picks and then changes before sending."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReplyKind(models.TextChoices):
    REJECT = "reject", _("Reden om een parel niet te plaatsen")
    RETURN = "return", _("Vraag over een parel")
    DECLINE = "decline", _("Reden om een activiteit niet in het programma te zetten")
    ANSWER = "answer", _("Antwoord aan iemand die iets meldde")


class StandardReply(models.Model):
    """One standard reply of one corporation. Without any of a kind, the portal's own texts are used."""

    organisation = models.ForeignKey(
        "wijk.Organisation",
        on_delete=models.CASCADE,
        related_name="standard_replies",
        limit_choices_to={"kind": "corporation"},
        verbose_name=_("corporatie"),
    )
    kind = models.CharField(_("waarvoor"), max_length=10, choices=ReplyKind.choices)
    label = models.CharField(
        _("korte naam"), max_length=40, help_text=_("Wat de moderator ziet om te kiezen. Bijvoorbeeld: Reclame.")
    )
    text = models.TextField(
        _("tekst"),
        max_length=1000,
        help_text=_("Schrijf kort en vriendelijk, met 'u'. De moderator kan het nog aanpassen."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("standaardantwoord")
        verbose_name_plural = _("standaardantwoorden")
        ordering = ["organisation", "kind", "position", "pk"]

    def __str__(self):
        return self.label
