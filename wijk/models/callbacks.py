""" "Bel mij terug": a resident leaves a phone number and a part of the day; staff of the neighbourhood's
corporation call back. No account needed. The phone number, name and note go by retention (``wijk.retention``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayPart(models.TextChoices):
    MORNING = "morning", _("In de ochtend (9 tot 12 uur)")
    AFTERNOON = "afternoon", _("In de middag (12 tot 15 uur)")
    LATE_AFTERNOON = "late_afternoon", _("Aan het eind van de middag (15 tot 17 uur)")


# How the confirmation page and the staff list say the part of the day, after a day name: "dinsdag in de ochtend".
DAY_PART_PHRASES = {
    DayPart.MORNING: _("in de ochtend"),
    DayPart.AFTERNOON: _("in de middag"),
    DayPart.LATE_AFTERNOON: _("aan het eind van de middag"),
}


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("Nog bellen")
    CALLED = "called", _("Gebeld")
    NOT_REACHED = "not_reached", _("Niet bereikt")
    DONE = "done", _("Afgehandeld")


class CallbackQuerySet(models.QuerySet):
    def waiting(self):
        """Calls staff still have to make or finish: not done, and the number not yet forgotten (retention)."""
        return self.exclude(status=CallbackStatus.DONE).filter(erased_at__isnull=True)


class CallbackRequest(models.Model):
    """A call task: a resident asked to be called back on ``call_on`` in ``day_part``."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        "wijk.Neighbourhood", on_delete=models.PROTECT, related_name="callback_requests", verbose_name=_("wijk")
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    first_name = models.CharField(_("voornaam"), max_length=60, blank=True)
    note = models.TextField(_("waarover"), max_length=2000, blank=True)
    day_part = models.CharField(_("deel van de dag"), max_length=20, choices=DayPart.choices)
    call_on = models.DateField(_("bellen op"))
    status = models.CharField(_("status"), max_length=20, choices=CallbackStatus.choices, default=CallbackStatus.OPEN)
    attempts = models.PositiveSmallIntegerField(_("keer niet bereikt"), default=0)
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    handled_at = models.DateTimeField(_("laatst bijgewerkt"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    erased_at = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True)
    # A call task made for one colleague (a message to a resident who can only be phoned): only they are told.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voor"),
    )
    # The portal path of the case the call is about (``wijk`` does not know the other apps' models).
    about_path = models.CharField(_("over"), max_length=200, blank=True)

    objects = CallbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("terugbelverzoek")
        verbose_name_plural = _("terugbelverzoeken")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["neighbourhood", "status"], name="callback_hood_status_idx")]

    def __str__(self):
        return f"{self.neighbourhood} {self.call_on:%Y-%m-%d} {self.day_part}"

    @property
    def tel(self) -> str:
        from ..contact import tel_href

        return tel_href(self.phone)

    @property
    def about_url(self) -> str:
        """``about_path`` as a link, only when it is a path inside the portal."""
        path = self.about_path
        return path if path.startswith("/") and not path.startswith("//") else ""

    @property
    def day_part_phrase(self) -> str:
        return str(DAY_PART_PHRASES[self.day_part])
