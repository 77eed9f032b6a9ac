from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import DataCategory, NeighbourhoodExperiment, OrganisationKind, PartnerType, RoleKind
from ..mood import MoodImage, mood_image_constraints
from ..public_cache import ContentQuerySet


class OrganisationQuerySet(ContentQuerySet):
    def corporations(self):
        return self.filter(kind=OrganisationKind.CORPORATION)

    def partners(self):
        return self.filter(kind=OrganisationKind.PARTNER)


class Organisation(models.Model):
    """A housing corporation or a partner in the neighbourhood (welfare, library, debt help, ...)."""

    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    partner_type = models.CharField(_("soort partner"), max_length=20, choices=PartnerType.choices, blank=True)
    description = models.TextField(_("wat zij doen"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(
        _("telefoonnummer"),
        max_length=30,
        blank=True,
        help_text=_("Het nummer dat bewoners kunnen bellen. Bijvoorbeeld: 0186 123 456."),
    )
    opening_hours = models.CharField(
        _("openingstijden"),
        max_length=200,
        blank=True,
        help_text=_(
            "Wanneer bewoners kunnen bellen of langskomen. Bijvoorbeeld: maandag tot en met vrijdag, 9 tot 17 uur."
        ),
    )
    visiting_address = models.CharField(
        _("bezoekadres"), max_length=200, blank=True, help_text=_("Straat, huisnummer en plaats.")
    )
    postal_address = models.CharField(
        _("adres voor formulieren op papier"),
        max_length=200,
        blank=True,
        help_text=_("Hier kunnen bewoners een papieren formulier afgeven of naartoe sturen. Leeg: het bezoekadres."),
    )
    works_with = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="partners",
        limit_choices_to={"kind": OrganisationKind.CORPORATION},
        verbose_name=_("werkt samen met corporaties"),
        help_text=_("De corporaties waarmee deze partner samenwerkt."),
    )
    neighbourhoods = models.ManyToManyField(
        "Neighbourhood", blank=True, related_name="partners", verbose_name=_("actief in wijken")
    )
    themes = models.ManyToManyField("Theme", blank=True, related_name="organisations", verbose_name=_("thema's"))
    sharing_agreement_ref = models.CharField(_("kenmerk afspraak gegevens delen"), max_length=100, blank=True)
    sharing_agreement_valid_until = models.DateField(_("afspraak geldig tot"), null=True, blank=True)
    sharing_categories = models.JSONField(_("soorten gegevens die zij mogen ontvangen"), default=list, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="partner_type_only_for_partners",
                condition=models.Q(kind=OrganisationKind.PARTNER) | models.Q(partner_type=""),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_corporation(self) -> bool:
        return self.kind == OrganisationKind.CORPORATION

    def clean(self):
        unknown = set(self.sharing_categories or []) - set(DataCategory.values)
        if unknown:
            raise ValidationError(
                {
                    "sharing_categories": _("Onbekende soort gegevens: %(codes)s")
                    % {"codes": ", ".join(sorted(unknown))}
                },
                code="unknown_category",
            )
        if self.kind == OrganisationKind.CORPORATION and self.partner_type:
            raise ValidationError({"partner_type": _("Een corporatie heeft geen soort partner.")}, code="not_partner")

    @property
    def paper_address(self) -> str:
        """Where a paper form goes: the postal address for paper, else the visiting address."""
        return self.postal_address or self.visiting_address

    def agreement_allows(self, category: str, on=None) -> bool:
        """True when a valid data-sharing agreement lets this partner receive ``category`` on day ``on``."""
        day = on or timezone.localdate()
        return bool(
            self.sharing_agreement_ref
            and self.sharing_agreement_valid_until
            and self.sharing_agreement_valid_until >= day
            and category in (self.sharing_categories or [])
        )


class Neighbourhood(MoodImage):
    """A neighbourhood (wijk or buurt) owned, for the portal's purposes, by one housing corporation."""

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    municipality = models.CharField(_("gemeente"), max_length=120)
    corporation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_neighbourhoods",
        limit_choices_to={"kind": OrganisationKind.CORPORATION},
        verbose_name=_("corporatie"),
    )
    centre_lat = models.DecimalField(_("midden van de kaart: breedtegraad"), max_digits=9, decimal_places=6)
    centre_lng = models.DecimalField(_("midden van de kaart: lengtegraad"), max_digits=9, decimal_places=6)
    zoom = models.PositiveSmallIntegerField(_("zoomniveau"), default=15)
    cbs_code = models.CharField(_("CBS-buurtcode"), max_length=12, blank=True)
    experiment = models.CharField(
        _("experiment in deze wijk"),
        max_length=20,
        choices=NeighbourhoodExperiment.choices,
        blank=True,
        help_text=_("Dit bepaalt wat bewoners op de pagina van de wijk en in het menu zien. Leeg: alles."),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="neighbourhood_lat_range", condition=models.Q(centre_lat__gte=-90, centre_lat__lte=90)
            ),
            models.CheckConstraint(
                name="neighbourhood_lng_range", condition=models.Q(centre_lng__gte=-180, centre_lng__lte=180)
            ),
            *mood_image_constraints(),
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality})"

    def get_absolute_url(self):
        return reverse("wijk:front_door", kwargs={"slug": self.slug})

    def mood_image_url(self):
        return reverse("wijk:mood_image", kwargs={"slug": self.slug})

    def clean(self):
        # The front door lives at /<slug>/: a slug that another page already uses would never be reached.
        if self.slug:
            try:
                match = resolve(f"/{self.slug}/")
            except Resolver404:
                return
            if match.view_name != "wijk:front_door":
                taken = ValidationError(
                    _("Dit webadres is al in gebruik. Kies een andere korte naam."), code="slug_taken"
                )
                raise ValidationError({"slug": taken})


