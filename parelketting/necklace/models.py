"""The necklace: routes that string published place pearls into a walk, and residents' suggestions."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijk.mood import MoodImage, mood_image_constraints
from wijk.public_cache import ContentQuerySet

from ..choices import PearlKind, RouteStatus, SuggestionStatus

# "langs zes fijne plekken", "8 stops": a count written by hand is wrong the day a stop leaves the map.
_HAND_COUNT = re.compile(
    r"\b(\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig)"
    r"(\s+\w+)?\s+(plekken|plaatsen|stops|parels|haltes)\b",
    re.IGNORECASE,
)


def validate_no_stop_count(text: str) -> None:
    """The route page counts the stops that can be seen; a description must not count them by hand."""
    if _HAND_COUNT.search(text or ""):
        raise ValidationError(
            _("Noem geen aantal stops of plekken. De pagina telt de stops zelf, ook als er een even weg is."),
            code="stop_count",
        )


class RouteQuerySet(ContentQuerySet):
    def published(self):
        return self.filter(status=RouteStatus.PUBLISHED)


class Route(MoodImage):
    """A walk along place pearls, in the order staff put the stops."""

    slug = models.SlugField(_("korte naam in het webadres"), max_length=80, unique=True)
    title = models.CharField(_("naam van de ketting"), max_length=120)
    description = models.TextField(
        _("over deze wandeling"), max_length=2000, blank=True, validators=[validate_no_stop_count]
    )
    neighbourhood = models.ForeignKey(
        "wijk.Neighbourhood", on_delete=models.PROTECT, related_name="routes", verbose_name=_("wijk")
    )
    status = models.CharField(_("status"), max_length=20, choices=RouteStatus.choices, default=RouteStatus.DRAFT)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = RouteQuerySet.as_manager()

    class Meta:
        verbose_name = _("ketting (wandelroute)")
        verbose_name_plural = _("kettingen (wandelroutes)")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(name="route_status_valid", condition=Q(status__in=RouteStatus.values)),
            *mood_image_constraints(),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("parelketting:route", kwargs={"slug": self.slug})

    def mood_image_url(self):
        return reverse("parelketting:route_mood_image", kwargs={"slug": self.slug})


class RouteStop(models.Model):
    """One pearl on a route, at a position. A stop is always a place pearl with a point on the map."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="stops", verbose_name=_("ketting"))
    pearl = models.ForeignKey(
        "parelketting.Pearl",
        on_delete=models.PROTECT,
        related_name="route_stops",
        limit_choices_to={"kind": PearlKind.PLACE},
        verbose_name=_("parel"),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    note = models.CharField(
        _("tip bij deze stop"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: Loop via het pad langs het water, daar is geen stoep."),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["route", "position"]
        constraints = [
            models.UniqueConstraint(fields=["route", "position"], name="routestop_unique_position"),
            models.UniqueConstraint(fields=["route", "pearl"], name="routestop_unique_pearl"),
        ]

    def __str__(self):
        return f"{self.position}. {self.pearl}"


class RouteSuggestion(models.Model):
    """A resident says: this pearl belongs on the necklace. A moderator accepts or declines it."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("ketting"))
    pearl = models.ForeignKey(
        "parelketting.Pearl", on_delete=models.CASCADE, related_name="route_suggestions", verbose_name=_("parel")
    )
    reason = models.TextField(_("waarom hoort deze parel erbij?"), max_length=1000)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.SUBMITTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    created_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voorstel voor de ketting")
        verbose_name_plural = _("voorstellen voor de ketting")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.pearl} → {self.route}"
