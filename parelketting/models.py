"""Pearls: good places, people with something to offer, and partners' offers in a neighbourhood.

The necklace's and the programme's models live in their packages (``necklace/models.py``,
``programme/models.py``); the imports below register them with this app, so their app label and tables stay
``parelketting``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib.follow_codes import reference_display
from wijk.choices import Channel
from wijk.public_cache import ContentQuerySet

from .choices import MessageDelivery, PearlKind, PearlStatus, Practical, ReportStatus, ReportWhat
from .necklace.models import Route, RouteStop, RouteSuggestion
from .programme.models import Activity, ActivityPhoto, SignUp


def _photo_path(instance, filename):
    return f"parelketting/{instance.uid}/{uuid.uuid4().hex}.jpg"


class PearlQuerySet(ContentQuerySet):
    def published(self):
        return self.filter(status=PearlStatus.PUBLISHED)

    def waiting(self):
        return self.filter(status=PearlStatus.SUBMITTED)

    def in_neighbourhood(self, neighbourhood):
        return self.filter(neighbourhood=neighbourhood)

    def with_point(self):
        """Pearls that can be drawn on the map: an own point, or (people) the point of a meeting place."""
        return self.filter(
            Q(lat__isnull=False, lng__isnull=False)
            | Q(meeting_place__lat__isnull=False, meeting_place__status=PearlStatus.PUBLISHED)
        )

    def filtered(self, *, kind="", theme=None):
        qs = self
        if kind:
            qs = qs.filter(kind=kind)
        if theme is not None:
            qs = qs.filter(themes=theme)
        return qs


class Pearl(models.Model):
    """One pearl on the necklace. Only a published pearl is public; every change is kept in its history."""

    uid = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort parel"), max_length=20, choices=PearlKind.choices)
    title = models.CharField(_("titel"), max_length=120)
    story = models.TextField(_("verhaal"), max_length=4000)
    on_front_door = models.BooleanField(
        _("verhaal uitgelicht op de pagina van de wijk"),
        default=False,
        help_text=_("Het verhaal staat dan op de pagina van de wijk en op de poster. Alleen als de parel openbaar is."),
    )
    themes = models.ManyToManyField("wijk.Theme", blank=True, related_name="pearls", verbose_name=_("thema's"))
    neighbourhood = models.ForeignKey(
        "wijk.Neighbourhood", on_delete=models.PROTECT, related_name="pearls", verbose_name=_("wijk")
    )
    lat = models.DecimalField(_("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True)
    street = models.CharField(_("straat"), max_length=120, blank=True)
    location_description = models.CharField(_("waar is het?"), max_length=300, blank=True)
    meeting_place = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people_meeting_here",
        limit_choices_to={"kind": PearlKind.PLACE},
        verbose_name=_("ontmoetingsplek"),
        help_text=_("Voor een mens: een plek in de wijk om elkaar te zien. Nooit het huisadres."),
    )
    step_free = models.CharField(
        _("zonder drempels of trappen"), max_length=3, choices=Practical.choices, blank=True, default=""
    )
    bench = models.CharField(_("bankje om te zitten"), max_length=3, choices=Practical.choices, blank=True, default="")
    toilet = models.CharField(_("wc in de buurt"), max_length=3, choices=Practical.choices, blank=True, default="")
    shelter = models.CharField(
        _("droog staan bij regen"), max_length=3, choices=Practical.choices, blank=True, default=""
    )
    short_code = models.CharField(
        _("korte code voor het bordje"), max_length=12, unique=True, null=True, blank=True, editable=False
    )
    photo = models.ImageField(_("foto"), upload_to=_photo_path, blank=True)
    thumbnail = models.ImageField(_("kleine foto"), upload_to=_photo_path, blank=True)
    photo_description = models.CharField(_("wat staat er op de foto?"), max_length=200, blank=True)
    submitter = models.ForeignKey(
        "wijk.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pearls",
        verbose_name=_("ingestuurd door bewoner"),
    )
    partner = models.ForeignKey(
        "wijk.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pearls",
        verbose_name=_("partner"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
        help_text=_("De medewerker die de parel namens de bewoner invoerde."),
    )
    submitted_via = models.CharField(
        _("hoe ingestuurd"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    consent_method = models.CharField(_("hoe de bewoner ja zei"), max_length=20, choices=Channel.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PearlStatus.choices, default=PearlStatus.SUBMITTED, db_index=True
    )
    moderator_message = models.TextField(
        _("bericht aan de inzender"), blank=True, help_text=_("De vraag of de reden, in vriendelijke woorden.")
    )
    reported = models.BooleanField(_("gemeld door een bezoeker"), default=False)
    follow_code = models.CharField(
        _("volgcode"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Alleen bij een parel zonder account: met deze code volgt de inzender de parel."),
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken door de inzender op"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), auto_now_add=True)
    published_at = models.DateTimeField(_("geplaatst op"), null=True, blank=True)
    created_at = models.DateTimeField(_("ingestuurd op"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = PearlQuerySet.as_manager()

    class Meta:
        verbose_name = _("parel")
        verbose_name_plural = _("parels")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "neighbourhood"], name="pearl_status_hood_idx")]
        constraints = [
            # A person is never put on the map at their own address: only at a meeting place.
            models.CheckConstraint(
                name="pearl_person_has_no_own_point",
                condition=~Q(kind=PearlKind.PERSON) | Q(lat__isnull=True, lng__isnull=True),
            ),
            models.CheckConstraint(
                name="pearl_point_complete",
                condition=Q(lat__isnull=True, lng__isnull=True) | Q(lat__isnull=False, lng__isnull=False),
            ),
            models.CheckConstraint(
                name="pearl_lat_range", condition=Q(lat__isnull=True) | Q(lat__gte=-90, lat__lte=90)
            ),
            models.CheckConstraint(
                name="pearl_lng_range", condition=Q(lng__isnull=True) | Q(lng__gte=-180, lng__lte=180)
            ),
            models.CheckConstraint(name="pearl_status_valid", condition=Q(status__in=PearlStatus.values)),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("parelketting:detail", kwargs={"uid": self.uid})

    @property
    def is_published(self) -> bool:
        return self.status == PearlStatus.PUBLISHED

    @property
    def follow_code_display(self) -> str:
        return reference_display(self.follow_code or "")

    @property
    def is_personal(self) -> bool:
        return self.kind == PearlKind.PERSON

    PRACTICAL_FIELDS = ("step_free", "bench", "toilet", "shelter")

    def practical_items(self) -> list[dict]:
        """What older walkers want to know about a place, as label and yes / no / not known ("")."""
        return [
            {"key": name, "label": self._meta.get_field(name).verbose_name, "value": getattr(self, name)}
            for name in self.PRACTICAL_FIELDS
        ]

    def point(self):
        """(lat, lng) to draw, or None. A person only ever gets the point of a published meeting place."""
        if self.kind == PearlKind.PERSON:
            place = self.meeting_place
            if place is not None and place.status == PearlStatus.PUBLISHED and place.lat is not None:
                return (place.lat, place.lng)
            return None
        if self.lat is not None and self.lng is not None:
            return (self.lat, self.lng)
        return None


class PearlReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReportStatus.OPEN)


class PearlReport(models.Model):
    """Someone said "er klopt iets niet" about a published pearl. A moderator resolves or dismisses it.

    The reporter is kept only as a keyed hash of who sent it (an account or a network address), so that
    independent reports can be counted without storing an address.
    """

    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    pearl = models.ForeignKey(Pearl, on_delete=models.CASCADE, related_name="reports", verbose_name=_("parel"))
    what = models.CharField(_("wat is er mis?"), max_length=20, choices=ReportWhat.choices, default=ReportWhat.OTHER)
    reason = models.TextField(_("toelichting"), max_length=1000, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeld door"),
    )
    reporter_key = models.CharField(_("melder (versleuteld)"), max_length=64, blank=True, editable=False)
    reply_email = models.EmailField(_("e-mailadres voor een antwoord"), blank=True)
    reply_phone = models.CharField(_("telefoonnummer voor een antwoord"), max_length=30, blank=True)
    took_off_map = models.BooleanField(_("haalde de parel van de kaart"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True
    )
    answer = models.TextField(_("antwoord aan de melder"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )
    decided_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = PearlReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(name="pearlreport_status_valid", condition=Q(status__in=ReportStatus.values)),
            models.CheckConstraint(name="pearlreport_what_valid", condition=Q(what__in=ReportWhat.values)),
        ]

    def __str__(self):
        return f"{self.pearl} ({self.created_at:%Y-%m-%d})"

    def reply_address(self) -> str:
        """Where an answer to the reporter can go: the address they gave, else their account's, else ""."""
        if self.reply_email:
            return self.reply_email
        return self.reported_by.email if self.reported_by_id and self.reported_by.email else ""


class PearlMessage(models.Model):
    """ "Ik doe mee / ik wil dit ook": a neighbour's message to the person behind a personal pearl.

    The offerer's e-mail address or phone number is never shown to the sender. When the offerer has no
    e-mail address, the corporation's moderators get the message to pass on.
    """

    pearl = models.ForeignKey(Pearl, on_delete=models.CASCADE, related_name="messages", verbose_name=_("parel"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("afzender")
    )
    sender_name = models.CharField(_("naam van de afzender"), max_length=120)
    body = models.TextField(_("bericht"), max_length=2000)
    reply_how = models.CharField(_("hoe wil de afzender antwoord"), max_length=200)
    delivery = models.CharField(_("bezorgd"), max_length=20, choices=MessageDelivery.choices)
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bericht bij een parel")
        verbose_name_plural = _("berichten bij parels")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.sender_name} → {self.pearl}"


__all__ = [
    "Activity",
    "ActivityPhoto",
    "Pearl",
    "PearlMessage",
    "PearlReport",
    "Route",
    "RouteStop",
    "RouteSuggestion",
    "SignUp",
]
