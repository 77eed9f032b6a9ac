"""The consent ledger: append-only. A withdrawal is a new row, never an edit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import EXPLICIT_CATEGORIES, Channel, DataCategory, Purpose, RecipientKind


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a ledger row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted.")


class ConsentText(AppendOnlyModel):
    """One version of the plain-language explanation a resident saw when giving consent."""

    key = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("versie"))
    language = models.CharField(_("taal"), max_length=10, default="nl")
    title = models.CharField(_("titel"), max_length=150)
    body = models.TextField(_("uitleg"))
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitleg bij toestemming")
        verbose_name_plural = _("uitleg bij toestemming")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version", "language"], name="unique_consent_text_version"),
        ]

    def __str__(self):
        return f"{self.key} v{self.version} ({self.language})"


class ConsentQuerySet(AppendOnlyQuerySet):
    def active(self, at=None):
        """Consents given on or before ``at``, not yet expired and not withdrawn at ``at``."""
        at = at or timezone.now()
        return self.filter(
            Q(given_at__lte=at),
            Q(valid_until__isnull=True) | Q(valid_until__gt=at),
            Q(withdrawal__isnull=True) | Q(withdrawal__withdrawn_at__gt=at),
        )

    def covering(self, *, category, purpose, recipient=None):
        """Consents whose scope is this data category, this purpose and this recipient (None = public)."""
        scope = Q(category=category, purpose=purpose)
        if recipient is None:
            scope &= Q(recipient_kind=RecipientKind.PUBLIC)
        else:
            scope &= Q(recipient_kind=RecipientKind.ORGANISATION, recipient=recipient)
        return self.filter(scope)


class ConsentRecord(AppendOnlyModel):
    """A resident's consent for one scope: data category × recipient × purpose."""

    resident = models.ForeignKey(
        "wijk.Resident", on_delete=models.CASCADE, related_name="consents", verbose_name=_("bewoner")
    )
    category = models.CharField(_("soort gegevens"), max_length=30, choices=DataCategory.choices)
    recipient_kind = models.CharField(_("voor wie"), max_length=20, choices=RecipientKind.choices)
    recipient = models.ForeignKey(
        "wijk.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents_received",
        verbose_name=_("organisatie"),
    )
    purpose = models.CharField(_("waarvoor"), max_length=30, choices=Purpose.choices)
    explicit = models.BooleanField(
        _("uitdrukkelijk"), default=False, help_text=_("De bewoner zei hier apart en duidelijk ja op.")
    )
    method = models.CharField(_("hoe gegeven"), max_length=20, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
        help_text=_("Leeg als de bewoner het zelf deed."),
    )
    explanation = models.ForeignKey(
        ConsentText, on_delete=models.PROTECT, related_name="consents", verbose_name=_("uitleg die de bewoner zag")
    )
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    valid_until = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["resident", "category", "purpose"], name="consent_scope_idx")]
        constraints = [
            models.CheckConstraint(
                name="consent_recipient_matches_kind",
                condition=(
                    Q(recipient_kind=RecipientKind.PUBLIC, recipient__isnull=True)
                    | Q(recipient_kind=RecipientKind.ORGANISATION, recipient__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="consent_valid_after_given",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("given_at")),
            ),
        ]

    def __str__(self):
        who = self.recipient or _("iedereen")
        return f"{self.get_category_display()} → {who} ({self.get_purpose_display()})"

    def clean(self):
        if self.category in EXPLICIT_CATEGORIES and not self.explicit:
            raise ValidationError(
                _("Voor gegevens over gezondheid is een uitdrukkelijke toestemming nodig."), code="explicit_required"
            )

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        if self.given_at > at or (self.valid_until and self.valid_until <= at):
            return False
        withdrawal = getattr(self, "withdrawal", None)
        return withdrawal is None or withdrawal.withdrawn_at > at


class ConsentWithdrawal(AppendOnlyModel):
    """The end of a consent. Takes effect at ``withdrawn_at``; the consent row itself never changes."""

    consent = models.OneToOneField(
        ConsentRecord, on_delete=models.CASCADE, related_name="withdrawal", verbose_name=_("toestemming")
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), default=timezone.now)
    method = models.CharField(_("hoe ingetrokken"), max_length=20, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("intrekking van toestemming")
        verbose_name_plural = _("intrekkingen van toestemming")
        ordering = ["-withdrawn_at"]

    def __str__(self):
        return f"{self.consent} — {self.withdrawn_at:%Y-%m-%d}"
