"""The staff page to change an activity: only moderators of the activity's corporation; others 403 or 404."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from parelketting.programme.services import activity_cancel, signup_create
from tests.factories import ResidentFactory
from wijk.choices import ContactPreference
from wijk.models import Letter

pytestmark = pytest.mark.django_db


def _url(activity):
    return reverse("parelketting:activity_change", kwargs={"uid": activity.uid})


def _form_data(activity, **overrides):
    start = timezone.localtime(activity.starts_at)
    end = timezone.localtime(activity.ends_at)
    data = {
        "title": activity.title,
        "description": activity.description,
        "place": activity.place_id or "",
        "place_text": activity.place_text,
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": end.strftime("%H:%M"),
        "capacity": activity.capacity,
        "confirmed": "on",  # past the confirmation step (tested on its own below)
    }
    data.update(overrides)
    return data


def test_the_moderator_sees_the_form_filled_in(moderator_hw, make_activity):
    activity = make_activity(title="Samen breien")
    page = moderator_hw.get(_url(activity))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="Samen breien"' in html and "Veranderingen opslaan" in html
    # Date and time inputs need ISO values, whatever the language of the page.
    start = timezone.localtime(activity.starts_at)
    assert f'value="{start.date().isoformat()}"' in html and f'value="{start:%H:%M}"' in html
    detail = moderator_hw.get(activity.get_absolute_url()).content.decode()
    staff_page = reverse("werkplek:activity", kwargs={"uid": activity.uid})
    assert staff_page in detail
    assert _url(activity) in moderator_hw.get(staff_page).content.decode()


def test_a_new_time_is_saved_and_the_signed_up_hear_it(
    world, moderator_hw, make_activity, django_capture_on_commit_callbacks
):
    activity = make_activity(title="Samen breien")
    resident = world.residents.zuidwijk
    resident.contact_preference = ContactPreference.LETTER
    resident.postal_address = "Spui 12\n3262 AB Oud-Beijerland"
    resident.save()
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=resident)
    Letter.objects.all().delete()
    new_day = (timezone.localtime(activity.starts_at) + timedelta(days=1)).date().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_hw.post(_url(activity), _form_data(activity, date=new_day), follow=True)
    assert response.redirect_chain[-1][0] == reverse("werkplek:activity", kwargs={"uid": activity.uid})
    assert "Bericht gaat naar: 1 brief (bij de brieven)." in response.content.decode()
    activity.refresh_from_db()
    assert timezone.localtime(activity.starts_at).date().isoformat() == new_day
    assert Letter.objects.get().reason == "parelketting.activity_changed"


def test_saving_without_changes_says_so(moderator_hw, make_activity, django_capture_on_commit_callbacks):
    activity = make_activity()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_hw.post(_url(activity), _form_data(activity), follow=True)
    assert "Er is niets veranderd." in response.content.decode()
    assert mail.outbox == []


def test_errors_stay_next_to_the_field(moderator_hw, make_activity):
    activity = make_activity()
    start = timezone.localtime(activity.starts_at)
    earlier = (start - timedelta(hours=1)).strftime("%H:%M")
    response = moderator_hw.post(_url(activity), _form_data(activity, end_time=earlier, title=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het einde moet na het begin liggen." in html and 'aria-invalid="true"' in html
    activity.refresh_from_db()
    assert activity.title == "Samen breien"


def _late_evening(activity, *, start="21:00", end="01:00"):
    """Move ``activity`` (in the database only) to start at ``start`` and end at ``end`` the next day."""
    day = timezone.localtime(activity.starts_at).date()
    tz = timezone.get_current_timezone()
    activity.starts_at = timezone.make_aware(datetime.combine(day, time.fromisoformat(start)), tz)
    activity.ends_at = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.fromisoformat(end)), tz)
    activity.save(update_fields=["starts_at", "ends_at"])
    return activity


def test_an_activity_past_midnight_shows_its_end_day_and_keeps_it(moderator_hw, make_activity):
    activity = _late_evening(make_activity(title="Nieuwjaarsborrel"))
    ends = timezone.localtime(activity.ends_at)
    html = moderator_hw.get(_url(activity)).content.decode()
    assert f'name="end_date" value="{ends.date().isoformat()}"' in html
    data = _form_data(activity, title="Nieuwjaarsborrel in de tuin", end_date=ends.date().isoformat())
    response = moderator_hw.post(_url(activity), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Nieuwjaarsborrel in de tuin" and timezone.localtime(activity.ends_at) == ends


def test_an_end_day_is_only_asked_when_it_differs(moderator_hw, make_activity):
    activity = make_activity()
    html = moderator_hw.get(_url(activity)).content.decode()
    assert 'name="end_date"' in html and 'name="end_date" value=' not in html
    evening = _form_data(activity, start_time="21:00", end_time="01:00")
    response = moderator_hw.post(_url(activity), evening)
    assert response.status_code == 200 and "Het einde moet na het begin liggen." in response.content.decode()
    next_day = (timezone.localtime(activity.starts_at).date() + timedelta(days=1)).isoformat()
    assert moderator_hw.post(_url(activity), {**evening, "end_date": next_day}).status_code == 302
    activity.refresh_from_db()
    assert timezone.localtime(activity.ends_at).strftime("%Y-%m-%d %H:%M") == f"{next_day} 01:00"


def test_fewer_places_than_signed_up_shows_the_service_error(world, moderator_hw, make_activity):
    activity = make_activity(capacity=3)
    for n in range(2):
        signup_create(activity=activity, resident=ResidentFactory(neighbourhood=world.zuidwijk, first_name=f"B{n}"))
    response = moderator_hw.post(_url(activity), _form_data(activity, capacity=1))
    assert response.status_code == 200
    assert "Er zijn al 2 mensen aangemeld. Kies minstens zoveel plaatsen." in response.content.decode()
    activity.refresh_from_db()
    assert activity.capacity == 3


def test_a_cancelled_activity_goes_back_to_its_page(world, moderator_hw, make_activity):
    activity = make_activity()
    activity_cancel(activity=activity, by=world.users.moderator_hw)
    response = moderator_hw.get(_url(activity))
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()


def test_the_other_corporations_moderator_gets_404(moderator_bw, make_activity):
    activity = make_activity()
    assert moderator_bw.get(_url(activity)).status_code == 404
    assert moderator_bw.post(_url(activity), _form_data(activity, title="Gekaapt")).status_code == 404
    activity.refresh_from_db()
    assert activity.title == "Samen breien"


@pytest.mark.parametrize("persona", ["resident_zuidwijk", "broker_bw", "partner_welzijn"])
def test_people_without_the_moderator_role_get_403(as_persona, make_activity, persona):
    activity = make_activity()
    client = as_persona(persona)
    assert client.get(_url(activity)).status_code == 403
    assert client.post(_url(activity), _form_data(activity, title="Gekaapt")).status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Samen breien"


def test_anonymous_visitors_go_to_login(anonymous, make_activity):
    response = anonymous.get(_url(make_activity()))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_activity_is_404(moderator_hw):
    url = reverse("parelketting:activity_change", kwargs={"uid": "00000000-0000-0000-0000-000000000000"})
    assert moderator_hw.get(url).status_code == 404
