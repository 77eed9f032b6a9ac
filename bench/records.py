"""Benchmark: the atelier at the scale of a whole challenge. Five teams with ten workshops each (50 in all),
one experiment per team, and per workshop a canvas of 27 notes, a why/how/what, two stories and three insights.
Runs after ``programme`` and before ``table``; measures the atelier pages whose size grows with the record."""

from datetime import date, timedelta

from django.test import Client
from django.urls import reverse

from .common import corporation_and_neighbourhood, line, measure

TEAMS = 5
WORKSHOPS_PER_TEAM = 10
NOTES_PER_BLOCK = 3


def _setup():
    from atelier.models import (
        Canvas,
        CanvasBlock,
        CanvasItem,
        Challenge,
        Experiment,
        Insight,
        LivePart,
        Story,
        Team,
        WhyHowWhat,
        Workshop,
    )

    corporation, hood = corporation_and_neighbourhood(
        "bench-atelier-corporatie",
        "bench-atelier-wijk",
        name="Atelierwijk (bench)",
        municipality="Utrecht",
        centre=("52.090700", "5.121400"),
    )
    challenge = Challenge.objects.create(name="Bench-challenge", slug="bench-challenge", period="2018-2019")
    teams = Team.objects.bulk_create(
        [
            Team(challenge=challenge, number=n, slug=f"bench-team-{n}", question_content=f"Vraag van team {n}?")
            for n in range(1, TEAMS + 1)
        ]
    )
    for team in teams:
        team.question_owners.add(corporation)
    workshops = Workshop.objects.bulk_create(
        [
            Workshop(
                team=team,
                number=n,
                date=date(2018, 9, 1) + timedelta(weeks=3 * n),
                place="Utrecht",
                summary="Wat we deden en wat we leerden.",
                report="<p>Het verslag van de dag.</p>",
                is_public=True,
            )
            for team in teams
            for n in range(1, WORKSHOPS_PER_TEAM + 1)
        ]
    )
    experiments = Experiment.objects.bulk_create(
        [
            Experiment(
                team=team,
                name=f"Experiment {team.number}",
                slug=f"bench-experiment-{team.number}",
                corporation=corporation,
                neighbourhood=hood,
                guiding_question="Welke kansen ziet u vandaag?",
                live_part=LivePart.PARELKETTING if team.number % 2 else LivePart.DROOMHUIS,
                is_public=True,
            )
            for team in teams
        ]
    )
    experiment_of = {e.team_id: e for e in experiments}
    canvases = Canvas.objects.bulk_create([Canvas(experiment=experiment_of[w.team_id], workshop=w) for w in workshops])
    CanvasItem.objects.bulk_create(
        [
            CanvasItem(canvas=canvas, block=block, text=f"Kaartje {i + 1}", position=i)
            for canvas in canvases
            for block in CanvasBlock.values
            for i in range(NOTES_PER_BLOCK)
        ]
    )
    WhyHowWhat.objects.bulk_create(
        [
            WhyHowWhat(experiment=experiment_of[w.team_id], workshop=w, why="Waarom", how="Hoe", what="Wat")
            for w in workshops
        ]
    )
    Story.objects.bulk_create(
        [
            Story(
                experiment=experiment_of[w.team_id],
                workshop=w,
                title=f"Verhaal {i + 1} van werkatelier {w.number}",
                text="Een bewoner vertelt.",
                is_public=True,
            )
            for w in workshops
            for i in range(2)
        ]
    )
    Insight.objects.bulk_create(
        [
            Insight(workshop=w, experiment=experiment_of[w.team_id], text=f"Inzicht {i + 1}", position=i)
            for w in workshops
            for i in range(3)
        ]
    )
    return experiments[0], workshops[WORKSHOPS_PER_TEAM - 1]


def run():
    from atelier.models import Workshop
    from wijk.models import User

    experiment, last = _setup()
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("bench@bench.example")
    superuser = Client()
    superuser.force_login(admin)
    volume = {"workshops": Workshop.objects.filter(team__challenge__slug="bench-challenge").count()}
    pages = [
        ("atelier_index", reverse("atelier:index")),
        ("atelier_experiments", reverse("atelier:experiment_list")),
        ("atelier_evidence_10_workshops", reverse("atelier:experiment", args=[experiment.slug])),
        ("atelier_canvas_10th_workshop", reverse("atelier:canvas", args=[experiment.slug, last.number])),
        ("atelier_canvas_compare", reverse("atelier:canvas_compare", args=[experiment.slug])),
        ("atelier_workshop_report", reverse("atelier:workshop", args=[last.team.slug, last.number])),
    ]
    for name, path in pages:
        line(name, **volume, **measure(path, client=superuser, runs=20))
