"""Forget a resident: every model has a decision, a dry run changes nothing, the real run leaves no trace."""

import io
import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from droomhuis import services as dream_services
from droomhuis.care.models import Referral, Signal
from droomhuis.models import Dream, DreamEvent
from lib.photos import photo_process
from parelketting.choices import ActivityStatus, PearlKind, PearlStatus
from parelketting.models import Activity, Pearl, SignUp
from parelketting.services import pearl_publish, pearl_submit
from tests.images import jpeg_bytes, upload
from wijk.choices import Channel, DataCategory, Purpose
from wijk.erasure import ANONYMISE, WITHDRAW, decisions, resident_erase
from wijk.export import _resident_relations, resident_export
from wijk.models import AccessLogEntry, ConsentRecord, ErasureRecord, Letter, Resident, User
from wijk.services import access_log_record, consent_give, letter_queue

pytestmark = pytest.mark.django_db

PHONE = "0546 999 888"
EMAIL = "bewoner@hagedoorn.test"


def _undecided(decided) -> list[str]:
    owners = {model for model, _fk in _resident_relations()}
    undecided = [m._meta.label for m in owners if m._meta.label not in decided]
    seen, frontier = set(owners), set(owners)
    while frontier:
        found = set()
        for model in apps.get_models():
            if model.__name__.startswith("Historical"):
                continue
            for f in model._meta.get_fields():
                if not (f.is_relation and f.concrete and f.related_model in frontier) or f.related_model is Resident:
                    continue
                if model._meta.label in decided or f"{model._meta.label}.{f.name}" in decided:
                    found.add(model)
                else:
                    undecided.append(f"{model._meta.label}.{f.name}")
        frontier = found - seen
        seen |= found
    return sorted(set(undecided))


def test_every_model_that_points_to_a_resident_or_their_records_has_a_decision():
    """A new model pointing at a resident (or at a dream, pearl, consent ..., at any depth) fails until decided."""
    assert _undecided(decisions()) == []


def test_a_missing_decision_is_found_at_any_depth():
    decided = decisions()
    for key in ("droomhuis.ExpertNote.pairing", "parelketting.SignUp"):
        assert key in _undecided({k: v for k, v in decided.items() if k != key})


@pytest.fixture
def henk(world):
    """Henk from Hagedoorn, with an account and something of everything: dream, pearls, letter, consent, log."""
    resident = world.residents.hagedoorn
    Resident.objects.filter(pk=resident.pk).update(phone=PHONE, postal_address="Vlierstraat 12")
    resident.refresh_from_db()
    dream = dream_services.dream_submit(
        neighbourhood=world.hagedoorn,
        text="Henk wil een moestuin achter de flat.",
        consent_contact=True,
        consent_wall=False,
        photo=photo_process(upload(jpeg_bytes())).photo,
        photo_description="De tuin van Henk",
        user=world.users.resident_hagedoorn,
        phone=PHONE,
    )
    dream = dream_services.dream_transition(
        dream=dream, to_status="picking_up", actor=world.users.broker_bw, expected_version=dream.version
    )
    Signal.objects.create(
        dream=dream, kind="money", description="Henk heeft schulden", recorded_by=world.users.broker_bw
    )
    Referral.objects.create(
        dream=dream, resident=resident, partner=world.welzijn, question="Bel Henk", created_by=world.users.broker_bw
    )
    place = pearl_submit(
        kind=PearlKind.PLACE,
        title="Bankje bij de vijver",
        story="Hier zit je mooi in de zon.",
        neighbourhood=world.hagedoorn,
        submitter=resident,
        lat=world.hagedoorn.centre_lat,
        lng=world.hagedoorn.centre_lng,
        photo=photo_process(upload(jpeg_bytes())),
        photo_description="Het bankje",
    )
    place = pearl_publish(pearl=place, by=world.users.superuser)
    person = pearl_submit(
        kind=PearlKind.PERSON,
        title="Henk repareert fietsen",
        story="Kom langs.",
        neighbourhood=world.hagedoorn,
        submitter=resident,
    )
    person = pearl_publish(pearl=person, by=world.users.superuser)
    activity = Activity.objects.create(
        title="Fietsen maken",
        description="Samen fietsen maken",
        neighbourhood=world.hagedoorn,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
        capacity=5,
        status=ActivityStatus.PUBLISHED,
        organiser_resident=resident,
        story="Het was gezellig.",
    )
    SignUp.objects.create(activity=activity, resident=resident, status="confirmed")
    consent_give(
        resident=resident,
        category=DataCategory.ALIAS,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method=Channel.PHONE,
        recorded_by=world.users.broker_bw,
        note="Henk zei ja aan de telefoon",
    )
    letter_queue(resident=resident, organisation=world.bw, subject="Beste Henk", body="Tekst", reason="test")
    access_log_record(
        user=world.users.broker_bw, action="view", obj=resident, resident=resident, role="broker", detail="Henk"
    )
    access_log_record(user=world.users.resident_hagedoorn, action="view", obj=resident, resident=resident)
    return {"resident": resident, "dream": dream, "place": place, "person": person, "activity": activity}


