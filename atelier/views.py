"""Reading pages of the atelier: overview, experiments, workshop reports, stories, why/how/what."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.photos import photo_dimensions, photo_response, photo_srcset
from wijk.public_cache import ATELIER, EVIDENCE, SITE, versioned_key
from wijk.stories import StoryPage, story_render

from . import evidence as live_evidence
from .decorators import atelier_view
from .forms import InsightForm, WhyHowWhatForm
from .layout import blocks
from .models import Canvas, Challenge, Insight, Team, TeamMember, WhyHowWhat
from .pdf import pdf_response
from .permissions import (
    can_edit_team,
    can_read_team,
    experiments_for_user,
    get_experiment_for_user,
    get_story_for_user,
    get_workshop_for_user,
    readable_team_ids,
    require_editor,
    stories_for_user,
    visible_workshop_filter,
    workshops_for_user,
)
from .services import why_how_what_save


@require_GET
def index(request):
    """The programme: the challenge, each team's question, owners, people and workshops the visitor may see."""
    workshops = workshops_for_user(request.user).order_by("number")
    team_ids = readable_team_ids(request.user)
    teams = Team.objects.select_related("challenge").prefetch_related(
        "question_owners",
        Prefetch("members", queryset=TeamMember.objects.order_by("kind", "name")),
        Prefetch("workshops", queryset=workshops, to_attr="visible_workshops"),
    )
    if team_ids is not None:
        teams = teams.filter(Q(pk__in=team_ids) | Q(workshops__is_public=True)).distinct()
    teams = list(teams)
    for team in teams:
        team.can_read = can_read_team(request.user, team.pk)
        team.can_edit = can_edit_team(request.user, team.pk)
    challenges = Challenge.objects.filter(teams__in=teams).distinct()
    return render(request, "atelier/index.html", {"teams": teams, "challenges": challenges})


@require_GET
def experiment_list(request):
    team_ids = readable_team_ids(request.user)
    visible_canvas = Q() if team_ids is None else Q(team_id__in=team_ids) | Q(canvases__workshop__is_public=True)
    experiments = (
        experiments_for_user(request.user)
        .annotate(canvas_count=Count("canvases", filter=visible_canvas))
        .order_by("name")
    )
    return render(request, "atelier/experiment_list.html", {"experiments": experiments})


@atelier_view
@require_GET
def experiment_detail(request, slug):
    """Everything about one experiment: idea, canvases per workshop, why/how/what history, stories, insights,
    and the live figures from the portal."""
    experiment = get_experiment_for_user(request.user, slug)
    visible = visible_workshop_filter(request.user, experiment)
    has_canvas = Exists(Canvas.objects.filter(experiment=experiment, workshop=OuterRef("pk")))
    workshops = list(experiment.team.workshops.filter(visible).annotate(has_canvas=has_canvas).order_by("number"))
    # One query per list, so the page costs the same for two workshops as for fifty.
    shown = {"experiment": experiment, "workshop__in": workshops}
    whw = list(WhyHowWhat.objects.filter(**shown).select_related("workshop").order_by("-workshop__number"))
    insights = list(
        Insight.objects.filter(**shown).select_related("workshop").order_by("workshop__number", "position", "id")
    )
    stories = list(stories_for_user(request.user, experiment).order_by("title"))
    evidence = _evidence(experiment)
    return render(
        request,
        "atelier/experiment_detail.html",
        {
            "experiment": experiment,
            "workshops": workshops,
            "canvas_numbers": [w.number for w in workshops if w.has_canvas],
            "why_how_whats": whw,
            "stories": stories,
            "insights": insights,
            "evidence": evidence,
            "chart_width": live_evidence.chart_width(evidence),
            "chart_height": live_evidence.CHART_HEIGHT + 40,
            "bar_width": live_evidence.BAR_WIDTH,
            "threshold": live_evidence.threshold(),
            "can_edit": can_edit_team(request.user, experiment.team_id),
            "live_url": f"/{experiment.live_part}/",
        },
    )


def _evidence(experiment):
    """The live figures (several counting queries) from the cache, until a pearl, dream or activity changes."""
    key = versioned_key(f"atelier:evidence:{experiment.pk}", EVIDENCE, ATELIER, SITE)
    evidence = cache.get(key)
    if evidence is None:
        evidence = live_evidence.evidence_for(experiment)
        cache.set(key, evidence, 600)
    return evidence


