"""The pop-up programme: activities at a place, sign-ups with a waiting list, and how it went."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib.follow_codes import reference_display
from wijk.choices import Channel
from wijk.mood import MoodImage, mood_image_constraints
from wijk.public_cache import ContentQuerySet

from ..choices import ActivityStatus, PearlKind, SignUpStatus


def _story_photo_path(instance, filename):
    return f"parelketting/activiteit/{instance.activity.uid}/{uuid.uuid4().hex}.jpg"


# A uid no activity has: ``activity_links`` reverses the activity's URL once with it, then puts each uid in.
_STAND_IN_UID = uuid.UUID(int=0)


def activity_links():
    """``uid -> Activity.get_absolute_url()`` for a page or feed of many activities: one ``reverse()`` for
    all of them (with a stand-in uid that each activity's uid replaces) instead of one per activity."""
    pattern = reverse("parelketting:activity", kwargs={"uid": _STAND_IN_UID})
    stand_in = str(_STAND_IN_UID)
    return lambda uid: pattern.replace(stand_in, str(uid))


class ActivityQuerySet(ContentQuerySet):
    def published(self):
        return self.filter(status=ActivityStatus.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())


class Activity(MoodImage):
    """Something residents or partners do together, at a place, at a time, for a number of people."""

    uid = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("naam van de activiteit"), max_length=120)
    description = models.TextField(_("wat gaan we doen?"), max_length=3000)
    neighbourhood = models.ForeignKey(
        "wijk.Neighbourhood", on_delete=models.PROTECT, related_name="activities", verbose_name=_("wijk")
    )
    place = models.ForeignKey(
        "parelketting.Pearl",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities_here",
        limit_choices_to={"kind": PearlKind.PLACE},
        verbose_name=_("plek"),
    )
    place_text = models.CharField(
        _("of beschrijf de plek"), max_length=200, blank=True, help_text=_("Als de plek geen parel is.")
    )
    starts_at = models.DateTimeField(_("begint"), db_index=True)
    ends_at = models.DateTimeField(_("eindigt"))
    organiser_resident = models.ForeignKey(
        "wijk.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_activities",
        verbose_name=_("georganiseerd door bewoner"),
    )
    organiser_partner = models.ForeignKey(
        "wijk.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_activities",
        verbose_name=_("georganiseerd door partner"),
    )
    themes = models.ManyToManyField("wijk.Theme", blank=True, related_name="activities", verbose_name=_("thema's"))
    talent_pearls = models.ManyToManyField(
        "parelketting.Pearl",
        blank=True,
        related_name="activities_offered",
        limit_choices_to={"kind": PearlKind.PERSON},
        verbose_name=_("mensen die hun talent delen"),
        help_text=_("Parels van mensen die bij deze activiteit iets laten zien of leren."),
    )
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PROPOSED, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    story = models.TextField(_("zo ging het"), max_length=3000, blank=True)
    story_written_at = models.DateTimeField(_("verhaal geschreven op"), null=True, blank=True)
    created_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(name="activity_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))),
            models.CheckConstraint(name="activity_capacity_positive", condition=Q(capacity__gte=1)),
            models.CheckConstraint(name="activity_status_valid", condition=Q(status__in=ActivityStatus.values)),
            *mood_image_constraints(),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("parelketting:activity", kwargs={"uid": self.uid})

    def mood_image_url(self):
        return reverse("parelketting:activity_mood_image", kwargs={"uid": self.uid})

    @property
    def is_past(self) -> bool:
        """It has ended: it is in the archive, no longer "in het programma"."""
        return self.ends_at < timezone.now()

    @property
    def status_label(self) -> str:
        """The status in words, with "Voorbij" for a published activity that has ended."""
        if self.status == ActivityStatus.PUBLISHED and self.is_past:
            return str(_("Voorbij"))
        return self.get_status_display()

    @property
    def place_label(self) -> str:
        if self.place_id is not None:
            return self.place.title
        return self.place_text


class ActivityPhoto(models.Model):
    """A photo with the "zo ging het" story, cleaned like every photo (``lib.photos``)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="photos", verbose_name=_("activiteit")
    )
    uid = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    photo = models.ImageField(_("foto"), upload_to=_story_photo_path)
    thumbnail = models.ImageField(_("kleine foto"), upload_to=_story_photo_path)
    description = models.CharField(_("wat staat er op de foto?"), max_length=200)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("foto bij een activiteit")
        verbose_name_plural = _("foto's bij activiteiten")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.description


class SignUp(models.Model):
    """A resident coming to an activity: confirmed, or waiting in line (oldest first) until a place is free."""

    uid = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="signups", verbose_name=_("activiteit")
    )
    resident = models.ForeignKey(
        "wijk.Resident", on_delete=models.CASCADE, related_name="signups", verbose_name=_("bewoner")
    )
    status = models.CharField(_("status"), max_length=20, choices=SignUpStatus.choices)
    channel = models.CharField(_("hoe aangemeld"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemeld door medewerker"),
    )
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("van de wachtlijst gehaald op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnering gestuurd op"), null=True, blank=True)
    # Only for a sign-up without an account: the key to see it and to cancel it (``lib.follow_codes``).
    reference = models.CharField(
        _("aanmeldcode"), max_length=10, unique=True, null=True, blank=True, editable=False, default=None
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "resident"],
                condition=~Q(status=SignUpStatus.CANCELLED),
                name="signup_one_active_per_resident",
            ),
            models.CheckConstraint(name="signup_status_valid", condition=Q(status__in=SignUpStatus.values)),
        ]

    def __str__(self):
        return f"{self.resident} → {self.activity} ({self.get_status_display()})"

    @property
    def reference_display(self) -> str:
        return reference_display(self.reference or "")
