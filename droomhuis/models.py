"""Dreams and the broker's case work: history, contact attempts, internal notes, updates for the resident.

The restricted child records of ``Dream`` live in their own packages and are imported at the top, so Django
registers them with this app: signals, referrals and pairings in ``droomhuis.care.models``, matches in
``droomhuis.matches.models``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.follow_codes import REFERENCE_ALPHABET as REFERENCE_ALPHABET  # shared with the Parelketting,
from lib.follow_codes import REFERENCE_LENGTH as REFERENCE_LENGTH  # re-exported: migrations and other
from lib.follow_codes import reference_display, reference_new  # modules import these from here
from lib.follow_codes import reference_normalise as reference_normalise
from wijk.choices import Channel, ContactPreference, DataCategory, Purpose
from wijk.models import ConsentRecord
from wijk.models.consent import AppendOnlyModel, AppendOnlyQuerySet
from wijk.public_cache import ContentQuerySet

from .care import models as care_models  # noqa: F401 - the care models belong to this app: registered on import
from .matches.models import Match, MatchOutcome, MatchStatus  # noqa: F401 - Match belongs to this app too
from .workflow import CLOSED, OPEN, DreamStatus

QUESTION = _("Wat zou u willen? Welke kansen ziet u vandaag om het wonen hier prettiger te maken?")


def photo_path(instance, filename):
    return f"droomhuis/{timezone.now():%Y/%m}/{filename}"


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Ochtend")
    AFTERNOON = "afternoon", _("Middag")
    EVENING = "evening", _("Avond")


class WallStatus(models.TextChoices):
    NOT_PROPOSED = "not_proposed", _("Niet voorgesteld")
    PROPOSED = "proposed", _("Wacht op controle")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")


def wall_consent_exists(resident_ref="resident"):
    """``Exists`` subquery: the resident has an active consent to show the dream on the public dream wall."""
    return Exists(
        ConsentRecord.objects.filter(resident=OuterRef(resident_ref))
        .covering(category=DataCategory.DREAM, purpose=Purpose.DREAM_WALL, recipient=None)
        .active()
    )


class DreamQuerySet(ContentQuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def closed(self):
        return self.filter(status__in=CLOSED)

    def unassigned(self):
        return self.filter(status=DreamStatus.NEW)

    def owned_by(self, user):
        return self.open().filter(owner=user)

    def overdue(self, today=None):
        """Open cases past their next action date, or past the first-contact deadline without contact."""
        today = today or timezone.localdate()
        return self.open().filter(
            Q(next_action_date__lt=today) | Q(first_contact_at__isnull=True, first_contact_due__lt=today)
        )

    def due_on(self, day):
        return self.open().filter(next_action_date=day)

    def for_list(self):
        return self.select_related("neighbourhood", "owner", "resident").prefetch_related("themes")

    def on_wall(self):
        """Realised dreams a moderator approved and whose resident still consents to the dream wall."""
        return self.filter(status=DreamStatus.REALISED, wall_status=WallStatus.APPROVED).filter(wall_consent_exists())


class Dream(models.Model):
    """A resident's dream or wish, and the broker's case around it."""

    reference = models.CharField(_("volgcode"), max_length=16, unique=True, default=reference_new, editable=False)
    question = models.CharField(_("vraag"), max_length=300)
    text = models.TextField(_("droom"), max_length=4000)
    photo = models.ImageField(_("foto"), upload_to=photo_path, blank=True)
    photo_description = models.CharField(_("wat staat er op de foto"), max_length=200, blank=True)
    themes = models.ManyToManyField("wijk.Theme", blank=True, related_name="dreams", verbose_name=_("thema's"))
    neighbourhood = models.ForeignKey(
        "wijk.Neighbourhood", on_delete=models.PROTECT, related_name="dreams", verbose_name=_("wijk")
    )
    resident = models.ForeignKey(
        "wijk.Resident", on_delete=models.PROTECT, related_name="dreams", verbose_name=_("bewoner")
    )
    status = models.CharField(_("status"), max_length=20, choices=DreamStatus.choices, default=DreamStatus.NEW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_dreams",
        verbose_name=_("droommakelaar"),
    )
    next_action_date = models.DateField(_("volgende actie op"), null=True, blank=True)
    next_action = models.CharField(_("volgende actie"), max_length=200, blank=True)
    first_contact_due = models.DateField(_("eerste contact uiterlijk"))
    first_contact_at = models.DateTimeField(_("eerste contact op"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1)
    intake_channel = models.CharField(_("binnengekomen via"), max_length=20, choices=Channel.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
        help_text=_("Leeg als de bewoner het zelf deed."),
    )
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    picked_up_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    outcome = models.CharField(_("resultaat"), max_length=300, blank=True)
    story = models.TextField(_("kort verhaal"), max_length=3000, blank=True)
    # The story's own public address (never the follow code, which is the resident's key to the case).
    story_uid = models.UUIDField(_("kenmerk van het verhaal"), default=uuid.uuid4, unique=True, editable=False)
    on_front_door = models.BooleanField(
        _("uitgelicht op de pagina van de wijk"),
        default=False,
        help_text=_("Alleen zolang de droom op de dromenmuur staat en de bewoner toestemming geeft."),
    )
    wall_status = models.CharField(
        _("dromenmuur"), max_length=20, choices=WallStatus.choices, default=WallStatus.NOT_PROPOSED
    )
    wall_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gecontroleerd door"),
    )
    wall_decided_at = models.DateTimeField(_("gecontroleerd op"), null=True, blank=True)
    legal_hold = models.BooleanField(
        _("bewaren voor een rechtszaak"),
        default=False,
        help_text=_("Niet weggooien en niet anoniem maken, ook niet als de bewoner erom vraagt."),
    )
    anonymised_at = models.DateTimeField(
        _("anoniem gemaakt op"),
        null=True,
        blank=True,
        help_text=_("Daarna staan alleen de wijk, de thema's, de maand en de afloop er nog in."),
    )

    objects = DreamQuerySet.as_manager()

    class Meta:
        verbose_name = _("droom")
        verbose_name_plural = _("dromen")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="dream_status_created_idx"),
            models.Index(fields=["owner", "status"], name="dream_owner_status_idx"),
            models.Index(fields=["next_action_date"], name="dream_next_action_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="dream_open_has_next_action_date",
                condition=~Q(status__in=sorted(str(s) for s in OPEN)) | Q(next_action_date__isnull=False),
            ),
            models.CheckConstraint(
                name="dream_picked_up_has_owner",
                condition=Q(status__in=["new", "withdrawn"]) | Q(owner__isnull=False),
            ),
        ]

    def __str__(self):
        return self.reference_display

    @property
    def reference_display(self) -> str:
        return reference_display(self.reference)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        if not self.is_open:
            return False
        late_action = self.next_action_date is not None and self.next_action_date < today
        late_contact = self.first_contact_at is None and self.first_contact_due < today
        return late_action or late_contact


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Droom ontvangen")
    STATUS = "status", _("Status gewijzigd")
    OWNER = "owner", _("Droommakelaar gewijzigd")
    NEXT_ACTION = "next_action", _("Volgende actie gewijzigd")
    CONTACT_ATTEMPT = "contact_attempt", _("Contactpoging")
    NOTE = "note", _("Notitie")
    RESIDENT_UPDATE = "resident_update", _("Bericht aan de bewoner")
    OUTCOME = "outcome", _("Resultaat vastgelegd")
    WALL = "wall", _("Dromenmuur")
    THEMES = "themes", _("Thema's gewijzigd")
    CONSENT = "consent", _("Toestemming ingetrokken")
    CONSENT_GIVEN = "consent_given", _("Toestemming vastgelegd")
    SIGNAL = "signal", _("Signaal vastgelegd")
    REFERRAL = "referral", _("Doorverwezen")
    PAIRING = "pairing", _("Ervaringsdeskundige gekoppeld")
    MATCH = "match", _("Match")


class DreamEvent(AppendOnlyModel):
    """One line of a case's history: who changed what, when, and why. Append-only."""

    dream = models.ForeignKey(Dream, on_delete=models.CASCADE, related_name="events", verbose_name=_("droom"))
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
        help_text=_("Leeg als de bewoner het zelf deed."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=EventKind.choices)
    from_value = models.CharField(_("van"), max_length=200, blank=True)
    to_value = models.CharField(_("naar"), max_length=200, blank=True)
    reason = models.CharField(_("reden"), max_length=500, blank=True)
    channel = models.CharField(_("via"), max_length=20, choices=Channel.choices, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("geschiedenis")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    def _label(self, value):
        labels = {EventKind.STATUS: DreamStatus, EventKind.SUBMITTED: DreamStatus, EventKind.WALL: WallStatus}
        if self.kind == EventKind.MATCH:
            labels[EventKind.MATCH] = MatchOutcome if value in MatchOutcome.values else MatchStatus
        choices = labels.get(self.kind)
        if choices is not None and value in choices.values:
            return choices(value).label
        return value

    @property
    def from_label(self):
        return self._label(self.from_value)

    @property
    def to_label(self):
        return self._label(self.to_value)


class ContactAttempt(models.Model):
    """An attempt to reach the resident: how, when, and whether it worked."""

    dream = models.ForeignKey(Dream, on_delete=models.CASCADE, related_name="contact_attempts", verbose_name=_("droom"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    day = models.DateField(_("dag"))
    part_of_day = models.CharField(_("dagdeel"), max_length=10, choices=PartOfDay.choices)
    channel = models.CharField(_("hoe"), max_length=20, choices=ContactPreference.choices)
    reached = models.BooleanField(_("bereikt"))
    note = models.CharField(_("korte toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("contactpoging")
        verbose_name_plural = _("contactpogingen")
        ordering = ["-day", "-at"]

    def __str__(self):
        return f"{self.day} {self.get_channel_display()}"


class NoteQuerySet(models.QuerySet):
    def visible_to(self, user, dream):
        """Private notes are for their author and the case owner; team notes for every broker on the case."""
        if dream.owner_id == user.pk:
            return self
        return self.filter(Q(private=False) | Q(author=user))


class Note(models.Model):
    """An internal note on a case. Never shown to the resident, moderators or partners."""

    dream = models.ForeignKey(Dream, on_delete=models.CASCADE, related_name="notes", verbose_name=_("droom"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    body = models.TextField(_("notitie"), max_length=4000)
    private = models.BooleanField(
        _("alleen voor mij en de eigenaar van de droom"),
        default=True,
        help_text=_("Zet dit uit om de notitie met alle droommakelaars te delen."),
    )

    objects = NoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.author}"


class ResidentUpdate(models.Model):
    """A message meant for the resident; they see it on their follow page."""

    dream = models.ForeignKey(Dream, on_delete=models.CASCADE, related_name="updates", verbose_name=_("droom"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    body = models.TextField(_("bericht"), max_length=2000)

    class Meta:
        verbose_name = _("bericht aan de bewoner")
        verbose_name_plural = _("berichten aan de bewoner")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.dream}"
