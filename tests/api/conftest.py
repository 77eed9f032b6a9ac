"""Open-data API fixtures: pearls, wall dreams and experiments made through the apps' own services."""

from decimal import Decimal

import pytest

from droomhuis import services as dream_services
from droomhuis.models import Dream
from parelketting.choices import PearlKind, PearlStatus
from parelketting.services import pearl_hide, pearl_publish, pearl_submit
from tests.images import jpeg_bytes, upload
from wijk.choices import ContactPreference
from wijk.photos import photo_process


@pytest.fixture
def make_pearl(world):
    """``make_pearl(kind=..., status=..., ...)``: a pearl submitted and moderated through parelketting's services."""

    def make(
        *,
        status=PearlStatus.PUBLISHED,
        kind=PearlKind.PLACE,
        title="Bankje bij de vijver",
        neighbourhood=None,
        themes=(),
        point=True,
        photo=False,
        meeting_place=None,
        partner=None,
        offset=Decimal("0.001"),
    ):
        neighbourhood = neighbourhood or world.zuidwijk
        submitter = None
        if kind != PearlKind.PARTNER_OFFER:
            submitter = world.residents.zuidwijk if neighbourhood == world.zuidwijk else world.residents.hagedoorn
        lat = lng = None
        if point and kind != PearlKind.PERSON:
            lat = neighbourhood.centre_lat + offset
            lng = neighbourhood.centre_lng - offset
        pearl = pearl_submit(
            kind=kind,
            title=title,
            story="Een mooi verhaal over de wijk.",
            neighbourhood=neighbourhood,
            submitter=submitter,
            partner=partner,
            themes=themes,
            lat=lat,
            lng=lng,
            street="Spui" if kind == PearlKind.PLACE else "",
            location_description="Bij het water",
            meeting_place=meeting_place,
            photo=photo_process(upload(jpeg_bytes())) if photo else None,
            photo_description="Een bankje" if photo else "",
            created_by=world.users.moderator_hw if partner else None,
            submitted_via="phone" if partner else "online",
            consent_method="phone" if partner else "",
        )
        if status == PearlStatus.PUBLISHED:
            pearl = pearl_publish(pearl=pearl, by=world.users.superuser)
        elif status == PearlStatus.HIDDEN:
            pearl = pearl_hide(pearl=pearl, by=world.users.superuser)
        return pearl

    return make


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
