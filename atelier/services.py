"""Every write in the atelier. Each function validates, runs in one transaction and returns what it saved."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from lib.photos import photo_delete_name
from wijk.choices import OrganisationKind
from wijk.mood import mood_image_store

from .models import (
    Canvas,
    CanvasBlock,
    CanvasItem,
    Challenge,
    Experiment,
    Guest,
    Insight,
    MemberKind,
    Story,
    Team,
    TeamMember,
    WhyHowWhat,
    Workshop,
)
from .richtext import clean_html

MOVE_DIRECTIONS = ("up", "down")


@transaction.atomic
def challenge_save(*, slug: str, name: str, period: str = "", description: str = "") -> Challenge:
    """Create or update a challenge by its slug."""
    challenge, _created = Challenge.objects.update_or_create(
        slug=slug, defaults={"name": name, "period": period, "description": description}
    )
    return challenge


@transaction.atomic
def team_save(
    *, challenge: Challenge, number: int, slug: str, question_content: str, question_process: str, question_owners
) -> Team:
    """Create or update a team; the question owners must be corporations."""
    owners = list(question_owners)
    if any(o.kind != OrganisationKind.CORPORATION for o in owners):
        raise ValidationError(_("Alleen corporaties kunnen eigenaar van de vraag zijn."), code="owner_not_corporation")
    team, _created = Team.objects.update_or_create(
        slug=slug,
        defaults={
            "challenge": challenge,
            "number": number,
            "question_content": question_content.strip(),
            "question_process": question_process.strip(),
        },
    )
    team.question_owners.set(owners)
    return team


@transaction.atomic
def team_member_save(
    *, team: Team, name: str, organisation_name: str = "", kind: str = MemberKind.MEMBER, user=None
) -> TeamMember:
    """Add a member or advisory-board member to a team, or update the one with the same name and kind."""
    member, _created = TeamMember.objects.update_or_create(
        team=team, name=name, kind=kind, defaults={"organisation_name": organisation_name, "user": user}
    )
    return member


@transaction.atomic
def workshop_save(
    *,
    team: Team,
    number: int,
    date,
    place: str,
    venue: str = "",
    summary: str = "",
    report: str = "",
    is_public: bool = False,
) -> Workshop:
    """Create or update a team's workshop. The report is cleaned here, so stored HTML is always safe to show."""
    workshop, _created = Workshop.objects.update_or_create(
        team=team,
        number=number,
        defaults={
            "date": date,
            "place": place,
            "venue": venue,
            "summary": summary.strip(),
            "report": clean_html(report),
            "is_public": is_public,
        },
    )
    return workshop


@transaction.atomic
def workshop_guests_set(*, workshop: Workshop, guests: list[tuple[str, str]]) -> list[Guest]:
    """Replace the guest list of a workshop with ``(name, on behalf of)`` pairs, in that order."""
    workshop.guests.all().delete()
    return Guest.objects.bulk_create(
        Guest(workshop=workshop, name=name, affiliation=affiliation, position=i)
        for i, (name, affiliation) in enumerate(guests)
    )


@transaction.atomic
def experiment_save(
    *,
    team: Team,
    slug: str,
    name: str,
    corporation,
    neighbourhood,
    guiding_question: str,
    live_part: str,
    summary: str = "",
    is_public: bool = False,
) -> Experiment:
    """Create or update an experiment. It runs in a neighbourhood of the corporation that owns it."""
    if neighbourhood.corporation_id != corporation.pk:
        raise ValidationError(_("De wijk hoort niet bij deze corporatie."), code="neighbourhood_not_owned")
    if not team.question_owners.filter(pk=corporation.pk).exists():
        raise ValidationError(_("Deze corporatie is geen eigenaar van de teamvraag."), code="not_question_owner")
    experiment, _created = Experiment.objects.update_or_create(
        slug=slug,
        defaults={
            "team": team,
            "name": name,
            "corporation": corporation,
            "neighbourhood": neighbourhood,
            "guiding_question": guiding_question,
            "live_part": live_part,
            "summary": summary,
            "is_public": is_public,
        },
    )
    return experiment


def _check_same_team(experiment: Experiment, workshop: Workshop) -> None:
    if experiment.team_id != workshop.team_id:
        raise ValidationError(_("Dit werkatelier hoort niet bij het team van dit experiment."), code="other_team")


@transaction.atomic
def canvas_start(*, experiment: Experiment, workshop: Workshop, copy_from: Canvas | None = None) -> Canvas:
    """Open the canvas of an experiment for a workshop, empty or as a copy of an earlier one.

    Copied items remember their origin, so the comparison can tell an edited note from a new one.
    """
    _check_same_team(experiment, workshop)
    canvas, created = Canvas.objects.get_or_create(experiment=experiment, workshop=workshop)
    if created and copy_from is not None:
        if copy_from.experiment_id != experiment.pk:
            raise ValidationError(_("Dit canvas hoort bij een ander experiment."), code="other_experiment")
        CanvasItem.objects.bulk_create(
            CanvasItem(canvas=canvas, block=i.block, text=i.text, position=i.position, origin=i)
            for i in copy_from.items.all()
        )
    return canvas


