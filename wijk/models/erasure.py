"""The tombstone of an erasure: proof that a resident's data was removed, holding nothing about the person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Channel
from .consent import AppendOnlyModel, AppendOnlyQuerySet


class ErasureScope(models.TextChoices):
    RESIDENT = "resident", _("Alles over een bewoner")
    DREAM = "dream", _("Eén droom")


class ErasureRecord(AppendOnlyModel):
    """One erasure that was carried out: when, by whom (role, channel), how many records per kind, where.

    No link to the resident, no name, no code of a dream: the record cannot be traced back to the person.
    The day (not the time) is kept, so the row cannot be matched with a log line either.
    """

    on = models.DateField(_("datum"))
    scope = models.CharField(_("wat"), max_length=20, choices=ErasureScope.choices)
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgevoerd door medewerker"),
        help_text=_("Leeg als de bewoner het zelf deed."),
    )
    role = models.CharField(_("rol"), max_length=20)
    channel = models.CharField(_("gevraagd via"), max_length=20, choices=Channel.choices)
    neighbourhood = models.ForeignKey(
        "wijk.Neighbourhood", on_delete=models.PROTECT, related_name="+", verbose_name=_("wijk")
    )
    counts = models.JSONField(_("aantallen per soort"), default=dict)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewijs van vergeten")
        verbose_name_plural = _("bewijzen van vergeten")
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.on} {self.get_scope_display()} ({self.neighbourhood})"
