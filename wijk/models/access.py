from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .consent import AppendOnlyModel, AppendOnlyQuerySet


class AccessAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    CHANGE = "change", _("gewijzigd")
    EXPORT = "export", _("gedownload")
    PRINT = "print", _("geprint")


class AccessLogEntry(AppendOnlyModel):
    """Who looked at or changed a resident's file, when, for whom. Append-only; residents can read theirs."""

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("door")
    )
    role = models.CharField(_("rol"), max_length=20, blank=True)
    organisation = models.ForeignKey(
        "wijk.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    resident = models.ForeignKey(
        "wijk.Resident",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_log",
        verbose_name=_("bewoner"),
    )
    on_behalf_of = models.CharField(_("namens"), max_length=150, blank=True)
    action = models.CharField(_("wat"), max_length=10, choices=AccessAction.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=60)
    object_id = models.CharField(_("kenmerk"), max_length=64)
    detail = models.CharField(_("toelichting"), max_length=200, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-at"]
        indexes = [models.Index(fields=["resident", "at"], name="access_resident_at_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_type}"
