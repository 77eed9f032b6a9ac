"""The atelier record used by the atelier tests: team 3 with two workshops and two experiments."""

import datetime
from types import SimpleNamespace

import pytest

from atelier import evidence
from atelier.models import CanvasBlock, LivePart
from atelier.services import (
    canvas_item_add,
    canvas_start,
    challenge_save,
    experiment_save,
    team_save,
    workshop_save,
)


@pytest.fixture
def atelier(world):
    """Non-public by default: tests switch ``is_public`` on where they need the public view."""
    challenge = challenge_save(slug="challenge", name="Innovatiechallenge", period="2018-2019")
    team = team_save(
        challenge=challenge,
        number=3,
        slug="team-3",
        question_content="Hoe doen bewoners mee?",
        question_process="Hoe past het bij hun wensen?",
        question_owners=[world.hw, world.bw],
    )
    ws3 = workshop_save(team=team, number=3, date=datetime.date(2018, 12, 13), place="Rotterdam")
    ws4 = workshop_save(
        team=team, number=4, date=datetime.date(2019, 2, 14), place="Utrecht", venue="Social Impact Factory"
    )
    parel = experiment_save(
        team=team,
        slug="parelketting-zuidwijk",
        name="Parelketting",
        corporation=world.hw,
        neighbourhood=world.zuidwijk,
        guiding_question="Welke kansen ziet u vandaag?",
        live_part=LivePart.PARELKETTING,
    )
    droom = experiment_save(
        team=team,
        slug="droomhuis-hagedoorn",
        name="Droomhuis",
        corporation=world.bw,
        neighbourhood=world.hagedoorn,
        guiding_question="Wat zou u willen?",
        live_part=LivePart.DROOMHUIS,
    )
    canvas3 = canvas_start(experiment=parel, workshop=ws3)
    canvas_item_add(canvas=canvas3, block=CanvasBlock.KEY_PARTNERS, text="Welzijnswerk")
    canvas_item_add(canvas=canvas3, block=CanvasBlock.KEY_ACTIVITIES, text="Problemen inventariseren")
    canvas_item_add(canvas=canvas3, block=CanvasBlock.CHANNELS, text="Bewonersbrief")
    return SimpleNamespace(challenge=challenge, team=team, ws3=ws3, ws4=ws4, parel=parel, droom=droom, canvas3=canvas3)


def make_public(*records):
    for record in records:
        record.is_public = True
        record.save(update_fields=["is_public"])


@pytest.fixture
def fake_live_parts(monkeypatch):
    """Stand-ins for the live parts' ``evidence_counts``, so the page shows known figures including small ones."""
    monkeypatch.setattr(
        evidence.LIVE_PARTS[LivePart.PARELKETTING],
        "evidence_counts",
        lambda neighbourhood: {
            "submitted": {"2026-09": 1, "2026-10": 9, "2026-11": 10},
            "published": {"2026-09": 0, "2026-10": 7, "2026-11": 42},
        },
    )
    monkeypatch.setattr(
        evidence.LIVE_PARTS[LivePart.DROOMHUIS],
        "evidence_counts",
        lambda neighbourhood: [
            {"month": datetime.date(2026, 10, 1), "received": 5, "picked_up": 2, "realised": 0},
            {"month": datetime.date(2026, 11, 1), "received": 13, "picked_up": 8, "realised": 3},
        ],
    )
