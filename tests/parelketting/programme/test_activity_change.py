"""Changing an activity: checked like a proposal, kept in the history, and everyone who signed up or waits
hears what changed, by e-mail or by letter as they prefer. Staff do it on a page only their corporation sees."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from parelketting.choices import ActivityStatus, PearlKind, SignUpStatus
from parelketting.programme.change import activity_change
from parelketting.programme.services import activity_cancel, signup_create
from tests.factories import ResidentFactory, wants_post
from wijk.models import Letter, LetterStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_activity(world, make_activity, django_capture_on_commit_callbacks):
    """One place: a neighbour with e-mail has it, Ans (letters) waits. Nobody has been told anything since."""
    activity = make_activity(title="Samen breien", capacity=1)
    neighbour = ResidentFactory(neighbourhood=world.zuidwijk, first_name="Buur", email="buur@zuidwijk.test")
    post = wants_post(world.residents.zuidwijk)
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=neighbour)
        signup_create(activity=activity, resident=post)
    assert post.signups.get().status == SignUpStatus.WAITING
    mail.outbox.clear()
    Letter.objects.all().delete()
    return activity


def _change(activity, user, capture, **fields):
    with capture(execute=True):
        return activity_change(activity=activity, by=user, **fields)


def test_a_new_time_reaches_the_confirmed_by_email_and_the_waiting_list_by_letter(
    world, full_activity, django_capture_on_commit_callbacks
):
    new_start = full_activity.starts_at + timedelta(days=1, hours=1)
    result = _change(
        full_activity,
        world.users.moderator_hw,
        django_capture_on_commit_callbacks,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
    )
    assert result.changed == ("starts_at", "ends_at") and result.notified == 2
    assert [m.to for m in mail.outbox] == [["buur@zuidwijk.test"]]
    email = mail.outbox[0]
    assert email.subject == "Veranderd: Samen breien"
    assert "De nieuwe tijd:" in email.body and "Eerst was het:" in email.body
    assert full_activity.get_absolute_url() in email.body and "Met vriendelijke groet" in email.body
    letter = Letter.objects.get()
    assert letter.resident == world.residents.zuidwijk and letter.reason == "parelketting.activity_changed"
    assert letter.subject == "Veranderd: Samen breien" and letter.organisation == world.hw
    assert letter.created_by == world.users.moderator_hw
    # Paper: no link, no greeting or closing of its own (the letter page adds those), a short address to type.
    assert "http" not in letter.body and "Beste buur" not in letter.body and "groet" not in letter.body
    assert "De nieuwe tijd:" in letter.body and "/parelketting/programma/" in letter.body


def test_the_history_keeps_who_changed_what(world, full_activity, django_capture_on_commit_callbacks):
    _change(
        full_activity,
        world.users.moderator_hw,
        django_capture_on_commit_callbacks,
        description="We breien mutsen.",
    )
    last = full_activity.history.latest()
    assert last.history_user == world.users.moderator_hw
    assert last.history_change_reason == "changed: description"
    full_activity.refresh_from_db()
    assert full_activity.description == "We breien mutsen."
    assert "We breien mutsen." in mail.outbox[0].body


def test_a_new_place_names_the_old_and_the_new_one(world, full_activity, django_capture_on_commit_callbacks):
    _change(
        full_activity,
        world.users.moderator_hw,
        django_capture_on_commit_callbacks,
        place=None,
        place_text="Buurthuis De Schakel",
    )
    body = mail.outbox[0].body
    assert "De nieuwe plek: Buurthuis De Schakel" in body and "Eerst was het: Pop-up rommelruimte" in body
    assert "De nieuwe plek: Buurthuis De Schakel" in Letter.objects.get().body


def test_nothing_is_sent_when_nothing_relevant_changed(world, full_activity, django_capture_on_commit_callbacks):
    same = _change(
        full_activity,
        world.users.moderator_hw,
        django_capture_on_commit_callbacks,
        title="Samen breien",
        starts_at=full_activity.starts_at,
    )
    assert same.changed == () and same.notified == 0
    more = _change(full_activity, world.users.moderator_hw, django_capture_on_commit_callbacks, capacity=3)
    assert more.changed == ("capacity",) and more.notified == 0
    assert not Letter.objects.filter(reason="parelketting.activity_changed").exists()
    assert not [m for m in mail.outbox if m.subject.startswith("Veranderd")]


def test_more_places_move_the_waiting_list_up(world, full_activity, django_capture_on_commit_callbacks):
    _change(full_activity, world.users.moderator_hw, django_capture_on_commit_callbacks, capacity=2)
    assert world.residents.zuidwijk.signups.get().status == SignUpStatus.CONFIRMED
    assert Letter.objects.get().reason == "parelketting.signup_promoted"


def test_cancelled_sign_ups_hear_nothing(world, make_activity, django_capture_on_commit_callbacks):
    from parelketting.programme.services import signup_cancel

    activity = make_activity(title="Samen koken", capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        signup = signup_create(activity=activity, resident=world.residents.zuidwijk)
        signup_cancel(signup=signup)
    mail.outbox.clear()
    result = _change(activity, world.users.moderator_hw, django_capture_on_commit_callbacks, title="Samen bakken")
    assert result.notified == 0 and mail.outbox == []


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title": "  "}, "title_required"),
        ({"description": ""}, "description_required"),
        ({"place": None, "place_text": ""}, "place_required"),
        ({"capacity": 0}, "capacity"),
    ],
)
def test_invalid_changes_are_refused(world, full_activity, django_capture_on_commit_callbacks, fields, code):
    with pytest.raises(ValidationError) as error:
        _change(full_activity, world.users.moderator_hw, django_capture_on_commit_callbacks, **fields)
    assert error.value.code == code
    assert mail.outbox == [] and not Letter.objects.exists()


def test_times_are_checked(world, full_activity):
    start = full_activity.starts_at
    with pytest.raises(ValidationError) as error:
        activity_change(activity=full_activity, by=world.users.moderator_hw, ends_at=start - timedelta(minutes=5))
    assert error.value.code == "ends_before_start"
    past = timezone.now() - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        activity_change(
            activity=full_activity, by=world.users.moderator_hw, starts_at=past, ends_at=past + timedelta(hours=1)
        )
    assert error.value.code == "starts_in_past"


def test_fewer_places_than_signed_up_is_refused(world, make_activity):
    activity = make_activity(capacity=3)
    for n in range(2):
        signup_create(activity=activity, resident=ResidentFactory(neighbourhood=world.zuidwijk, first_name=f"B{n}"))
    with pytest.raises(ValidationError) as error:
        activity_change(activity=activity, by=world.users.moderator_hw, capacity=1)
    assert error.value.code == "capacity_below_signups"


def test_a_place_from_another_neighbourhood_is_refused(world, full_activity, make_pearl):
    elsewhere = make_pearl(title="Tuin in Hagedoorn", neighbourhood=world.hagedoorn)
    assert elsewhere.kind == PearlKind.PLACE
    with pytest.raises(ValidationError) as error:
        activity_change(activity=full_activity, by=world.users.moderator_hw, place=elsewhere)
    assert error.value.code == "place_invalid"


def test_a_cancelled_activity_cannot_change(world, full_activity):
    activity_cancel(activity=full_activity, by=world.users.moderator_hw)
    with pytest.raises(ValidationError) as error:
        activity_change(activity=full_activity, by=world.users.moderator_hw, title="Toch wel")
    assert error.value.code == "cancelled"


def test_a_proposal_changes_without_messages(world, make_activity, django_capture_on_commit_callbacks):
    activity = make_activity(publish=False)
    assert activity.status == ActivityStatus.PROPOSED
    mail.outbox.clear()
    result = _change(activity, world.users.moderator_hw, django_capture_on_commit_callbacks, title="Samen haken")
    assert result.changed == ("title",) and result.notified == 0 and mail.outbox == []


def test_cancelling_tells_the_waiting_list_by_letter(world, full_activity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        activity_cancel(activity=full_activity, by=world.users.moderator_hw)
    assert [m.to for m in mail.outbox] == [["buur@zuidwijk.test"]]
    letter = Letter.objects.get(reason="parelketting.activity_cancelled")
    assert letter.resident == world.residents.zuidwijk and "http" not in letter.body


def test_a_change_letter_lands_in_the_batch_pdf(world, full_activity, moderator_hw, django_capture_on_commit_callbacks):
    new_start = full_activity.starts_at + timedelta(days=2)
    _change(
        full_activity,
        world.users.moderator_hw,
        django_capture_on_commit_callbacks,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
    )
    letter = Letter.objects.get(reason="parelketting.activity_changed")
    assert letter.status == LetterStatus.QUEUED
    page = moderator_hw.get(reverse("wijk:letters"))
    assert "Veranderd: Samen breien" in page.content.decode()
    response = moderator_hw.post(reverse("wijk:letters_pdf"), {"letters": [str(letter.uid)]}, follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).replace("\n", " ")
    assert "Veranderd: Samen breien" in text and "Spui 12" in text and "De nieuwe tijd:" in text
    assert text.count("Beste buur,") == 1 and text.count("Met vriendelijke groet") == 1
    assert "HW Wonen" in text and "http" not in text
