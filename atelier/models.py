"""The co-design record: a challenge, its teams, their workshops and experiments, and what each workshop made.

Writes go through ``atelier.services``; reads that are reused live on the querysets below.
"""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijk.choices import OrganisationKind
from wijk.mood import MoodImage, mood_image_constraints
from wijk.public_cache import ContentQuerySet


class LivePart(models.TextChoices):
    """The part of the portal where an experiment runs for real."""

    PARELKETTING = "parelketting", _("Parelketting")
    DROOMHUIS = "droomhuis", _("Droomhuis")


class CanvasBlock(models.TextChoices):
    """The nine blocks of the Business Model Canvas, in the order people read them."""

    KEY_PARTNERS = "key_partners", _("Partners")
    KEY_ACTIVITIES = "key_activities", _("Activiteiten")
    KEY_RESOURCES = "key_resources", _("Middelen")
    VALUE_PROPOSITIONS = "value_propositions", _("Waarde")
    CUSTOMER_RELATIONSHIPS = "customer_relationships", _("Relatie met bewoners")
    CHANNELS = "channels", _("Kanalen")
    CUSTOMER_SEGMENTS = "customer_segments", _("Voor wie")
    COST_STRUCTURE = "cost_structure", _("Kosten")
    REVENUE_STREAMS = "revenue_streams", _("Opbrengsten")


class MemberKind(models.TextChoices):
    MEMBER = "member", _("Teamlid")
    ADVISORY_BOARD = "advisory_board", _("Lid Raad van Inspiratie")


class Challenge(models.Model):
    """A programme of workshops with several teams, such as the Innovatiechallenge 2018-2019."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    period = models.CharField(_("periode"), max_length=40, blank=True)
    description = models.TextField(_("korte uitleg"), blank=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    """A team in a challenge with its question in two parts and the corporations that own the question."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="teams", verbose_name=_("challenge")
    )
    number = models.PositiveSmallIntegerField(_("teamnummer"))
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    question_content = models.TextField(_("vraag over de inhoud"))
    question_process = models.TextField(_("vraag over de aanpak"), blank=True)
    question_owners = models.ManyToManyField(
        "wijk.Organisation",
        related_name="atelier_teams",
        limit_choices_to={"kind": OrganisationKind.CORPORATION},
        verbose_name=_("vraageigenaren"),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["challenge__name", "number"]
        constraints = [models.UniqueConstraint(fields=["challenge", "number"], name="atelier_team_number_unique")]

    def __str__(self):
        return _("Team %(number)s") % {"number": self.number}


class TeamMember(models.Model):
    """A person in a team or on its advisory board. Most have no account; ``user`` links one when they do."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team"))
    kind = models.CharField(_("soort"), max_length=20, choices=MemberKind.choices, default=MemberKind.MEMBER)
    name = models.CharField(_("naam"), max_length=150)
    organisation_name = models.CharField(_("organisatie"), max_length=150, blank=True)
    user = models.ForeignKey(
        "wijk.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="atelier_memberships",
        verbose_name=_("account"),
        help_text=_("Met een account kan deze persoon het atelier lezen."),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class WorkshopQuerySet(ContentQuerySet):
    def public(self):
        return self.filter(is_public=True)


class Workshop(models.Model):
    """One workshop day of a team, with its report. The report is stored already cleaned (see services)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("team"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    date = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=120)
    venue = models.CharField(_("locatie"), max_length=150, blank=True)
    summary = models.TextField(_("in het kort"), blank=True)
    report = models.TextField(_("verslag"), blank=True)
    is_public = models.BooleanField(_("openbaar"), default=False)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("werkatelier")
        verbose_name_plural = _("werkateliers")
        ordering = ["team", "number"]
        constraints = [models.UniqueConstraint(fields=["team", "number"], name="atelier_workshop_number_unique")]

    def __str__(self):
        return _("Werkatelier %(number)s") % {"number": self.number}


class Guest(models.Model):
    """A guest at a workshop: a stakeholder, a resident or an advisory-board member."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="guests", verbose_name=_("werkatelier")
    )
    name = models.CharField(_("naam"), max_length=150)
    affiliation = models.CharField(_("namens"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("gast")
        verbose_name_plural = _("gasten")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class ExperimentQuerySet(ContentQuerySet):
    def public(self):
        return self.filter(is_public=True)


class Experiment(MoodImage):
    """A proof of concept run by one corporation in one neighbourhood, tied to a live part of the portal.

    Its mood image (``wijk.mood``) is optional: without one, the neighbourhood's image is its face (``face``).
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="experiments", verbose_name=_("team"))
    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    corporation = models.ForeignKey(
        "wijk.Organisation",
        on_delete=models.PROTECT,
        related_name="atelier_experiments",
        limit_choices_to={"kind": OrganisationKind.CORPORATION},
        verbose_name=_("corporatie"),
    )
    neighbourhood = models.ForeignKey(
        "wijk.Neighbourhood", on_delete=models.PROTECT, related_name="atelier_experiments", verbose_name=_("wijk")
    )
    summary = models.TextField(_("het idee"), blank=True)
    guiding_question = models.CharField(_("leidende vraag"), max_length=300)
    live_part = models.CharField(_("onderdeel van het portaal"), max_length=20, choices=LivePart.choices)
    is_public = models.BooleanField(_("openbaar"), default=False)

    objects = ExperimentQuerySet.as_manager()

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experimenten")
        ordering = ["name"]
        constraints = [*mood_image_constraints()]

    def __str__(self):
        return self.name

    def mood_image_url(self):
        return reverse("atelier:experiment_mood_image", kwargs={"slug": self.slug})

    @property
    def face(self):
        """Whose mood image shows for this experiment: its own, else its neighbourhood's (None without either)."""
        if self.mood_image:
            return self
        neighbourhood = self.neighbourhood
        return neighbourhood if neighbourhood.mood_image else None


