"""Who may read and edit the atelier record.

- Facilitators edit: a FACILITATOR role at one of the team's question-owner corporations (or a superuser).
- Readers: team members with an account, and anyone with an active role at a question-owner corporation.
- Everyone else sees only what a facilitator marked public; anything else looks missing (404). The getters
  raise Django's own ``Http404`` and ``PermissionDenied``; ``decorators.atelier_view`` sends an anonymous
  visitor who meets either to the login page first.

The team is a joint project of its question owners, so a role at either corporation opens the whole team record.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from wijk.choices import RoleKind
from wijk.permissions import active_roles, organisation_ids

from .models import Canvas, Experiment, Story, Team, Workshop


def _is_authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def editable_team_ids(user) -> set[int] | None:
    """Teams the user may edit; ``None`` means all (superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    orgs = organisation_ids(user, RoleKind.FACILITATOR)
    if not orgs:
        return set()
    cache = getattr(user, "_atelier_editable_team_ids", None)
    if cache is None:
        cache = set(Team.objects.filter(question_owners__in=orgs).values_list("pk", flat=True))
        user._atelier_editable_team_ids = cache
    return cache


def readable_team_ids(user) -> set[int] | None:
    """Teams the user may read in full; ``None`` means all (superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    if not _is_authenticated(user):
        return set()
    orgs = {r.organisation_id for r in active_roles(user)}
    cache = getattr(user, "_atelier_team_ids", None)
    if cache is None:
        cache = set(
            Team.objects.filter(Q(question_owners__in=orgs) | Q(members__user=user)).values_list("pk", flat=True)
        )
        user._atelier_team_ids = cache
    return cache


def can_edit_team(user, team_id: int) -> bool:
    """Facilitator of one of the team's question owners, or superuser."""
    ids = editable_team_ids(user)
    return ids is None or team_id in ids


def can_read_team(user, team_id: int) -> bool:
    ids = readable_team_ids(user)
    return ids is None or team_id in ids


def may_see_atelier(user) -> bool:
    """For the menu: someone who reads a team, or anyone when something is public."""
    ids = readable_team_ids(user)
    if ids is None or ids:
        return True
    return Team.objects.filter(Q(workshops__is_public=True) | Q(experiments__is_public=True)).exists()


def _team_filter(user, path: str) -> Q | None:
    ids = readable_team_ids(user)
    if ids is None:
        return None
    return Q(**{f"{path}__in": ids})


def workshops_for_user(user):
    qs = Workshop.objects.select_related("team__challenge")
    q = _team_filter(user, "team_id")
    return qs if q is None else qs.filter(q | Q(is_public=True))


def experiments_for_user(user):
    qs = Experiment.objects.select_related("team", "corporation", "neighbourhood")
    q = _team_filter(user, "team_id")
    return qs if q is None else qs.filter(q | Q(is_public=True))


def stories_for_user(user, experiment: Experiment):
    qs = experiment.stories.select_related("workshop")
    return qs if can_read_team(user, experiment.team_id) else qs.filter(is_public=True)


def get_workshop_for_user(user, team_slug: str, number: int) -> Workshop:
    workshop = workshops_for_user(user).filter(team__slug=team_slug, number=number).first()
    if workshop is None:
        raise Http404
    return workshop


def get_experiment_for_user(user, slug: str) -> Experiment:
    experiment = experiments_for_user(user).filter(slug=slug).first()
    if experiment is None:
        raise Http404
    return experiment


def canvas_is_visible(user, canvas: Canvas) -> bool:
    """Readers see every canvas; the public sees one when both its experiment and its workshop are public."""
    if can_read_team(user, canvas.experiment.team_id):
        return True
    return canvas.experiment.is_public and canvas.workshop.is_public


def get_canvas_for_user(user, experiment: Experiment, number: int) -> tuple[Workshop, Canvas | None]:
    """The workshop and (maybe not yet started) canvas of an experiment. Hidden workshops look missing."""
    workshop = workshops_for_user(user).filter(team_id=experiment.team_id, number=number).first()
    if workshop is None or not (experiment.is_public and workshop.is_public or can_read_team(user, experiment.team_id)):
        raise Http404
    canvas = Canvas.objects.filter(experiment=experiment, workshop=workshop).first()
    if canvas is not None:
        canvas.experiment, canvas.workshop = experiment, workshop
    return workshop, canvas


def get_story_for_user(user, uid) -> Story:
    story = Story.objects.select_related("experiment").filter(uid=uid).first()
    if story is None or not (
        can_read_team(user, story.experiment.team_id) or story.is_public and story.experiment.is_public
    ):
        raise Http404
    return story


def visible_workshop_filter(user, experiment: Experiment) -> Q:
    """Which workshops of the experiment's team this user may see alongside the experiment."""
    if can_read_team(user, experiment.team_id):
        return Q()
    return Q(is_public=True) if experiment.is_public else Q(pk__in=[])


def require_editor(user, team_id) -> None:
    """Stop anyone who may not edit the team's record (403; an anonymous visitor logs in first)."""
    if not can_edit_team(user, team_id):
        raise PermissionDenied