def _report_context(request, workshop):
    """What the report page and its PDF show. One query per list, so the page costs the same for a team with
    two workshops as for one with fifty."""
    team = workshop.team
    experiments = list(experiments_for_user(request.user).filter(team=team).order_by("name"))
    if not can_read_team(request.user, team.pk):
        experiments = [e for e in experiments if e.is_public]
    canvases = Canvas.objects.filter(workshop=workshop, experiment__in=experiments).prefetch_related("items")
    canvas_of = {c.experiment_id: c for c in canvases}
    whw = {w.experiment_id: w for w in WhyHowWhat.objects.filter(workshop=workshop, experiment__in=experiments)}
    sections = [
        {
            "experiment": e,
            "canvas": canvas_of.get(e.pk),
            "blocks": blocks(canvas_of[e.pk].items.all()) if e.pk in canvas_of else [],
            "why_how_what": whw.get(e.pk),
        }
        for e in experiments
    ]
    insights = workshop.insights.filter(Q(experiment__isnull=True) | Q(experiment__in=experiments))
    return {
        "workshop": workshop,
        "team": team,
        "owners": list(team.question_owners.order_by("name")),
        "sections": sections,
        "insights": list(insights.select_related("experiment").order_by("position", "id")),
        "guests": list(workshop.guests.all()),
        "advisory_board": list(team.members.filter(kind="advisory_board")),
    }


@atelier_view
@require_GET
def workshop_report(request, team_slug, number):
    workshop = get_workshop_for_user(request.user, team_slug, number)
    context = _report_context(request, workshop)
    context["can_edit"] = can_edit_team(request.user, workshop.team_id)
    if context["can_edit"]:
        context["insight_form"] = InsightForm(experiments=[s["experiment"] for s in context["sections"]])
    return render(request, "atelier/workshop_report.html", context)


@atelier_view
@require_GET
def workshop_pdf(request, team_slug, number):
    workshop = get_workshop_for_user(request.user, team_slug, number)
    return pdf_response(
        "atelier/workshop_pdf.html",
        _report_context(request, workshop),
        filename=f"werkatelier-{workshop.number}-{workshop.team.slug}.pdf",
        request=request,
    )


@atelier_view
@require_GET
def story_image(request, uid):
    """A story's mood image (``?w=480`` a smaller copy), only to those who may see the story (never straight from
    the media folder). A story that is not public keeps its image out of shared caches."""
    story = get_story_for_user(request.user, uid)
    if not story.mood_image:
        raise Http404
    return photo_response(story.mood_image, request, public=story.is_public and story.experiment.is_public)


@atelier_view
@require_GET
def experiment_mood_image(request, slug):
    """An experiment's own mood image (``?w=480`` a smaller copy), only to those who may see the experiment.
    Without one, its page shows the neighbourhood's image (``Experiment.face``) and this address is not found."""
    experiment = get_experiment_for_user(request.user, slug)
    if not experiment.mood_image:
        raise Http404
    return photo_response(experiment.mood_image, request, public=experiment.is_public)


@atelier_view
@require_GET
def story_page(request, uid):
    """An atelier story's own page, to share, print and read aloud (``wijk.stories``)."""
    story = get_story_for_user(request.user, uid)
    experiment = story.experiment
    image_url = story.mood_image_url() if story.mood_image else ""
    size = (story.mood_image_width, story.mood_image_height)
    if image_url and not all(size):  # an image stored before its size was kept
        size = photo_dimensions(story.mood_image) or (None, None)
    page = StoryPage(
        kind=_("Uit het atelier"),
        title=story.title,
        text=story.text,
        url=reverse("atelier:story", kwargs={"uid": story.uid}),
        neighbourhood=experiment.neighbourhood,
        image_url=image_url,
        image_alt=story.mood_image_alt,
        image_width=size[0] if image_url else None,
        image_height=size[1] if image_url else None,
        image_srcset=photo_srcset(image_url, story.mood_image) if image_url else "",
        credit=story.mood_image_credit,
        extra=[(_("Passende woorden"), story.words)] if story.words else [],
        more_url=reverse("atelier:experiment", kwargs={"slug": experiment.slug}),
        more_label=_("Lees hoe %(name)s ontstond") % {"name": experiment.name},
    )
    return story_render(request, page)


@atelier_view
@require_http_methods(["GET", "POST"])
def why_how_what_edit(request, slug, number):
    """Facilitators write the why, how and what of an experiment for one workshop; earlier ones stay as history."""
    experiment = get_experiment_for_user(request.user, slug)
    workshop = get_workshop_for_user(request.user, experiment.team.slug, number)
    require_editor(request.user, experiment.team_id)
    current = WhyHowWhat.objects.filter(experiment=experiment, workshop=workshop).first()
    if current is None:
        current = (
            WhyHowWhat.objects.filter(experiment=experiment, workshop__number__lt=number)
            .order_by("-workshop__number")
            .first()
        )
    initial = {"why": current.why, "how": current.how, "what": current.what} if current else {}
    form = WhyHowWhatForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            why_how_what_save(experiment=experiment, workshop=workshop, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Waarom, hoe en wat zijn bewaard."))
            return redirect("atelier:experiment", slug=experiment.slug)
    return render(
        request, "atelier/why_how_what_form.html", {"experiment": experiment, "workshop": workshop, "form": form}
    )