def _clean_text(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Schrijf iets op het kaartje.")}, code="empty")
    if len(text) > 200:
        raise ValidationError({"text": _("Houd het kort: hooguit 200 tekens.")}, code="too_long")
    return text


def _check_block(block: str) -> None:
    if block not in CanvasBlock.values:
        raise ValidationError({"block": _("Kies een van de negen vakken.")}, code="unknown_block")


def _next_position(canvas: Canvas, block: str) -> int:
    last = canvas.items.filter(block=block).aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


def _touch(canvas: Canvas) -> None:
    canvas.save(update_fields=["updated_at"])


@transaction.atomic
def canvas_item_add(*, canvas: Canvas, block: str, text: str) -> CanvasItem:
    """Put a new note at the bottom of a block."""
    _check_block(block)
    item = CanvasItem.objects.create(
        canvas=canvas, block=block, text=_clean_text(text), position=_next_position(canvas, block)
    )
    _touch(canvas)
    return item


@transaction.atomic
def canvas_item_update(*, item: CanvasItem, text: str) -> CanvasItem:
    """Change the text of a note; its place stays the same."""
    item.text = _clean_text(text)
    item.save(update_fields=["text"])
    _touch(item.canvas)
    return item


@transaction.atomic
def canvas_item_move(*, item: CanvasItem, direction: str = "", block: str = "") -> CanvasItem:
    """Move a note one place up or down within its block, or to the bottom of another block."""
    canvas = item.canvas
    if block and block != item.block:
        _check_block(block)
        old_block = item.block
        item.block = block
        item.position = _next_position(canvas, block)
        item.save(update_fields=["block", "position"])
        _renumber(canvas, old_block)
    elif direction in MOVE_DIRECTIONS:
        siblings = list(canvas.items.filter(block=item.block).order_by("position", "id"))
        index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
            _write_positions(siblings)
            item.refresh_from_db(fields=["position"])
    elif not block:
        raise ValidationError(_("Kies omhoog, omlaag of een ander vak."), code="no_move")
    _touch(canvas)
    return item


def _renumber(canvas: Canvas, block: str) -> None:
    _write_positions(list(canvas.items.filter(block=block).order_by("position", "id")))


def _write_positions(items: list[CanvasItem]) -> None:
    changed = []
    for position, sibling in enumerate(items):
        if sibling.position != position:
            sibling.position = position
            changed.append(sibling)
    CanvasItem.objects.bulk_update(changed, ["position"])


@transaction.atomic
def canvas_item_remove(*, item: CanvasItem) -> None:
    """Take a note off the canvas; the notes below it move up."""
    canvas, block = item.canvas, item.block
    item.delete()
    _renumber(canvas, block)
    _touch(canvas)


@transaction.atomic
def why_how_what_save(*, experiment: Experiment, workshop: Workshop, why: str, how: str, what: str) -> WhyHowWhat:
    """Record the why, how and what of an experiment as it stood after a workshop (one per workshop)."""
    _check_same_team(experiment, workshop)
    errors = {
        name: _("Vul dit in.") for name, value in (("why", why), ("how", how), ("what", what)) if not value.strip()
    }
    if errors:
        raise ValidationError(errors, code="required")
    record, _created = WhyHowWhat.objects.update_or_create(
        experiment=experiment,
        workshop=workshop,
        defaults={"why": why.strip(), "how": how.strip(), "what": what.strip()},
    )
    return record


@transaction.atomic
def story_save(
    *,
    experiment: Experiment,
    title: str,
    text: str,
    words: str = "",
    workshop: Workshop | None = None,
    image=None,
    image_alt: str = "",
    image_credit: str = "",
    image_crop: str = "wide",
    is_public: bool = False,
    story: Story | None = None,
) -> Story:
    """Create or update a story. A new image is a mood image like every other (``wijk.mood``): checked, cropped as
    chosen, re-encoded without EXIF, with smaller copies for ``srcset``; the image it replaces is removed."""
    if workshop is not None:
        _check_same_team(experiment, workshop)
    story = story or Story(experiment=experiment)
    story.experiment = experiment
    story.workshop = workshop
    story.title = title.strip()
    story.text = text.strip()
    story.words = ", ".join(w.strip() for w in words.split(",") if w.strip())
    story.is_public = is_public
    story.mood_image_alt = image_alt.strip()
    story.mood_image_credit = image_credit.strip()
    replaced = story.mood_image.name if story.mood_image else ""
    if image is not None:
        mood_image_store(story, image, crop=image_crop or "wide")
    if story.mood_image and not story.mood_image_alt:
        raise ValidationError({"image_alt": _("Beschrijf in een paar woorden wat op het beeld staat.")}, code="alt")
    story.save()
    if replaced and replaced != story.mood_image.name:
        photo_delete_name(story.mood_image.storage, replaced)
    return story


@transaction.atomic
def insight_add(*, workshop: Workshop, text: str, experiment: Experiment | None = None) -> Insight:
    """Add an insight at the end of a workshop's list; it may be about one experiment of the team."""
    if experiment is not None:
        _check_same_team(experiment, workshop)
    position = (workshop.insights.aggregate(m=Max("position"))["m"] or 0) + 1
    return Insight.objects.create(workshop=workshop, experiment=experiment, text=text.strip(), position=position)


@transaction.atomic
def publication_set(*, record, is_public: bool):
    """Mark a workshop, experiment or story public or not. Only these three carry the flag."""
    if not isinstance(record, Workshop | Experiment | Story):
        raise ValidationError(_("Dit kan niet openbaar gemaakt worden."), code="not_publishable")
    record.is_public = is_public
    record.save(update_fields=["is_public"])
    return record
