"""retention_run: the daily clean-up, tested by moving the clock forward."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from droomhuis import services as dream_services
from droomhuis.care.models import Referral, Signal
from droomhuis.models import Dream, DreamEvent
from lib.photos import photo_process
from parelketting.choices import PearlKind, PearlStatus
from parelketting.services import pearl_publish, pearl_reject, pearl_submit
from tests.images import jpeg_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(monkeypatch):
    """``later(days)`` runs ``retention_run`` as if it were that many days from now; returns what it printed."""
    real_now = timezone.now

    def run(days, *args):
        moment = real_now() + timedelta(days=days)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        out = StringIO()
        try:
            call_command("retention_run", *args, stdout=out)
        finally:
            monkeypatch.setattr(timezone, "now", real_now)
        return out.getvalue()

    return run


def _dream(world, text, *, status="realised", photo=True):
    dream = dream_services.dream_submit(
        neighbourhood=world.hagedoorn,
        text=text,
        consent_contact=True,
        consent_wall=False,
        themes=[world.themes["groen"]],
        photo=photo_process(upload(jpeg_bytes())).photo if photo else None,
        first_name="Mira",
        phone="0546 111 222",
    )
    if status != "new":
        Dream.objects.filter(pk=dream.pk).update(
            status=status, owner=world.users.broker_bw, closed_at=timezone.now(), next_action_date=None
        )
    dream.refresh_from_db()
    return dream


@pytest.fixture
def dreams(world):
    closed = _dream(world, "Een moestuin van Mira")
    Dream.objects.filter(pk=closed.pk).update(outcome="Er ligt nu een moestuin", story="Mira plant tomaten.")
    held = _dream(world, "Een bankje, bewaren")
    Dream.objects.filter(pk=held.pk).update(legal_hold=True)
    with_held_signal = _dream(world, "Een speeltuin")
    Signal.objects.create(
        dream=with_held_signal,
        kind="money",
        description="bewaren",
        recorded_by=world.users.broker_bw,
        closed_at=timezone.now(),
        legal_hold=True,
    )
    still_open = _dream(world, "Een buurtfeest", status="new")
    return {"closed": closed, "held": held, "with_held_signal": with_held_signal, "open": still_open}


def test_the_dry_run_only_counts(dreams, later):
    output = later(400, "--dry-run")
    assert "Dry run" in output and "droomhuis: closed dreams anonymised: 1" in output
    assert not Dream.objects.filter(anonymised_at__isnull=False).exists()
    assert default_storage.exists(dreams["closed"].photo.name)


def test_closed_dreams_are_anonymised_after_twelve_months_except_on_legal_hold(dreams, later, world):
    assert "closed dreams anonymised: 0" in later(300)
    photo = dreams["closed"].photo.name
    assert "closed dreams anonymised: 1" in later(400)
    dream = Dream.objects.get(pk=dreams["closed"].pk)
    assert dream.anonymised_at is not None and dream.text == "" and dream.story == "" and dream.outcome == ""
    assert dream.status == "realised" and dream.neighbourhood == world.hagedoorn
    assert list(dream.themes.all()) == [world.themes["groen"]]
    local = timezone.localtime
    assert local(dream.created_at).day == 1 and local(dream.closed_at).day == 1  # the month stays, not the day
    assert dream.resident.first_name == "" and dream.resident.phone == "" and dream.resident != dreams["open"].resident
    assert not DreamEvent.objects.filter(dream=dream).exists()
    assert not default_storage.exists(photo)
    for key in ("held", "with_held_signal", "open"):
        kept = Dream.objects.get(pk=dreams[key].pk)
        assert kept.anonymised_at is None and kept.text == dreams[key].text, key
    assert "closed dreams anonymised: 0" in later(401)  # once is enough


def test_signals_and_referrals_go_24_months_after_closure_except_on_legal_hold(dreams, later, world):
    dream = dreams["open"]
    broker = world.users.broker_bw
    closed = Signal.objects.create(
        dream=dream, kind="money", description="oud", recorded_by=broker, closed_at=timezone.now()
    )
    still_open = Signal.objects.create(dream=dream, kind="health", description="open", recorded_by=broker)
    referral = Referral.objects.create(
        dream=dream, resident=dream.resident, partner=world.welzijn, question="?", created_by=broker
    )
    held_referral = Referral.objects.create(
        dream=dream, resident=dream.resident, partner=world.welzijn, question="?", created_by=broker, legal_hold=True
    )
    Referral.objects.filter(pk__in=[referral.pk, held_referral.pk]).update(closed_at=timezone.now())
    later(400)
    assert Signal.objects.filter(pk=closed.pk).exists() and Referral.objects.filter(pk=referral.pk).exists()
    output = later(800)
    assert "closed signals deleted: 1" in output and "closed referrals deleted: 1" in output
    assert set(Signal.objects.values_list("pk", flat=True)) == {
        still_open.pk,
        *dreams["with_held_signal"].signals.values_list("pk", flat=True),
    }
    assert set(Referral.objects.values_list("pk", flat=True)) == {held_referral.pk}


def test_the_photo_of_a_withdrawn_dream_goes_after_a_month(world, later):
    dream = _dream(world, "Ingetrokken", status="withdrawn")
    photo = dream.photo.name
    later(10)
    assert default_storage.exists(photo)
    assert "photos of withdrawn dreams deleted: 1" in later(40)
    dream.refresh_from_db()
    assert not dream.photo and not default_storage.exists(photo) and dream.anonymised_at is None


def _pearl(world, title):
    return pearl_submit(
        kind=PearlKind.PLACE,
        title=title,
        story="Een plek.",
        neighbourhood=world.zuidwijk,
        submitter=world.residents.zuidwijk,
        lat=world.zuidwijk.centre_lat,
        lng=world.zuidwijk.centre_lng,
        photo=photo_process(upload(jpeg_bytes())),
        photo_description="Foto",
    )


def test_photos_of_pearls_not_on_the_map_go_after_the_period(world, later):
    rejected = pearl_reject(pearl=_pearl(world, "Eigen tuin"), by=world.users.superuser, reason="Een eigen tuin.")
    published = pearl_publish(pearl=_pearl(world, "Bankje"), by=world.users.superuser)
    files = [rejected.photo.name, rejected.thumbnail.name]
    assert "photos of pearls not on the map deleted: 0" in later(30)
    assert "photos of pearls not on the map deleted: 1" in later(100)
    rejected.refresh_from_db()
    assert not rejected.photo and not rejected.thumbnail and rejected.status == PearlStatus.REJECTED
    assert not any(default_storage.exists(name) for name in files)
    published.refresh_from_db()
    assert published.photo and default_storage.exists(published.photo.name)


def test_periods_are_settings(dreams, later, settings):
    settings.DROOMHUIS_DREAM_ANONYMISE_DAYS = 30
    assert "closed dreams anonymised: 1" in later(40)


def test_the_broker_can_still_open_an_anonymised_case(dreams, later, broker_bw):
    from django.urls import reverse

    later(400)
    dream = Dream.objects.get(pk=dreams["closed"].pk)
    response = broker_bw.get(reverse("droomhuis:case", args=[dream.reference]))
    assert response.status_code == 200
    assert "Mira" not in response.content.decode() and "0546 111 222" not in response.content.decode()