class Street(models.Model):
    """A street in a neighbourhood: a choice on the pearl form, and (with a point) where the map goes."""

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="streets", verbose_name=_("wijk")
    )
    name = models.CharField(_("naam"), max_length=120)
    lat = models.DecimalField(_("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True)
    number_from = models.PositiveIntegerField(_("huisnummer van"), null=True, blank=True)
    number_to = models.PositiveIntegerField(_("huisnummer tot"), null=True, blank=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("straat")
        verbose_name_plural = _("straten")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "name"], name="street_unique_per_neighbourhood"),
            models.CheckConstraint(
                name="street_point_complete",
                condition=models.Q(lat__isnull=True, lng__isnull=True) | models.Q(lat__isnull=False, lng__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lng is not None

    def clean(self):
        if (self.lat is None) != (self.lng is None):
            raise ValidationError(_("Vul de breedtegraad en de lengtegraad allebei in, of allebei niet."))
        if self.number_from and self.number_to and self.number_from > self.number_to:
            raise ValidationError({"number_to": _("Het laatste huisnummer is lager dan het eerste.")})


class WalkInPlace(models.Model):
    """A place in a neighbourhood where residents can walk in without an appointment (the Droomhuis, a pop-up space)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="walk_in_places", verbose_name=_("organisatie")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="walk_in_places", verbose_name=_("wijk")
    )
    name = models.CharField(_("naam"), max_length=120, help_text=_("Bijvoorbeeld: Het Droomhuis."))
    address = models.CharField(_("adres"), max_length=200, help_text=_("Straat, huisnummer en plaats."))
    opening_hours = models.CharField(
        _("open"), max_length=200, help_text=_("Bijvoorbeeld: dinsdag en donderdag, 10 tot 16 uur.")
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inloopplek")
        verbose_name_plural = _("inloopplekken")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """One word of the shared theme vocabulary used by pearls, dreams, activities and partners."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=60)
    name_en = models.CharField(_("naam in het Engels"), max_length=60, blank=True)
    name_tr = models.CharField(_("naam in het Turks"), max_length=60, blank=True)
    name_ar = models.CharField(_("naam in het Arabisch"), max_length=60, blank=True)
    description = models.CharField(_("uitleg"), max_length=200, blank=True)
    icon = models.CharField(_("pictogram"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["position", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language; the Dutch name where staff have not given one."""
        language = (get_language() or "nl").split("-")[0]
        return getattr(self, f"name_{language}", "") or self.name

    @property
    def label_language(self) -> str:
        """The language ``label`` is in, for the page's ``lang`` attribute."""
        language = (get_language() or "nl").split("-")[0]
        return language if getattr(self, f"name_{language}", "") else "nl"


class RoleQuerySet(ContentQuerySet):
    def active(self):
        return self.filter(active=True)

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)


class Role(models.Model):
    """What a person may do, for one organisation and, where it matters, one neighbourhood."""

    user = models.ForeignKey("wijk.User", on_delete=models.CASCADE, related_name="roles", verbose_name=_("account"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="roles", verbose_name=_("organisatie")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("wijk"),
        help_text=_("Leeg: alle wijken van de organisatie."),
    )
    kind = models.CharField(_("rol"), max_length=20, choices=RoleKind.choices)
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["organisation__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "neighbourhood", "kind"], name="unique_role_per_scope"
            ),
        ]

    def __str__(self):
        where = f" — {self.neighbourhood.name}" if self.neighbourhood_id else ""
        return f"{self.get_kind_display()}, {self.organisation}{where}"
