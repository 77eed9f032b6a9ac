"""Objects behind the access matrix (tests/test_access_matrix.py), built once per module.

The shared ``world`` (tests/conftest.py) plus the demo data, inside one transaction that is rolled back when
the module ends; every test then runs in its own savepoint inside it. The demo looks up organisations and
neighbourhoods by slug, so its pearls, dreams and referrals belong to the same corporations as the personas.
The same on SQLite and PostgreSQL: no request may close the connection (see ``response_close``).
"""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client, override_settings

from atelier.models import CanvasItem, Experiment, Story, Workshop
from droomhuis.care.models import Pairing, Referral, Signal
from droomhuis.care.referrals import referral_link
from droomhuis.matches.models import Match
from droomhuis.models import Dream
from parelketting.models import Pearl, PearlReport
from parelketting.necklace.models import Route
from parelketting.programme.models import Activity, ActivityPhoto
from parelketting.programme.services import signup_create_anonymous
from parelketting.services import pearl_submit_anonymous
from tests.images import jpeg_bytes, upload
from wijk.models import Organisation
from wijk.models.callbacks import DayPart
from wijk.mood import mood_image_store
from wijk.notices import staff_notify
from wijk.services import callback_request_create, letter_queue, letter_run_start

from . import conftest


def _first(queryset, what):
    found = queryset.first()
    assert found is not None, f"the demo data has no {what}"
    return found


def _objects(world):
    pearl = _first(Pearl.objects.published().filter(neighbourhood=world.zuidwijk).order_by("-photo"), "pearl")
    dream = _first(Dream.objects.filter(neighbourhood=world.hagedoorn).order_by("-photo"), "Hagedoorn dream")
    referral = _first(Referral.objects.filter(dream__neighbourhood=world.hagedoorn), "Hagedoorn referral")
    activity_photo = _first(ActivityPhoto.objects.filter(activity__status="published"), "activity photo")
    item = _first(CanvasItem.objects.select_related("canvas__experiment", "canvas__workshop"), "canvas item")
    workshop = _first(Workshop.objects.select_related("team"), "workshop")
    # An experiment's own mood image (without one its page shows the neighbourhood's, and the address is 404).
    mood_image_store(item.canvas.experiment, upload(jpeg_bytes()), alt="Een geel veld", credit="Foto: Ans")
    item.canvas.experiment.save()
    return SimpleNamespace(
        pearl=pearl,
        dream=dream,
        wall_dream=_first(Dream.objects.on_wall(), "dream on the dream wall"),
        referral=referral,
        token=referral_link(referral).rstrip("/").rsplit("/", 1)[-1],
        signal=_first(Signal.objects.filter(dream__neighbourhood=world.hagedoorn), "Hagedoorn signal"),
        pairing=_first(Pairing.objects.filter(dream__neighbourhood=world.hagedoorn), "Hagedoorn pairing"),
        match=_first(Match.objects.filter(dream__neighbourhood=world.hagedoorn), "Hagedoorn match"),
        route=_first(Route.objects.filter(status="published"), "published route"),
        report=_first(PearlReport.objects.filter(pearl__neighbourhood=world.zuidwijk), "Zuidwijk report"),
        activity=activity_photo.activity,
        activity_photo=activity_photo,
        join_pearl=_first(
            Pearl.objects.published().filter(kind="person", submitter__isnull=False, submitter__user__isnull=True),
            "personal pearl of a resident without an account",
        ),
        public_activity=_first(Activity.objects.filter(status="published"), "published activity"),
        item=item,
        experiment=item.canvas.experiment,
        public_experiment=_first(Experiment.objects.filter(is_public=True), "public experiment"),
        workshop=workshop,
        story=_first(Story.objects.all(), "story"),
        letter=letter_queue(
            resident=world.residents.hagedoorn,
            organisation=world.bw,
            subject="Uw droom",
            body="Wij bellen u binnenkort.",
            reason="dream",
        ),
        letter_run=letter_run_start(
            letters=[
                letter_queue(
                    resident=world.residents.hagedoorn,
                    organisation=world.bw,
                    subject="Uw aanmelding",
                    body="Tot dan.",
                    reason="signup",
                )
            ],
            user=world.users.moderator_bw,
        ),
        resident=world.residents.hagedoorn,
        callback=callback_request_create(
            neighbourhood=world.hagedoorn, phone="0546 123 456", day_part=DayPart.MORNING, first_name="Henk"
        ),
        signup=signup_create_anonymous(
            activity=_first(Activity.objects.published().upcoming().order_by("starts_at"), "upcoming activity"),
            name="Fatma",
            contact_preference="phone",
            phone="06 12 34 56 78",
        ),
        followed_pearl=pearl_submit_anonymous(
            neighbourhood=world.zuidwijk, kind="place", title="Het bankje", story="Fijn.", street="Spui"
        ),
        partner=_first(Organisation.objects.partners(), "partner"),
        notice=staff_notify(
            users=[world.users.broker_bw],
            kind="signal",
            subject="Nieuw signaal",
            body="Kijk.",
            url=f"/droomhuis/makelaar/droom/{dream.reference}/",
        )[0],
    )


def response_close(response):
    """Close a response (a download's open file) the way the test client does.

    Closing sends ``request_finished``, whose ``close_old_connections`` drops a connection that is inside a
    transaction: on PostgreSQL that loses the module's world (SQLite's in-memory database ignores a close).
    The test client unhooks it around its own close; a second close by the test needs the same care.
    """
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def _session(user):
    """A logged-in session key, made once: each test then starts a fresh client with only this cookie."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """``(world, objects)`` for the whole module; nothing is left behind in the test database."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = conftest.world._get_wrapped_function()(None)
            with override_settings(DEBUG=True):
                call_command("loaddemo", force=True, stdout=StringIO())
            objects = _objects(world)
            objects.sessions = {name: _session(getattr(world.users, name)) for name in conftest.PERSONAS[1:]}
            yield world, objects
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
