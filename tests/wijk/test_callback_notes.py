"""A second reason to call the same number on the same day lands on the task that waits, below the first."""

import pytest

from parelketting.programme.services import signup_cancel, signup_create, signup_create_anonymous
from tests.parelketting import conftest as parelketting_fixtures
from wijk.models import CallbackRequest, DayPart
from wijk.services import callback_request_create

pytestmark = pytest.mark.django_db

make_pearl = parelketting_fixtures.make_pearl
make_activity = parelketting_fixtures.make_activity


def test_a_move_up_from_the_waiting_list_adds_its_note_to_the_same_days_call(world, make_activity):
    asked = callback_request_create(
        neighbourhood=world.zuidwijk, phone="0186 123 456", day_part=DayPart.AFTERNOON, note="Vraag over de tuin"
    )
    activity = make_activity(title="Samen breien", capacity=1)
    first = signup_create(activity=activity, resident=world.residents.zuidwijk)
    signup_create_anonymous(activity=activity, name="Mira", contact_preference="phone", phone="0186-123456")
    signup_cancel(signup=first)
    (call,) = CallbackRequest.objects.all()
    assert call.pk == asked.pk
    assert call.note.startswith("Vraag over de tuin\n") and "Plaats vrij bij ‘Samen breien’" in call.note


def test_the_same_note_twice_is_kept_once(world):
    for _ in range(2):
        callback_request_create(neighbourhood=world.zuidwijk, phone="0186 1", day_part=DayPart.MORNING, note="Bel even")
    assert CallbackRequest.objects.get().note == "Bel even"
