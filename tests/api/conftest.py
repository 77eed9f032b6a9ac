"""Open-data API fixtures: pearls, wall dreams and experiments made through the apps' own services."""

import pytest

from droomhuis import services as dream_services
from droomhuis.models import Dream
from tests.parelketting.conftest import make_pearl  # noqa: F401  # the one pearl factory
from wijk.choices import ContactPreference


@pytest.fixture
def make_wall_dream(world):
    """A realised dream on the wall (approved, wall consent given), or off it with ``on_wall=False``."""

    def make(*, on_wall=True, consent_wall=True, outcome="Er is een moestuin", text="Een moestuin achter de flat."):
        dream = dream_services.dream_submit(
            neighbourhood=world.hagedoorn,
            text=text,
            consent_contact=True,
            consent_wall=consent_wall,
            contact_preference=ContactPreference.PHONE,
            phone="0546 123 456",
            first_name="Mira",
            themes=[world.themes["groen"]],
        )
        Dream.objects.filter(pk=dream.pk).update(
            status="realised",
            owner=world.users.broker_bw,
            next_action_date=None,
            wall_status="approved" if on_wall else "proposed",
            outcome=outcome,
            story="Buren zaaien samen.",
        )
        return Dream.objects.get(pk=dream.pk)

    return make


@pytest.fixture
def make_experiment(world):
    """An experiment of team 3 on the parelketting in Zuidwijk; ``is_public`` as given."""
    from atelier.models import Challenge, Experiment, Team

    challenge, _ = Challenge.objects.get_or_create(slug="challenge", defaults={"name": "Challenge"})
    team, _ = Team.objects.get_or_create(
        slug="team-3", defaults={"challenge": challenge, "number": 3, "question_content": "Hoe doen bewoners mee?"}
    )

    def make(*, slug="parelketting", is_public=True, live_part="parelketting", neighbourhood=None):
        return Experiment.objects.create(
            team=team,
            name=slug.capitalize(),
            slug=slug,
            corporation=world.hw,
            neighbourhood=neighbourhood or world.zuidwijk,
            guiding_question="Welke kansen ziet u vandaag?",
            live_part=live_part,
            is_public=is_public,
        )

    return make
