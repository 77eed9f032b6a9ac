"""Staff cancel or change an activity with a confirmation and a reason; everyone who signed up or waits hears
it in their own way (e-mail, letter, or a call task for staff when only a phone number is known)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from parelketting.choices import ActivityStatus
from parelketting.programme.services import signup_create, signup_create_anonymous
from tests.factories import ResidentFactory
from wijk.choices import ContactPreference
from wijk.models import CallbackRequest, Letter

pytestmark = pytest.mark.django_db


def _cancel_url(activity):
    return reverse("parelketting:activity_cancel", kwargs={"uid": activity.uid})


def _staff_url(activity):
    return reverse("werkplek:activity", kwargs={"uid": activity.uid})


@pytest.fixture
def signed_up(world, make_activity, django_capture_on_commit_callbacks):
    """An activity for 2 with four people: e-mail (Ans), letter (Piet), waiting: phone only (Mira), nobody (Kees)."""
    activity = make_activity(title="Samen breien", capacity=2)
    post = ResidentFactory(
        neighbourhood=world.zuidwijk,
        first_name="Piet",
        display_name="Piet de Vries",
        contact_preference=ContactPreference.LETTER,
        postal_address="Spui 12\n3262 AB Oud-Beijerland",
    )
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=world.residents.zuidwijk)
        signup_create(activity=activity, resident=post)
        signup_create_anonymous(activity=activity, name="Mira", contact_preference="phone", phone="0186 123 456")
        signup_create_anonymous(activity=activity, name="Kees")
    mail.outbox.clear()
    Letter.objects.all().delete()
    CallbackRequest.objects.all().delete()
    return activity


def test_the_confirmation_says_who_hears_it_and_how(moderator_hw, signed_up):
    html = moderator_hw.get(_cancel_url(signed_up)).content.decode()
    assert "4 bewoners zijn aangemeld of wachten" in html
    assert "1 krijgt een e-mail" in html and "1 krijgt een brief" in html
    assert "1 wil gebeld worden" in html and "1 kunnen wij niet bereiken" in html
    assert signed_up.status == ActivityStatus.PUBLISHED


def test_cancelling_needs_a_reason(moderator_hw, signed_up):
    response = moderator_hw.post(_cancel_url(signed_up), {"reason": "  "})
    assert response.status_code == 400
    assert "Schrijf kort waarom het niet doorgaat" in response.content.decode()
    signed_up.refresh_from_db()
    assert signed_up.status == ActivityStatus.PUBLISHED and mail.outbox == []


def test_the_reason_reaches_everyone_in_their_own_way(moderator_hw, signed_up, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_hw.post(_cancel_url(signed_up), {"reason": "De zaal is onder water gelopen."}, follow=True)
    assert response.redirect_chain[-1][0] == _staff_url(signed_up)
    html = response.content.decode()
    assert "gaat niet door" in html
    assert "1 e-mail, 1 brief (bij de brieven), 1 belopdracht (bij Terugbellen)" in html
    assert "1 bewoner kunnen wij niet bereiken" in html
    signed_up.refresh_from_db()
    assert signed_up.status == ActivityStatus.CANCELLED
    told = [m for m in mail.outbox if m.subject.startswith("Gaat niet door")]
    assert [m.to for m in told] == [["bewoner@zuidwijk.test"]]
    assert "De zaal is onder water gelopen." in told[0].body
    letter = Letter.objects.get()
    assert letter.reason == "parelketting.activity_cancelled" and "De zaal is onder water gelopen." in letter.body
    call = CallbackRequest.objects.get()
    assert call.first_name == "Mira" and "gaat niet door" in call.note and "onder water" in call.note
    history = signed_up.history.order_by("-history_date").first()
    assert history.history_change_reason == "De zaal is onder water gelopen."


def test_a_cancelled_or_past_activity_cannot_be_cancelled_again(moderator_hw, signed_up, make_activity):
    moderator_hw.post(_cancel_url(signed_up), {"reason": "Ziek"})
    again = moderator_hw.post(_cancel_url(signed_up), {"reason": "Nog eens"}, follow=True)
    assert "Alleen een activiteit die nog komt, kan vervallen." in again.content.decode()
    assert CallbackRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("resident_zuidwijk", 403), ("broker_bw", 403), ("moderator_bw", 404), ("superuser", 302)],
)
def test_only_the_corporations_moderators_may_cancel(as_persona, signed_up, persona, expected):
    response = as_persona(persona).post(_cancel_url(signed_up), {"reason": "Ziek"})
    assert response.status_code == expected
    signed_up.refresh_from_db()
    cancelled = signed_up.status == ActivityStatus.CANCELLED
    assert cancelled == (persona == "superuser")


def test_a_change_is_confirmed_first_and_carries_the_reason(
    moderator_hw, signed_up, django_capture_on_commit_callbacks
):
    start = timezone.localtime(signed_up.starts_at) + timedelta(days=1)
    data = {
        "title": signed_up.title,
        "description": signed_up.description,
        "place": signed_up.place_id,
        "place_text": "",
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": timezone.localtime(signed_up.ends_at).strftime("%H:%M"),
        "capacity": signed_up.capacity,
    }
    url = reverse("parelketting:activity_change", kwargs={"uid": signed_up.uid})
    confirm = moderator_hw.post(url, data)
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "Verandering versturen?" in html and "De tijd:" in html
    assert "1 wil gebeld worden" in html and 'name="confirmed"' in html
    signed_up.refresh_from_db()
    assert timezone.localtime(signed_up.starts_at).date() != start.date() and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        done = moderator_hw.post(url, {**data, "confirmed": "on", "reason": "De zaal is bezet."}, follow=True)
    assert "1 belopdracht" in done.content.decode()
    changed = next(m for m in mail.outbox if m.subject.startswith("Veranderd"))
    assert "De zaal is bezet." in changed.body and "De nieuwe tijd:" in changed.body
    assert "De zaal is bezet." in Letter.objects.get().body
    assert "is veranderd" in CallbackRequest.objects.get().note


def test_a_change_nobody_hears_about_needs_no_confirmation(moderator_hw, make_activity):
    activity = make_activity(title="Samen breien")
    start = timezone.localtime(activity.starts_at)
    data = {
        "title": "Samen breien en haken",
        "description": activity.description,
        "place": activity.place_id,
        "place_text": "",
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": timezone.localtime(activity.ends_at).strftime("%H:%M"),
        "capacity": activity.capacity,
    }
    response = moderator_hw.post(reverse("parelketting:activity_change", kwargs={"uid": activity.uid}), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Samen breien en haken"
