"""A match: the broker's record that a partner or a neighbour's personal pearl could help with a dream.

recorded → contacted (through the existing relay: a referral to the partner, or a message through the pearl) →
closed with an outcome. ``droomhuis.matches.services`` is the only writer. The case's history and the atelier's evidence
show it; anonymising a dream keeps only the outcome and the month.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijk.public_cache import ContentQuerySet


class MatchKind(models.TextChoices):
    PARTNER = "partner", _("Partner")
    PEARL = "pearl", _("Parel van een buur")


class MatchStatus(models.TextChoices):
    RECORDED = "recorded", _("Vastgelegd")
    CONTACTED = "contacted", _("Contact gezocht")
    CLOSED = "closed", _("Afgesloten")


class MatchOutcome(models.TextChoices):
    HELPED = "helped", _("Het hielp")
    NOT_A_FIT = "not_a_fit", _("Paste toch niet")
    NO_ANSWER = "no_answer", _("Geen reactie gekregen")
    DECLINED = "declined", _("Bewoner wilde niet")


OPEN_MATCH = (MatchStatus.RECORDED, MatchStatus.CONTACTED)


class MatchQuerySet(ContentQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_MATCH)


class Match(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dream = models.ForeignKey(
        "droomhuis.Dream", on_delete=models.CASCADE, related_name="matches", verbose_name=_("droom")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=MatchKind.choices)
    partner = models.ForeignKey(
        "wijk.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    pearl = models.ForeignKey(
        "parelketting.Pearl",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parel"),
    )
    note = models.CharField(_("waarom deze match"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.RECORDED)
    referral = models.ForeignKey(
        "droomhuis.Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanmelding bij de partner"),
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=MatchOutcome.choices, blank=True)
    outcome_note = models.CharField(_("toelichting bij de uitkomst"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    contacted_at = models.DateTimeField(_("contact gezocht op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="match_kind_fits_target",
                condition=Q(kind=MatchKind.PARTNER, pearl__isnull=True, partner__isnull=False)
                | Q(kind=MatchKind.PEARL, partner__isnull=True),
            ),
            models.CheckConstraint(
                name="match_closed_has_outcome",
                condition=~Q(status=MatchStatus.CLOSED) | ~Q(outcome=""),
            ),
            models.UniqueConstraint(
                fields=["dream", "partner"],
                condition=Q(status__in=OPEN_MATCH, partner__isnull=False),
                name="match_one_open_per_partner",
            ),
            models.UniqueConstraint(
                fields=["dream", "pearl"],
                condition=Q(status__in=OPEN_MATCH, pearl__isnull=False),
                name="match_one_open_per_pearl",
            ),
        ]

    def __str__(self):
        return f"{self.dream} ↔ {self.label}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_MATCH

    @property
    def label(self) -> str:
        if self.kind == MatchKind.PARTNER:
            return self.partner.name if self.partner_id else ""
        return self.pearl.title if self.pearl_id else str(_("Een parel die er niet meer is"))
