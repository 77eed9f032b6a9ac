"""Signals and referrals: restricted child records of a dream case.

A signal is what a broker (or a paired expert) notices: money worries, loneliness, health, home safety,
social conflict, acute danger. It is never shown to moderators, collection staff, partners without consent
or in an export. A referral passes only the categories an active consent covers to one partner.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijk.choices import DataCategory
from wijk.models.consent import AppendOnlyModel, AppendOnlyQuerySet

from .workflow import ReferralOutcome, ReferralStatus


class SignalKind(models.TextChoices):
    """The fixed list of signal kinds. Codes equal the consent ledger's data categories."""

    MONEY = DataCategory.MONEY.value, _("Zorgen over geld")
    LONELINESS = DataCategory.LONELINESS.value, _("Eenzaamheid")
    HEALTH = DataCategory.HEALTH.value, _("Gezondheid")
    HOME_SAFETY = DataCategory.HOME_SAFETY.value, _("Veiligheid in huis")
    SOCIAL_CONFLICT = DataCategory.SOCIAL_CONFLICT.value, _("Ruzie of onenigheid")
    ACUTE_DANGER = DataCategory.ACUTE_DANGER.value, _("Acuut gevaar")


class SignalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def past_retention(self, before):
        """Closed before ``before`` and not on legal hold: due for deletion."""
        return self.filter(closed_at__lt=before, legal_hold=False)


class Signal(models.Model):
    """Something the broker noticed about the resident's situation. Restricted; see ``permissions``."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dream = models.ForeignKey(
        "droomhuis.Dream", on_delete=models.CASCADE, related_name="signals", verbose_name=_("droom")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=SignalKind.choices)
    description = models.CharField(_("wat viel op"), max_length=500)
    follow_up = models.CharField(_("wat doen we ermee"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgesloten door"),
    )
    legal_hold = models.BooleanField(
        _("bewaren voor een rechtszaak"), default=False, help_text=_("Niet weggooien, ook niet na 24 maanden.")
    )

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-recorded_at"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.recorded_at:%Y-%m-%d})"


class ReferralQuerySet(models.QuerySet):
    def open(self):
        from .workflow import OPEN

        return self.filter(status__in=OPEN)

    def unacknowledged_since(self, day):
        """Sent referrals nobody at the partner acknowledged, due before ``day``."""
        return self.filter(status=ReferralStatus.SENT, acknowledge_due__lt=day)

    def for_list(self):
        return self.select_related("partner", "dream", "created_by")


class Referral(models.Model):
    """The broker refers the resident to a partner. Carries only the categories listed in ``categories``."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dream = models.ForeignKey(
        "droomhuis.Dream", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("droom")
    )
    resident = models.ForeignKey("wijk.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("bewoner"))
    partner = models.ForeignKey(
        "wijk.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    question = models.CharField(_("vraag aan de partner"), max_length=500)
    categories = models.JSONField(_("gedeelde soorten gegevens"), default=list)
    fields = models.JSONField(_("gedeelde velden"), default=list)
    consents = models.ManyToManyField(
        "wijk.ConsentRecord", blank=True, related_name="+", verbose_name=_("toestemmingen")
    )
    without_consent = models.BooleanField(_("zonder toestemming (acuut gevaar)"), default=False)
    justification = models.TextField(_("onderbouwing"), max_length=2000, blank=True)
    review_due = models.DateField(_("beoordelen uiterlijk"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    review_note = models.CharField(_("oordeel"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ReferralStatus.choices, default="proposed")
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=ReferralOutcome.choices, blank=True)
    partner_note = models.CharField(_("laatste toelichting van de partner"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemaakt door")
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    acknowledge_due = models.DateField(_("bevestigen uiterlijk"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    contact_made_at = models.DateTimeField(_("contact gehad op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    legal_hold = models.BooleanField(
        _("bewaren voor een rechtszaak"), default=False, help_text=_("Niet weggooien, ook niet na 24 maanden.")
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["partner", "status"], name="referral_partner_status_idx")]

    def __str__(self):
        return self.reference

    @property
    def category_labels(self) -> list[str]:
        return [DataCategory(c).label for c in self.categories if c in DataCategory.values]

    @property
    def is_open(self) -> bool:
        from .workflow import OPEN

        return self.status in OPEN

    @property
    def reference(self) -> str:
        """A short reference the partner and broker can quote; says nothing about the resident."""
        return "V-" + self.uid.hex[:8].upper()


class ReferralEvent(AppendOnlyModel):
    """One step in a referral's life. Append-only."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    note = models.CharField(max_length=500, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("stap van een aanmelding")
        verbose_name_plural = _("stappen van aanmeldingen")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.referral} {self.from_status} → {self.to_status}"

    @property
    def to_label(self):
        return ReferralStatus(self.to_status).label if self.to_status in ReferralStatus.values else self.to_status


class ConfidentialityStatement(AppendOnlyModel):
    """An expert by experience signed the confidentiality statement (which version, on which day)."""

    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("wijk.Organisation", on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("getekend op"))
    version = models.CharField(_("versie"), max_length=20)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("geheimhoudingsverklaring")
        verbose_name_plural = _("geheimhoudingsverklaringen")
        ordering = ["-signed_on"]

    def __str__(self):
        return f"{self.expert} v{self.version} ({self.signed_on})"


class PairingQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(ended_at__isnull=True, expires_at__gt=at)


class Pairing(models.Model):
    """An expert by experience accompanies a resident on one case, with the resident's consent, for a while."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dream = models.ForeignKey("droomhuis.Dream", on_delete=models.CASCADE, related_name="pairings")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pairings")
    consent = models.ForeignKey("wijk.ConsentRecord", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("loopt af op"))
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppeling ervaringsdeskundige")
        verbose_name_plural = _("koppelingen ervaringsdeskundige")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.expert} ({self.started_at:%Y-%m-%d})"


class ExpertNote(models.Model):
    """A note by a paired expert. Only the case's brokers read it, unless the expert shares it (never by default)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="notes")
    body = models.TextField(_("notitie"), max_length=2000)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("notitie van een ervaringsdeskundige")
        verbose_name_plural = _("notities van ervaringsdeskundigen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d}"
