"""Legal hold: only a superuser sets or lifts it, with a reason, in the admin; each change is logged."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from droomhuis.care.signals import signal_record
from droomhuis.legal_hold import legal_hold_set
from wijk.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def test_superuser_puts_a_dream_on_hold_and_the_log_says_why(world, case):
    assert legal_hold_set(record=case, hold=True, by=world.users.superuser, reason="Klacht bij de ombudsman")
    case.refresh_from_db()
    assert case.legal_hold
    entry = AccessLogEntry.objects.get(
        object_type="droomhuis.dream", object_id=str(case.pk), user=world.users.superuser
    )
    assert entry.resident == case.resident and "Klacht bij de ombudsman" in entry.detail
    assert not legal_hold_set(record=case, hold=True, by=world.users.superuser, reason="nog eens")


def test_nobody_else_and_no_empty_reason(world, case):
    with pytest.raises(ValidationError) as error:
        legal_hold_set(record=case, hold=True, by=world.users.broker_bw, reason="Klacht")
    assert error.value.code == "not_allowed"
    with pytest.raises(ValidationError) as error:
        legal_hold_set(record=case, hold=True, by=world.users.superuser, reason="  ")
    assert error.value.code == "reason_required"
    case.refresh_from_db()
    assert not case.legal_hold


def test_admin_action_asks_a_reason_then_holds_a_signal(world, case, as_persona):
    signal = signal_record(dream=case, actor=world.users.broker_bw, kind="money", description="Post stapelt op")
    client = as_persona("superuser")
    changelist = reverse("admin:droomhuis_signal_changelist")
    form = client.post(changelist, {"action": "legal_hold_on", "_selected_action": [signal.pk]})
    assert form.status_code == 200 and "Waarom?" in form.content.decode()
    signal.refresh_from_db()
    assert not signal.legal_hold
    done = client.post(
        changelist, {"action": "legal_hold_on", "_selected_action": [signal.pk], "apply": "1", "reason": "Rechtszaak"}
    )
    assert done.status_code == 302
    signal.refresh_from_db()
    assert signal.legal_hold
    client.post(
        changelist, {"action": "legal_hold_off", "_selected_action": [signal.pk], "apply": "1", "reason": "Zaak klaar"}
    )
    signal.refresh_from_db()
    assert not signal.legal_hold


def test_superuser_finds_an_open_dream_in_the_admin_moderators_only_realised(world, case, as_persona):
    changelist = reverse("admin:droomhuis_dream_changelist")
    assert case.reference_display in as_persona("superuser").get(changelist).content.decode()
    moderator_page = as_persona("moderator_bw").get(changelist).content.decode()
    assert case.reference_display not in moderator_page and "legal_hold_on" not in moderator_page
