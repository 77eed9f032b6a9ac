"""Facilitator pages for the rest of the record: stories with mood images, insights, and what is public."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .decorators import atelier_view
from .forms import InsightForm, PublicationForm, StoryForm, WorkshopForm
from .models import Team
from .permissions import (
    can_read_team,
    get_experiment_for_user,
    get_story_for_user,
    get_workshop_for_user,
    require_editor,
)
from .services import insight_add, publication_set, story_save, workshop_guests_set, workshop_save


def _story_form_page(request, experiment, story=None):
    require_editor(request.user, experiment.team_id)
    workshops = list(experiment.team.workshops.order_by("number"))
    initial = {}
    if story is not None:
        initial = {
            "title": story.title,
            "text": story.text,
            "words": story.words,
            "workshop": story.workshop_id or "",
            "image_alt": story.mood_image_alt,
            "image_credit": story.mood_image_credit,
            "is_public": story.is_public,
        }
    form = StoryForm(request.POST or None, request.FILES or None, initial=initial, workshops=workshops)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        workshop = next((w for w in workshops if w.pk == data["workshop"]), None)
        try:
            story_save(
                experiment=experiment,
                story=story,
                workshop=workshop,
                title=data["title"],
                text=data["text"],
                words=data["words"],
                image=data["image"],
                image_alt=data["image_alt"],
                image_credit=data["image_credit"],
                image_crop=data["image_crop"],
                is_public=data["is_public"],
            )
        except ValidationError as exc:
            if getattr(exc, "code", "").startswith("image_"):
                form.add_error("image", exc)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Het verhaal is bewaard."))
            return redirect("atelier:experiment", slug=experiment.slug)
    status = 400 if request.method == "POST" else 200
    context = {"experiment": experiment, "story": story, "form": form}
    return render(request, "atelier/story_form.html", context, status=status)


@atelier_view
@require_http_methods(["GET", "POST"])
def story_add(request, slug):
    experiment = get_experiment_for_user(request.user, slug)
    return _story_form_page(request, experiment)


@atelier_view
@require_http_methods(["GET", "POST"])
def story_edit(request, uid):
    story = get_story_for_user(request.user, uid)
    experiment = get_experiment_for_user(request.user, story.experiment.slug)
    return _story_form_page(request, experiment, story)


@atelier_view
@require_POST
def insight_add_view(request, team_slug, number):
    workshop = get_workshop_for_user(request.user, team_slug, number)
    require_editor(request.user, workshop.team_id)
    experiments = list(workshop.team.experiments.all())
    form = InsightForm(request.POST, experiments=experiments)
    if form.is_valid():
        experiment = next((e for e in experiments if e.pk == form.cleaned_data["experiment"]), None)
        insight_add(workshop=workshop, text=form.cleaned_data["text"], experiment=experiment)
        messages.success(request, _("Het inzicht is toegevoegd."))
    else:
        messages.error(request, _("Schrijf het inzicht op voordat u het toevoegt."))
    return redirect("atelier:workshop", team_slug=team_slug, number=number)


@atelier_view
@require_POST
def experiment_publication(request, slug):
    experiment = get_experiment_for_user(request.user, slug)
    require_editor(request.user, experiment.team_id)
    form = PublicationForm(request.POST)
    form.is_valid()
    publication_set(record=experiment, is_public=form.cleaned_data.get("is_public", False))
    messages.success(request, _("Opgeslagen: wie dit experiment mag zien."))
    return redirect("atelier:experiment", slug=slug)


@atelier_view
@require_POST
def workshop_publication(request, team_slug, number):
    workshop = get_workshop_for_user(request.user, team_slug, number)
    require_editor(request.user, workshop.team_id)
    form = PublicationForm(request.POST)
    form.is_valid()
    publication_set(record=workshop, is_public=form.cleaned_data.get("is_public", False))
    messages.success(request, _("Opgeslagen: wie dit werkatelier mag zien."))
    return redirect("atelier:workshop", team_slug=team_slug, number=number)


def _workshop_form_page(request, team, workshop=None):
    require_editor(request.user, team.pk)
    initial = {}
    if workshop is not None:
        initial = {
            "date": workshop.date,
            "place": workshop.place,
            "venue": workshop.venue,
            "summary": workshop.summary,
            "report": workshop.report,
            "guests": "\n".join(
                f"{g.name}, {g.affiliation}" if g.affiliation else g.name for g in workshop.guests.all()
            ),
        }
    else:
        last = team.workshops.order_by("-number").first()
        initial = {"number": (last.number + 1) if last else 1}
    form = WorkshopForm(
        request.POST or None,
        initial=initial,
        editing=workshop is not None,
        taken_numbers=team.workshops.values_list("number", flat=True),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = workshop_save(
            team=team,
            number=workshop.number if workshop else data["number"],
            date=data["date"],
            place=data["place"],
            venue=data["venue"],
            summary=data["summary"],
            report=data["report"],
            is_public=workshop.is_public if workshop else False,
        )
        workshop_guests_set(workshop=saved, guests=form.guest_pairs())
        messages.success(request, _("Het werkatelier is bewaard."))
        return redirect("atelier:workshop", team_slug=team.slug, number=saved.number)
    status = 400 if request.method == "POST" else 200
    context = {"team": team, "workshop": workshop, "form": form}
    return render(request, "atelier/workshop_form.html", context, status=status)


@atelier_view
@require_http_methods(["GET", "POST"])
def workshop_add(request, team_slug):
    team = Team.objects.select_related("challenge").filter(slug=team_slug).first()
    if team is None or not can_read_team(request.user, team.pk):
        raise Http404
    return _workshop_form_page(request, team)


@atelier_view
@require_http_methods(["GET", "POST"])
def workshop_edit(request, team_slug, number):
    workshop = get_workshop_for_user(request.user, team_slug, number)
    return _workshop_form_page(request, workshop.team, workshop)
