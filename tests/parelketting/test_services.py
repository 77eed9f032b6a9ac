"""Services: the transition table, kind e-mails to the submitter, reports, messages, history rows."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from parelketting.choices import TRANSITIONS, MessageDelivery, PearlKind, PearlStatus
from parelketting.models import Pearl
from parelketting.services import (
    pearl_message_send,
    pearl_photo_remove,
    pearl_publish,
    pearl_reject,
    pearl_report,
    pearl_return,
    pearl_submit,
    pearl_transition,
)
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db(transaction=False)


def test_new_pearl_waits_and_is_not_public(make_pearl):
    pearl = make_pearl(status=PearlStatus.SUBMITTED)
    assert pearl.status == PearlStatus.SUBMITTED
    assert not Pearl.objects.published().exists()


@pytest.mark.parametrize("start", PearlStatus.values)
@pytest.mark.parametrize("target", PearlStatus.values)
def test_only_transitions_in_the_table_are_allowed(make_pearl, world, start, target):
    pearl = make_pearl(status=start)
    allowed = target in TRANSITIONS[start]
    kwargs = {"message": "Een vriendelijke reden."}
    if allowed:
        assert pearl_transition(pearl=pearl, to=target, by=world.users.moderator_hw, **kwargs).status == target
    else:
        with pytest.raises(ValidationError) as info:
            pearl_transition(pearl=pearl, to=target, by=world.users.moderator_hw, **kwargs)
        assert info.value.code == "transition_not_allowed"


def test_reject_needs_a_reason(make_pearl, world):
    pearl = make_pearl(status=PearlStatus.SUBMITTED)
    with pytest.raises(ValidationError) as info:
        pearl_reject(pearl=pearl, by=world.users.moderator_hw, reason="  ")
    assert info.value.code == "message_required"


def test_publish_reject_return_mail_the_submitter_kindly(make_pearl, world, django_capture_on_commit_callbacks):
    by = world.users.moderator_hw
    with django_capture_on_commit_callbacks(execute=True):
        pearl_publish(pearl=make_pearl(status=PearlStatus.SUBMITTED, title="Een"), by=by)
        pearl_return(pearl=make_pearl(status=PearlStatus.SUBMITTED, title="Twee"), by=by, question="Welke bank?")
        pearl_reject(pearl=make_pearl(status=PearlStatus.SUBMITTED, title="Drie"), by=by, reason="Het is privé.")
    subjects = [m.subject for m in mail.outbox]
    assert any("staat op de kaart" in s for s in subjects)
    assert any("vraag" in s for s in subjects)
    rejected = next(m for m in mail.outbox if "Drie" in m.body)
    assert "Het is privé." in rejected.body
    assert "welkom" in rejected.body
    assert all(m.to == ["bewoner@zuidwijk.test"] for m in mail.outbox)


def test_history_records_who_changed_the_status(make_pearl, world):
    pearl = make_pearl(status=PearlStatus.SUBMITTED)
    pearl_publish(pearl=pearl, by=world.users.moderator_hw)
    latest = pearl.history.order_by("-history_date").first()
    assert latest.status == PearlStatus.PUBLISHED
    assert latest.history_user == world.users.moderator_hw
    assert pearl.history.count() == 2


def test_person_never_gets_an_own_point(world):
    with pytest.raises(ValidationError):
        pearl_submit(
            kind=PearlKind.PERSON,
            title="Ik repareer fietsen",
            story="Kom maar langs.",
            neighbourhood=world.zuidwijk,
            submitter=world.residents.zuidwijk,
            lat=world.zuidwijk.centre_lat,
            lng=world.zuidwijk.centre_lng,
        )


def test_database_refuses_a_person_with_a_point(make_pearl, world):
    pearl = make_pearl(kind=PearlKind.PERSON, title="Ik lees voor")
    with pytest.raises(IntegrityError), transaction.atomic():
        Pearl.objects.filter(pk=pearl.pk).update(lat=world.zuidwijk.centre_lat, lng=world.zuidwijk.centre_lng)


def test_person_is_shown_at_a_published_meeting_place_only(make_pearl):
    place = make_pearl(title="Rommelruimte")
    person = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen", meeting_place=place)
    assert person.point() == (place.lat, place.lng)
    pearl_transition(pearl=place, to=PearlStatus.HIDDEN)
    person.refresh_from_db()
    assert person.point() is None


def test_on_behalf_needs_the_consent_method(world):
    gerrit = ResidentFactory(neighbourhood=world.zuidwijk, first_name="Gerrit")
    with pytest.raises(ValidationError) as info:
        pearl_submit(
            kind=PearlKind.PLACE,
            title="Bankje",
            story="Fijn.",
            neighbourhood=world.zuidwijk,
            submitter=gerrit,
            street="Spui",
            created_by=world.users.moderator_hw,
            submitted_via="phone",
        )
    assert info.value.code == "consent_method_required"


def test_report_keeps_pearl_on_the_map_and_tells_moderators(make_pearl, world, django_capture_on_commit_callbacks):
    pearl = make_pearl()
    with django_capture_on_commit_callbacks(execute=True):
        pearl_report(pearl=pearl, what="gone", note="Deze bank is weg.", reporter="ip-10.0.0.1")
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.PUBLISHED
    assert pearl.reported is True
    assert pearl.reports.get().reason == "Deze bank is weg."
    assert "moderator@hw.test" in [to for m in mail.outbox for to in m.to]


def test_message_goes_to_offerer_by_email_without_showing_address(
    make_pearl, world, django_capture_on_commit_callbacks
):
    person = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen")
    with django_capture_on_commit_callbacks(execute=True):
        message = pearl_message_send(
            pearl=person,
            sender=world.users.resident_hagedoorn,
            sender_name="Henk",
            body="Mijn band is lek.",
            reply_how="Bel 0612",
        )
    assert message.delivery == MessageDelivery.OFFERER
    assert mail.outbox[-1].to == ["bewoner@zuidwijk.test"]
    assert "Mijn band is lek." in mail.outbox[-1].body


def test_message_goes_to_staff_when_offerer_has_no_email(make_pearl, world, django_capture_on_commit_callbacks):
    joke = ResidentFactory(neighbourhood=world.zuidwijk, first_name="Joke", email="", contact_preference="phone")
    person = make_pearl(kind=PearlKind.PERSON, title="Ik lees voor", submitter=joke)
    with django_capture_on_commit_callbacks(execute=True):
        message = pearl_message_send(
            pearl=person, sender=world.users.resident_hagedoorn, sender_name="Henk", body="Graag!", reply_how="Mail"
        )
    assert message.delivery == MessageDelivery.STAFF
    assert mail.outbox[-1].to == ["moderator@hw.test"]
    assert "Joke" in mail.outbox[-1].body


def test_message_only_on_published_person_pearl(make_pearl, world):
    with pytest.raises(ValidationError):
        pearl_message_send(
            pearl=make_pearl(), sender=world.users.resident_hagedoorn, sender_name="H", body="x", reply_how="y"
        )


def test_photo_removal_deletes_files(make_pearl, world):
    pearl = make_pearl(photo=True)
    name = pearl.photo.name
    storage = pearl.photo.storage
    assert storage.exists(name)
    pearl = pearl_photo_remove(pearl=pearl, by=world.users.moderator_hw)
    assert not pearl.photo and not pearl.thumbnail
    assert not storage.exists(name)
    assert pearl.history.first().history_change_reason == "photo removed"