def _everything() -> str:
    out = io.StringIO()
    call_command("dumpdata", "--natural-foreign", exclude=["contenttypes", "auth.permission"], stdout=out)
    return out.getvalue()


def _traces(text: str) -> list[str]:
    return [s for s in ("Henk", EMAIL, PHONE, "Vlierstraat 12") if s in text]


def test_the_dry_run_says_what_will_happen_and_changes_nothing(henk, world):
    before = _everything()
    report = resident_erase(
        resident=henk["resident"], actor=world.users.broker_bw, role="broker", channel=Channel.PHONE, dry_run=True
    )
    counts = report.counts()
    assert counts["droomhuis.Dream"] == {"anonymised": 1}
    assert counts["droomhuis.Signal"] == {"removed": 1} and counts["droomhuis.Referral"] == {"removed": 1}
    assert counts["parelketting.Pearl"] == {"anonymised": 1, "removed": 1}  # the person pearl always goes
    assert counts["wijk.ConsentRecord"]["kept"] >= 1 and counts["wijk.Letter"] == {"removed": 1}
    assert counts["wijk.User"] == {"removed": 1} and counts["wijk.Resident"] == {"anonymised": 1}
    assert report.lines["wijk.AccessLogEntry"].reasons  # kept, and why
    assert _everything() == before
    assert ErasureRecord.objects.count() == 0


def test_the_real_run_leaves_no_personal_data_anywhere(henk, world):
    dream_photo, pearl_photo = henk["dream"].photo.name, henk["place"].photo.name
    assert default_storage.exists(dream_photo) and default_storage.exists(pearl_photo)
    assert _traces(_everything())
    resident = henk["resident"]
    old_uid = str(resident.uid)

    resident_erase(resident=resident, actor=world.users.broker_bw, role="broker", channel=Channel.PHONE)

    assert _traces(_everything()) == []
    assert old_uid not in _everything()
    resident.refresh_from_db()
    assert resident.erased_at is not None and resident.user is None
    assert _traces(json.dumps(resident_export(resident), ensure_ascii=False)) == []
    assert not User.objects.filter(email=EMAIL).exists()
    assert not default_storage.exists(dream_photo)
    assert default_storage.exists(pearl_photo)  # the published place keeps its photo, without the name
    dream = Dream.objects.get(pk=henk["dream"].pk)
    assert dream.text == "" and dream.status == "withdrawn" and dream.anonymised_at is not None
    assert dream.neighbourhood == world.hagedoorn and dream.reference != henk["dream"].reference
    assert dream.resident != resident and not DreamEvent.objects.filter(dream=dream).exists()
    assert not Signal.objects.exists() and not Referral.objects.exists()
    assert Pearl.objects.filter(pk=henk["place"].pk, submitter=None, status=PearlStatus.PUBLISHED).exists()
    assert not Pearl.objects.filter(pk=henk["person"].pk).exists()
    assert not SignUp.objects.exists() and not Letter.objects.exists()
    assert Activity.objects.get(pk=henk["activity"].pk).organiser_resident is None
    assert ConsentRecord.objects.filter(resident=resident).exists()  # the stripped ledger stays
    assert not ConsentRecord.objects.filter(resident=resident).active().exists()
    assert AccessLogEntry.objects.filter(role="broker", resident=None).exists()
    tombstone = ErasureRecord.objects.get()
    assert tombstone.neighbourhood == world.hagedoorn and tombstone.role == "broker"
    assert tombstone.channel == Channel.PHONE and tombstone.carried_out_by == world.users.broker_bw
    assert tombstone.counts["droomhuis.Dream"] == {"anonymised": 1}
    assert _traces(json.dumps(tombstone.counts)) == [] and old_uid not in json.dumps(tombstone.counts)