class Canvas(models.Model):
    """The Business Model Canvas of one experiment as it stood after one workshop."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="canvases", verbose_name=_("experiment")
    )
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="canvases", verbose_name=_("werkatelier")
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("canvas")
        verbose_name_plural = _("canvassen")
        ordering = ["experiment", "workshop__number"]
        constraints = [models.UniqueConstraint(fields=["experiment", "workshop"], name="atelier_canvas_unique")]

    def __str__(self):
        return f"{self.experiment} — {self.workshop}"


class CanvasItem(models.Model):
    """A sticky note on a canvas: a short text in one block, at a position within that block."""

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="items", verbose_name=_("canvas"))
    block = models.CharField(_("vak"), max_length=30, choices=CanvasBlock.choices)
    text = models.CharField(_("tekst"), max_length=200)
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("overgenomen van"),
        help_text=_("Het kaartje op het canvas van een eerder werkatelier waar dit kaartje uit komt."),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("kaartje")
        verbose_name_plural = _("kaartjes")
        ordering = ["block", "position", "id"]

    def __str__(self):
        return self.text

    @property
    def block_slug(self) -> str:
        return self.block.replace("_", "-")


class WhyHowWhat(models.Model):
    """Why, how and what of one experiment as written down after one workshop; the workshops give the history."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="why_how_whats", verbose_name=_("experiment")
    )
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="why_how_whats", verbose_name=_("werkatelier")
    )
    why = models.TextField(_("waarom"))
    how = models.TextField(_("hoe"))
    what = models.TextField(_("wat"))

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("waarom, hoe, wat")
        verbose_name_plural = _("waarom, hoe, wat")
        ordering = ["experiment", "workshop__number"]
        constraints = [models.UniqueConstraint(fields=["experiment", "workshop"], name="atelier_whw_unique")]

    def __str__(self):
        return f"{self.experiment} — {self.workshop}"


def _story_image_path(instance, filename):
    """Where story images went before they were mood images (``wijk.mood``); migration 0001 still names it."""
    return f"atelier/verhalen/{uuid.uuid4().hex}{filename[filename.rfind('.') :] if '.' in filename else ''}"


class StoryQuerySet(ContentQuerySet):
    def public(self):
        return self.filter(is_public=True, experiment__is_public=True)


class Story(MoodImage):
    """The story of an experiment, told from the heart, with the words and a mood image that fit it.

    The mood image (``wijk.mood``) is stored like every photo; it is served only to who may see the story.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="stories", verbose_name=_("experiment")
    )
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("werkatelier"),
    )
    title = models.CharField(_("titel"), max_length=150)
    text = models.TextField(_("verhaal"))
    words = models.CharField(_("passende woorden"), max_length=300, blank=True)
    is_public = models.BooleanField(_("openbaar"), default=False)
    on_front_door = models.BooleanField(
        _("op de pagina van de wijk"),
        default=False,
        help_text=_(
            "Het verhaal staat dan onder 'Hoe dit ontstond' op de pagina van de wijk. Alleen als het openbaar is."
        ),
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")
        ordering = ["experiment", "title"]
        constraints = [*mood_image_constraints()]

    def __str__(self):
        return self.title

    def mood_image_url(self):
        return reverse("atelier:story_image", kwargs={"uid": self.uid})

    @property
    def word_list(self) -> list[str]:
        return [w.strip() for w in self.words.split(",") if w.strip()]


class Insight(models.Model):
    """A key insight from a workshop, optionally about one experiment."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="insights", verbose_name=_("werkatelier")
    )
    experiment = models.ForeignKey(
        Experiment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insights",
        verbose_name=_("experiment"),
    )
    text = models.TextField(_("inzicht"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzicht")
        verbose_name_plural = _("inzichten")
        ordering = ["workshop", "position", "id"]

    def __str__(self):
        return self.text[:60]
