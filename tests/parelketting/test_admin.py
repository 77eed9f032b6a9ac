"""Moderation in the admin: HW Wonen's moderator works the Zuidwijk queue; Beter Wonen's sees none of it."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from parelketting.choices import PearlStatus
from parelketting.models import Pearl

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:parelketting_pearl_changelist"


def test_queue_opens_on_waiting_pearls_of_own_corporation(moderator_hw, make_pearl, world):
    make_pearl(status=PearlStatus.SUBMITTED, title="Wacht in Zuidwijk")
    make_pearl(title="Al geplaatst")
    make_pearl(status=PearlStatus.SUBMITTED, title="Wacht in Hagedoorn", neighbourhood=world.hagedoorn)
    html = moderator_hw.get(reverse(CHANGELIST)).content.decode()
    assert "Wacht in Zuidwijk" in html
    assert "Al geplaatst" not in html
    assert "Wacht in Hagedoorn" not in html
    html = moderator_hw.get(reverse(CHANGELIST), {"status": "all"}).content.decode()
    assert "Al geplaatst" in html and "Wacht in Hagedoorn" not in html


def test_other_corporation_sees_nothing(moderator_bw, make_pearl):
    pearl = make_pearl(status=PearlStatus.SUBMITTED, title="Wacht in Zuidwijk")
    assert "Wacht in Zuidwijk" not in moderator_bw.get(reverse(CHANGELIST), {"status": "all"}).content.decode()
    change = reverse("admin:parelketting_pearl_change", args=[pearl.pk])
    assert moderator_bw.get(change).status_code in (302, 404)
    response = moderator_bw.post(reverse(CHANGELIST), {"action": "publish_selected", ACTION_CHECKBOX_NAME: [pearl.pk]})
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.SUBMITTED
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("persona", ["resident_zuidwijk", "broker_bw", "facilitator"])
def test_non_moderators_have_no_admin_queue(as_persona, persona):
    response = as_persona(persona).get(reverse(CHANGELIST))
    assert response.status_code in (302, 403, 404)


def test_bulk_publish(moderator_hw, make_pearl, django_capture_on_commit_callbacks):
    pearls = [make_pearl(status=PearlStatus.SUBMITTED, title=f"Parel {i}") for i in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_hw.post(
            reverse(CHANGELIST), {"action": "publish_selected", ACTION_CHECKBOX_NAME: [p.pk for p in pearls]}
        )
    assert response.status_code == 302
    assert Pearl.objects.published().count() == 3
    assert len(mail.outbox) == 3
    history = pearls[0].history.order_by("-history_date").first()
    assert history.history_user.email == "moderator@hw.test"


def test_bulk_reject_asks_for_a_reason_first(moderator_hw, make_pearl, django_capture_on_commit_callbacks):
    pearls = [make_pearl(status=PearlStatus.SUBMITTED, title=f"Parel {i}") for i in range(2)]
    ids = [p.pk for p in pearls]
    response = moderator_hw.post(reverse(CHANGELIST), {"action": "reject_selected", ACTION_CHECKBOX_NAME: ids})
    assert response.status_code == 200
    assert "schrijf de reden" in response.content.decode()
    response = moderator_hw.post(
        reverse(CHANGELIST), {"action": "reject_selected", ACTION_CHECKBOX_NAME: ids, "apply": "1", "message": ""}
    )
    assert response.status_code == 200
    assert Pearl.objects.filter(status=PearlStatus.REJECTED).count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_hw.post(
            reverse(CHANGELIST),
            {"action": "reject_selected", ACTION_CHECKBOX_NAME: ids, "apply": "1", "message": "Dit is een eigen tuin."},
        )
    assert response.status_code == 302
    assert set(Pearl.objects.values_list("status", "moderator_message")) == {
        (PearlStatus.REJECTED, "Dit is een eigen tuin.")
    }
    assert all("Dit is een eigen tuin." in m.body for m in mail.outbox)


def test_return_with_question(moderator_hw, make_pearl):
    pearl = make_pearl(status=PearlStatus.SUBMITTED)
    moderator_hw.post(
        reverse(CHANGELIST),
        {"action": "return_selected", ACTION_CHECKBOX_NAME: [pearl.pk], "apply": "1", "message": "Welke bank?"},
    )
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.RETURNED and pearl.moderator_message == "Welke bank?"


def test_photo_removal_and_history_page(moderator_hw, make_pearl):
    pearl = make_pearl(photo=True)
    moderator_hw.post(
        reverse(CHANGELIST) + "?status=published",
        {"action": "remove_photo_selected", ACTION_CHECKBOX_NAME: [pearl.pk]},
    )
    pearl.refresh_from_db()
    assert not pearl.photo
    history = moderator_hw.get(reverse("admin:parelketting_pearl_history", args=[pearl.pk]))
    assert history.status_code == 200
    assert "photo removed" in history.content.decode()


def test_change_page_for_own_moderator(moderator_hw, make_pearl):
    pearl = make_pearl(status=PearlStatus.SUBMITTED, photo=True)
    response = moderator_hw.get(reverse("admin:parelketting_pearl_change", args=[pearl.pk]))
    assert response.status_code == 200
    assert reverse("parelketting:thumbnail", kwargs={"uid": pearl.uid}) in response.content.decode()
