"""A message to a resident who can only be phoned becomes a call task ("Terugbellen") for the dream's broker."""

import pytest
from django.core import mail
from django.urls import reverse

from droomhuis.erasure import dream_forget
from wijk.choices import Channel
from wijk.erasure import resident_erase
from wijk.models import CallbackRequest, CallbackStatus, DayPart

from .conftest import picked_up

pytestmark = pytest.mark.django_db

BODY = "De moestuin mag er komen. Ik kom volgende week langs."
TASK_TEXT = "Mira wil gebeld worden. Er komt een beltaak voor u op de lijst Terugbellen."


def send(client, dream, body=BODY, step="send"):
    return client.post(reverse("droomhuis:case_update", args=[dream.reference]), {"body": body, "step": step})


def test_a_message_for_a_phone_only_resident_becomes_one_call_task_for_the_owner(
    world, broker_bw, case, django_capture_on_commit_callbacks
):
    case_path = reverse("droomhuis:case", args=[case.reference])
    with django_capture_on_commit_callbacks(execute=True):
        response = send(broker_bw, case)
    assert response.status_code == 302
    task = CallbackRequest.objects.get()
    assert task.status == CallbackStatus.OPEN
    assert task.assigned_to == world.users.broker_bw
    assert task.about_path == case_path
    assert task.phone == "0546 123 456" and task.first_name == "Mira"
    assert task.neighbourhood == world.hagedoorn and task.day_part == DayPart.MORNING
    assert task.note == f"Bericht van de droommakelaar: {BODY}"
    assert mail.outbox == []  # assigned to one broker: the corporation's staff are not all e-mailed
    after = broker_bw.get(response["Location"]).content.decode()
    assert TASK_TEXT in after

    listing = broker_bw.get(reverse("wijk:callbacks"))
    html = listing.content.decode()
    assert task in listing.context["waiting"]
    assert f"Voor: {world.users.broker_bw.get_full_name() or world.users.broker_bw.get_username()}" in html
    assert f'<a href="{case_path}">Naar de droom</a>' in html


def test_the_preview_says_a_call_task_comes_and_creates_nothing(broker_bw, case):
    preview = send(broker_bw, case, step="preview").content.decode()
    assert TASK_TEXT in preview
    assert 'href="tel:+31546123456"' in preview
    assert not CallbackRequest.objects.exists()


def test_an_unowned_dream_gives_the_task_to_the_author(world, broker_bw, dream):
    send(broker_bw, dream)
    assert CallbackRequest.objects.get().assigned_to == world.users.broker_bw


def test_a_second_message_the_same_day_is_added_to_the_same_task(broker_bw, case):
    send(broker_bw, case)
    send(broker_bw, case, body="Nog iets: neem uw tuinhandschoenen mee.")
    task = CallbackRequest.objects.get()
    assert BODY in task.note and "tuinhandschoenen" in task.note


def test_an_email_resident_gets_no_call_task(world, broker_bw, make_dream):
    dream = picked_up(
        make_dream(contact_preference="email", phone="", email="mira@example.test"), world.users.broker_bw
    )
    preview = send(broker_bw, dream, step="preview").content.decode()
    assert "beltaak" not in preview
    send(broker_bw, dream)
    assert not CallbackRequest.objects.exists()


def test_marking_the_task_done_uses_the_existing_view(world, broker_bw, case):
    send(broker_bw, case)
    task = CallbackRequest.objects.get()
    response = broker_bw.post(reverse("wijk:callback_mark", args=[task.uid, "afgehandeld"]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == CallbackStatus.DONE and task.handled_by == world.users.broker_bw
    assert task not in broker_bw.get(reverse("wijk:callbacks")).context["waiting"]


def test_forgetting_the_dream_removes_its_call_task(world, broker_bw, case, make_dream):
    other = make_dream(first_name="Kees", phone="0546 222 333")
    send(broker_bw, case)
    send(broker_bw, other)
    assert CallbackRequest.objects.count() == 2
    report = dream_forget(dream=case, actor=world.users.broker_bw, role="broker", channel=Channel.PHONE)
    assert report.lines["wijk.CallbackRequest"].removed == 1
    assert list(CallbackRequest.objects.values_list("first_name", flat=True)) == ["Kees"]


def test_forgetting_the_resident_removes_the_call_task(world, broker_bw, case):
    send(broker_bw, case)
    resident_erase(resident=case.resident, actor=world.users.broker_bw, role="broker", channel=Channel.PHONE)
    assert not CallbackRequest.objects.exists()