def test_withdraw_takes_published_pearls_and_stories_down(henk, world):
    photo = henk["place"].photo.name
    resident_erase(resident=henk["resident"], role="resident", channel=Channel.ONLINE, publications=WITHDRAW)
    assert not Pearl.objects.exists()
    assert not default_storage.exists(photo)
    assert Activity.objects.get(pk=henk["activity"].pk).story == ""
    assert not Pearl.history.exists()


def test_legal_hold_keeps_the_dream_and_its_care_records(henk, world):
    Dream.objects.filter(pk=henk["dream"].pk).update(legal_hold=True)
    report = resident_erase(resident=henk["resident"], role="broker", channel=Channel.PHONE, publications=ANONYMISE)
    assert report.counts()["droomhuis.Dream"] == {"kept": 1}
    assert report.lines["droomhuis.Dream"].reasons
    dream = Dream.objects.get(pk=henk["dream"].pk)
    assert "moestuin" in dream.text and dream.photo
    assert Signal.objects.count() == 1 and Referral.objects.count() == 1
    assert dream.resident.erased_at is not None  # the person's own row is empty all the same
    assert dream.resident.first_name == "" and dream.resident.phone == ""


def test_a_resident_cannot_be_forgotten_twice(henk, world):
    resident_erase(resident=henk["resident"], role="broker", channel=Channel.PHONE)
    henk["resident"].refresh_from_db()
    with pytest.raises(Exception, match="al vergeten"):
        resident_erase(resident=henk["resident"], role="broker", channel=Channel.PHONE)


def test_someone_who_also_works_here_keeps_their_account_and_their_work_log(world):
    from tests.factories import ResidentFactory

    broker = world.users.broker_bw
    resident = ResidentFactory(user=broker, neighbourhood=world.hagedoorn, first_name="Bea")
    access_log_record(user=broker, action="view", obj=world.residents.hagedoorn, resident=world.residents.hagedoorn)
    report = resident_erase(resident=resident, actor=broker, role="resident", channel=Channel.ONLINE)
    assert report.counts()["wijk.User"] == {"kept": 1}
    assert User.objects.filter(pk=broker.pk, is_active=True).exists()
    assert AccessLogEntry.objects.filter(user=broker, resident=world.residents.hagedoorn).exists()
    resident.refresh_from_db()
    assert resident.user is None and resident.first_name == ""


def test_what_listens_to_withdrawn_consents_copes_with_a_forgotten_resident(
    henk, world, django_capture_on_commit_callbacks
):
    Dream.objects.filter(pk=henk["dream"].pk).update(legal_hold=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        resident_erase(resident=henk["resident"], actor=world.users.broker_bw, role="broker", channel=Channel.PHONE)
    assert callbacks  # the consent_withdrawn signal went out, and nothing broke
    assert not ConsentRecord.objects.filter(resident=henk["resident"]).active().exists()
