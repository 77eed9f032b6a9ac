"""Notices for staff: what happened that needs them, kept for the Werkplek, and per person per kind how they
want to hear it (at once by e-mail, in one e-mail a day, or only in the Werkplek). Written by ``wijk.notices``."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    SIGNAL = "signal", _("Een nieuw signaal bij een droom van u")
    REFERRAL = "referral", _("Een partner werkte een aanmelding bij")
    REVIEW = "review", _("Een acute aanmelding wacht op een tweede droommakelaar")
    PEARL = "pearl", _("Een nieuwe parel wacht op controle")
    ACTIVITY = "activity", _("Een nieuw voorstel voor het programma")
    REPORT = "report", _("Iemand meldde een parel")
    HANDOVER = "handover", _("Een droom is aan u overgedragen")


class NoticeWay(models.TextChoices):
    NOW = "now", _("Meteen een e-mail")
    DIGEST = "digest", _("Eén e-mail per dag")
    WORKSPACE = "workspace", _("Alleen in de Werkplek")


class NoticePreference(models.Model):
    """How one person wants to hear about one kind of notice. No row: the kind's default (``wijk.notices``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences", verbose_name=_("wie")
    )
    kind = models.CharField(_("waarover"), max_length=10, choices=NoticeKind.choices)
    way = models.CharField(_("hoe"), max_length=10, choices=NoticeWay.choices)

    class Meta:
        verbose_name = _("keuze voor berichten")
        verbose_name_plural = _("keuzes voor berichten")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_way_display()}"


class StaffNotice(models.Model):
    """One notice to one staff member. The text says that something happened and where, never what a signal
    says: that stays on the case. ``emailed_at`` is set when it went out by e-mail (at once or in the digest);
    ``read_at`` when the person marked it read in the Werkplek or opened its link there."""

    # In the Werkplek's links ("gelezen", "openen"): a number would count everyone's notices.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_notices", verbose_name=_("voor wie")
    )
    kind = models.CharField(_("waarover"), max_length=10, choices=NoticeKind.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    acute = models.BooleanField(_("acuut"), default=False)
    in_digest = models.BooleanField(_("in de e-mail van de dag"), default=False)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("bericht voor medewerker")
        verbose_name_plural = _("berichten voor medewerkers")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="staff_notice_user_recent")]

    def __str__(self):
        return self.subject
