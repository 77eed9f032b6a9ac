"""Query counts of the experiment list and the canvas page stay the same for 3 and 30 items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atelier.models import LivePart
from atelier.services import canvas_item_add, experiment_save

pytestmark = pytest.mark.django_db


def count_queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_experiments(atelier, world, n):
    for i in range(n):
        experiment_save(
            team=atelier.team,
            slug=f"proef-{i}",
            name=f"Proef {i}",
            corporation=world.hw,
            neighbourhood=world.zuidwijk,
            guiding_question="Welke kansen ziet u?",
            live_part=LivePart.PARELKETTING,
        )


def test_experiment_list_queries_do_not_grow(facilitator, atelier, world):
    path = reverse("atelier:experiment_list")
    add_experiments(atelier, world, 1)  # 3 experiments
    small = count_queries(facilitator, path)
    add_experiments_more = 27
    for i in range(add_experiments_more):
        experiment_save(
            team=atelier.team,
            slug=f"meer-{i}",
            name=f"Meer {i}",
            corporation=world.bw,
            neighbourhood=world.hagedoorn,
            guiding_question="Wat zou u willen?",
            live_part=LivePart.DROOMHUIS,
        )
    large = count_queries(facilitator, path)
    assert small == large <= 5  # one fewer when sessions come from the Redis cache


def test_canvas_page_queries_do_not_grow(facilitator, atelier):
    path = reverse("atelier:canvas", kwargs={"slug": atelier.parel.slug, "number": 3})
    small = count_queries(facilitator, path)  # 3 notes
    for i in range(27):
        canvas_item_add(
            canvas=atelier.canvas3, block=["key_partners", "channels", "cost_structure"][i % 3], text=f"N{i}"
        )
    large = count_queries(facilitator, path)
    assert small == large <= 10  # one fewer when sessions come from the Redis cache


def test_public_experiment_list_queries_do_not_grow(anonymous, atelier, world):
    from .conftest import make_public

    make_public(atelier.parel, atelier.droom)
    path = reverse("atelier:experiment_list")
    small = count_queries(anonymous, path)
    add_experiments(atelier, world, 28)
    from atelier.models import Experiment

    Experiment.objects.update(is_public=True)
    assert count_queries(anonymous, path) == small


def test_workshop_report_queries_do_not_grow(facilitator, atelier):
    import datetime

    from atelier.models import TeamMember
    from atelier.services import insight_add, workshop_guests_set, workshop_save

    path = reverse("atelier:workshop", kwargs={"team_slug": atelier.team.slug, "number": 3})
    small = count_queries(facilitator, path)  # 3 notes, no insights or guests
    for i in range(27):
        canvas_item_add(canvas=atelier.canvas3, block=["key_partners", "channels"][i % 2], text=f"N{i}")
    for i in range(10):
        insight_add(workshop=atelier.ws3, text=f"Inzicht {i}", experiment=atelier.parel if i % 2 else None)
    workshop_guests_set(workshop=atelier.ws3, guests=[(f"Gast {i}", "Buurt") for i in range(10)])
    for i in range(5):
        TeamMember.objects.create(team=atelier.team, kind="advisory_board", name=f"Raadslid {i}")
    for number in range(5, 15):
        workshop_save(team=atelier.team, number=number, date=datetime.date(2019, 3, 1), place="Utrecht")
    html = facilitator.get(path).content.decode()
    assert html.count("Inzicht ") >= 10 and "Raadslid 4" in html and "Gast 9, Buurt" in html
    # An insight about one experiment names it; a general insight does not.
    assert f'Inzicht 1</bdi> <span class="hint">({atelier.parel.name})</span>' in html
    assert "Inzicht 0</bdi></li>" in html
    large = count_queries(facilitator, path)
    # Session, user, roles, the teams they may read, workshop, experiments, one query per list (canvases,
    # their notes, why/how/what, insights, guests, advisory board, question owners) and the teams they may edit.
    assert small == large <= 14  # one fewer when sessions come from the Redis cache


def test_atelier_index_queries_do_not_grow(facilitator, atelier):
    import datetime

    from atelier.services import workshop_save

    path = reverse("atelier:index")
    small = count_queries(facilitator, path)
    for number in range(5, 35):
        workshop_save(team=atelier.team, number=number, date=datetime.date(2019, 3, 1), place="Utrecht")
    assert "Werkatelier 34" in facilitator.get(path).content.decode()
    assert count_queries(facilitator, path) == small <= 10
