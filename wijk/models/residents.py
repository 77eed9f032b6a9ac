import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Channel, ContactPreference, ResidentLanguage


class ResidentQuerySet(models.QuerySet):
    def of_corporation(self, organisation):
        return self.filter(neighbourhood__corporation=organisation)


class Resident(models.Model):
    """A person living in a neighbourhood. Many have no account: someone who only phones counts too."""

    uid = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident",
        verbose_name=_("account"),
    )
    display_name = models.CharField(_("naam"), max_length=120, blank=True)
    first_name = models.CharField(_("voornaam"), max_length=60, blank=True)
    alias = models.CharField(_("schuilnaam"), max_length=60, blank=True)
    neighbourhood = models.ForeignKey(
        "wijk.Neighbourhood", on_delete=models.PROTECT, related_name="residents", verbose_name=_("wijk")
    )
    contact_preference = models.CharField(
        _("hoe wilt u contact"), max_length=20, choices=ContactPreference.choices, blank=True
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    postal_address = models.TextField(_("adres voor brieven"), blank=True)
    contact_notes = models.CharField(_("wanneer bereikbaar"), max_length=200, blank=True)
    language = models.CharField(
        _("taal"), max_length=10, choices=ResidentLanguage.choices, default=ResidentLanguage.DUTCH
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_via = models.CharField(_("hoe aangemeld"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    erased_at = models.DateTimeField(
        _("vergeten op"),
        null=True,
        blank=True,
        help_text=_("Leeg, tenzij de bewoner vroeg om vergeten te worden. Dan staat hier niets meer over de persoon."),
    )

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewoner")
        verbose_name_plural = _("bewoners")
        ordering = ["-created_at"]

    def __str__(self):
        return self.alias or self.first_name or self.display_name or str(self.uid)[:8]

    @property
    def created_on_behalf(self) -> bool:
        """True when a staff member made this record for the resident (paper, phone, a visit)."""
        return self.created_by_id is not None and self.created_by_id != self.user_id
