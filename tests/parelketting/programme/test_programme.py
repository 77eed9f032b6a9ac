"""The pop-up programme: proposing, publishing, signing up with a waiting list, calendars, reminders, stories."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lib.photos import photo_process
from parelketting.choices import ACTIVITY_TRANSITIONS, ActivityStatus, SignUpStatus
from parelketting.models import Activity, SignUp
from parelketting.programme.services import (
    activity_cancel,
    activity_story_write,
    activity_transition,
    signup_cancel,
    signup_create,
    signup_reminders_send,
)
from tests.conftest import PERSONAS
from tests.images import jpeg_bytes, upload
from wijk.choices import DataCategory, Purpose
from wijk.services import consent_give

pytestmark = pytest.mark.django_db


# --- Workflow ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("start", list(ActivityStatus.values))
@pytest.mark.parametrize("target", list(ActivityStatus.values))
def test_only_transitions_in_the_table_are_allowed(make_activity, world, start, target):
    activity = make_activity(publish=False)
    Activity.objects.filter(pk=activity.pk).update(status=start)
    activity.refresh_from_db()
    if target in ACTIVITY_TRANSITIONS[start]:
        assert activity_transition(activity=activity, to=target, by=world.users.moderator_hw).status == target
    else:
        with pytest.raises(ValidationError):
            activity_transition(activity=activity, to=target, by=world.users.moderator_hw)


def test_proposal_is_not_public_until_published(
    anonymous, resident_zuidwijk, moderator_hw, moderator_bw, make_activity
):
    activity = make_activity(publish=False)
    assert anonymous.get(activity.get_absolute_url()).status_code == 404
    assert moderator_bw.get(activity.get_absolute_url()).status_code == 404
    assert resident_zuidwijk.get(activity.get_absolute_url()).status_code == 200  # the proposer
    assert moderator_hw.get(activity.get_absolute_url()).status_code == 200
    assert activity.title not in anonymous.get(reverse("parelketting:programme")).content.decode()


def test_resident_proposes_through_the_form_and_moderators_get_mail(
    resident_zuidwijk, make_pearl, world, django_capture_on_commit_callbacks
):
    place = make_pearl(title="Pop-up rommelruimte")
    knitter = make_pearl(kind="person", title="Ik leer u breien")
    day = timezone.localdate() + timedelta(days=5)
    data = {
        "title": "Samen breien",
        "description": "Neem wol mee als u die heeft.",
        "neighbourhood": world.zuidwijk.pk,
        "place": place.pk,
        "date": day.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "capacity": "8",
        "themes": [world.themes["ontmoeting"].pk],
        "talent_pearls": [knitter.pk],
    }
    url = reverse("parelketting:activity_propose")
    assert '<div class="honeypot" aria-hidden="true">' in resident_zuidwijk.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = resident_zuidwijk.post(url, data)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.status == ActivityStatus.PROPOSED
    assert activity.organiser_resident == world.residents.zuidwijk
    assert timezone.localtime(activity.starts_at).hour == 14
    assert list(activity.talent_pearls.all()) == [knitter]
    assert mail.outbox and mail.outbox[0].to == ["moderator@hw.test"]
    # The personal pearl shows where that neighbour offers their talent, once published.
    activity_transition(activity=activity, to=ActivityStatus.PUBLISHED, by=world.users.moderator_hw)
    assert "Samen breien" in resident_zuidwijk.get(knitter.get_absolute_url()).content.decode()


def test_proposal_errors_next_to_the_field_and_text_kept(resident_zuidwijk, world):
    data = {
        "title": "Samen breien",
        "description": "Neem wol mee.",
        "neighbourhood": world.zuidwijk.pk,
        "date": (timezone.localdate() + timedelta(days=2)).isoformat(),
        "start_time": "16:00",
        "end_time": "14:00",
        "capacity": "8",
    }
    response = resident_zuidwijk.post(reverse("parelketting:activity_propose"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het einde moet na het begin liggen." in html
    assert "Kies een plek of beschrijf hem." in html
    assert "Neem wol mee." in html
    assert not Activity.objects.exists()


def test_partner_contact_proposes_for_their_partner(partner_welzijn, world):
    data = {
        "title": "Koffie-uurtje",
        "description": "Koffie en een praatje.",
        "neighbourhood": world.hagedoorn.pk,
        "place_text": "Buurthuis",
        "date": (timezone.localdate() + timedelta(days=4)).isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "capacity": "20",
        "organiser_partner": world.welzijn.pk,
    }
    response = partner_welzijn.post(reverse("parelketting:activity_propose"), data)
    assert response.status_code == 302
    assert Activity.objects.get().organiser_partner == world.welzijn


@pytest.mark.parametrize(("persona", "expected"), [("anonymous", 302), ("facilitator", 403), ("broker_bw", 403)])
def test_propose_page_is_for_residents_partners_and_moderators(as_persona, persona, expected):
    assert as_persona(persona).get(reverse("parelketting:activity_propose")).status_code == expected


# --- Signing up ---------------------------------------------------------------------------------------


def test_one_click_sign_up_then_waiting_list_then_promotion(
    make_activity, zuidwijk_residents, world, django_capture_on_commit_callbacks
):
    activity = make_activity(capacity=2)
    a, b, c = zuidwijk_residents(3)
    assert signup_create(activity=activity, resident=a).status == SignUpStatus.CONFIRMED
    assert signup_create(activity=activity, resident=b).status == SignUpStatus.CONFIRMED
    waiting = signup_create(activity=activity, resident=c)
    assert waiting.status == SignUpStatus.WAITING
    assert signup_create(activity=activity, resident=c).pk == waiting.pk  # twice = once
    first = SignUp.objects.get(activity=activity, resident=a)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = signup_cancel(signup=first)
    assert promoted.pk == waiting.pk
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.CONFIRMED and waiting.promoted_at is not None
    assert any("Er is een plaats voor u" in m.subject and m.to == ["buur2@zuidwijk.test"] for m in mail.outbox)
    assert activity.signups.filter(status=SignUpStatus.CONFIRMED).count() == 2


def test_resident_signs_up_by_one_click_on_the_page(resident_zuidwijk, make_activity, world):
    activity = make_activity()
    html = resident_zuidwijk.get(activity.get_absolute_url()).content.decode()
    assert "Ik kom: aanmelden" in html
    response = resident_zuidwijk.post(reverse("parelketting:activity_signup", kwargs={"uid": activity.uid}))
    assert response.status_code == 302
    signup = SignUp.objects.get()
    assert signup.resident == world.residents.zuidwijk and signup.channel == "online" and signup.created_by is None
    html = resident_zuidwijk.get(activity.get_absolute_url()).content.decode()
    assert "U bent aangemeld" in html and "afmelden" in html
    mine = resident_zuidwijk.get(reverse("parelketting:mine")).content.decode()
    assert "Hier doet u aan mee" in mine and activity.title in mine
    resident_zuidwijk.post(reverse("parelketting:activity_signup_cancel", kwargs={"uid": activity.uid}))
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CANCELLED


def test_resident_of_another_neighbourhood_cannot_sign_up(resident_hagedoorn, make_activity):
    activity = make_activity()
    assert "andere wijk" in resident_hagedoorn.get(activity.get_absolute_url()).content.decode()
    resident_hagedoorn.post(reverse("parelketting:activity_signup", kwargs={"uid": activity.uid}))
    assert not SignUp.objects.exists()


def test_staff_sign_up_a_resident_who_phoned(moderator_hw, moderator_bw, make_activity, zuidwijk_residents, world):
    activity = make_activity()
    (caller,) = zuidwijk_residents(1)
    url = reverse("parelketting:activity_on_behalf", kwargs={"uid": activity.uid})
    assert moderator_bw.get(url).status_code == 403
    response = moderator_hw.post(url, {"resident": caller.pk, "channel": "phone"})
    assert response.status_code == 302
    signup = SignUp.objects.get()
    assert signup.resident == caller and signup.channel == "phone" and signup.created_by == world.users.moderator_hw


def test_on_behalf_without_channel_is_refused(make_activity, zuidwijk_residents, world):
    activity = make_activity()
    (caller,) = zuidwijk_residents(1)
    with pytest.raises(ValidationError):
        signup_create(activity=activity, resident=caller, by=world.users.moderator_hw, channel="online")


def test_organiser_sees_names_only_with_consent(resident_zuidwijk, anonymous, make_activity, zuidwijk_residents, world):
    activity = make_activity()
    named, unnamed = zuidwijk_residents(2)
    consent_give(
        resident=named,
        category=DataCategory.FIRST_NAME,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method="online",
    )
    signup_create(activity=activity, resident=named)
    signup_create(activity=activity, resident=unnamed)
    html = resident_zuidwijk.get(activity.get_absolute_url()).content.decode()  # Ans organises it
    assert "Wie komen er" in html
    assert "Buur0" in html and "Buur1" not in html and "een buurtbewoner" in html
    assert "Wie komen er" not in anonymous.get(activity.get_absolute_url()).content.decode()


def test_cancelled_activity_mails_everyone_signed_up(
    make_activity, zuidwijk_residents, world, django_capture_on_commit_callbacks
):
    activity = make_activity(capacity=1)
    a, b = zuidwijk_residents(2)
    signup_create(activity=activity, resident=a)
    signup_create(activity=activity, resident=b)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        activity_cancel(activity=activity, by=world.users.moderator_hw)
    # One e-mail each, in each resident's own language: nobody sees the other addresses.
    assert sorted(message.to[0] for message in mail.outbox) == ["buur0@zuidwijk.test", "buur1@zuidwijk.test"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    with pytest.raises(ValidationError):
        signup_create(activity=Activity.objects.get(pk=activity.pk), resident=world.residents.zuidwijk)


def test_reminder_the_day_before_once(make_activity, zuidwijk_residents):
    tomorrow = make_activity(title="Morgen", days=1)
    later = make_activity(title="Later", days=5)
    a, b = zuidwijk_residents(2)
    signup_create(activity=tomorrow, resident=a)
    signup_create(activity=later, resident=b)
    mail.outbox.clear()
    now = tomorrow.starts_at - timedelta(days=1)
    assert signup_reminders_send(now=now) == 1
    assert mail.outbox[0].to == ["buur0@zuidwijk.test"] and "Morgen" in mail.outbox[0].subject
    assert signup_reminders_send(now=now) == 0


def test_reminder_command_runs(make_activity, capsys):
    call_command("parelketting_reminders")
    assert "herinneringen verstuurd" in capsys.readouterr().out


# --- Calendars ----------------------------------------------------------------------------------------


def test_programme_ics_parses_back_with_all_upcoming_published(anonymous, make_activity):
    first = make_activity(title="Samen breien", days=2)
    second = make_activity(title="Fietsen maken", days=9)
    make_activity(title="Nog een voorstel", publish=False)
    response = anonymous.get(reverse("parelketting:programme_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Samen breien", "Fietsen maken"]
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    event = events[0]
    assert str(event["UID"]) == f"activiteit-{first.uid}@parelketting.wijkportaal"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["DTSTART"].dt == first.starts_at
    assert event["DTEND"].dt == first.ends_at
    assert str(event["LOCATION"]) == "Pop-up rommelruimte"
    assert second.get_absolute_url() in str(events[1]["URL"])


def test_one_activity_ics_with_a_stable_uid(anonymous, make_activity):
    activity = make_activity()
    url = reverse("parelketting:activity_ics", kwargs={"uid": activity.uid})
    uids = [str(Calendar.from_ical(anonymous.get(url).content).walk("VEVENT")[0]["UID"]) for _ in range(2)]
    assert uids[0] == uids[1]
    proposal = make_activity(title="Voorstel", publish=False)
    assert anonymous.get(reverse("parelketting:activity_ics", kwargs={"uid": proposal.uid})).status_code == 404


# --- The programme page -------------------------------------------------------------------------------


def test_programme_groups_this_week_and_coming_weeks_and_filters_by_theme(anonymous, make_activity, world):
    make_activity(title="Samen breien", days=0, hours=1, themes=[world.themes["ontmoeting"]])
    make_activity(title="Moestuin", days=15, themes=[world.themes["groen"]])
    html = anonymous.get(reverse("parelketting:programme")).content.decode()
    assert "Deze week" in html and "Week van maandag" in html
    assert html.index("Samen breien") < html.index("Moestuin")
    filtered = anonymous.get(reverse("parelketting:programme"), {"thema": "groen"}).content.decode()
    assert "Moestuin" in filtered and "Samen breien" not in filtered


@pytest.mark.parametrize(
    "persona",
    [
        "anonymous",
        "resident_zuidwijk",
        "resident_hagedoorn",
        "moderator_bw",
        "partner_welzijn",
        "facilitator",
        "superuser",
    ],
)
def test_programme_and_published_activity_are_public(as_persona, make_activity, persona):
    activity = make_activity()
    client = as_persona(persona)
    assert client.get(reverse("parelketting:programme")).status_code == 200
    assert client.get(activity.get_absolute_url()).status_code == 200


def test_programme_query_count_is_pinned(anonymous, make_activity, make_pearl, world, zuidwijk_residents):
    """Same number of queries for 3 and 30 activities; our own share pinned (other apps' menu aside)."""
    place = make_pearl(title="Pop-up rommelruimte")
    residents = zuidwijk_residents(2)
    counts = []
    for n in (3, 27):
        for i in range(n):
            activity = make_activity(
                title=f"Activiteit {n}-{i}", days=1 + i % 20, place=place, themes=[world.themes["groen"]]
            )
            signup_create(activity=activity, resident=residents[i % 2])
        cache.clear()  # both counts render the page with every cached part empty
        with CaptureQueriesContext(connection) as ctx:
            response = anonymous.get(reverse("parelketting:programme"))
        assert response.status_code == 200
        own = [q for q in ctx.captured_queries if "parelketting_" in q["sql"] or "wijk_" in q["sql"]]
        # activities, themes, the first activity after these weeks, past stories, theme filter
        assert len(own) == 5, [q["sql"][:120] for q in own]
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# --- After the activity -------------------------------------------------------------------------------


def test_story_with_a_clean_photo_after_the_activity(resident_zuidwijk, anonymous, make_activity, world):
    from tests.images import gps_exif

    activity = make_activity(days=-1)
    url = reverse("parelketting:activity_story", kwargs={"uid": activity.uid})
    assert anonymous.get(url).status_code == 302
    photo = upload(jpeg_bytes(exif=gps_exif()))
    response = resident_zuidwijk.post(
        url, {"story": "Twaalf buren breiden mee.", "photo": photo, "photo_description": "Bolletjes wol op tafel"}
    )
    assert response.status_code == 302
    html = anonymous.get(activity.get_absolute_url()).content.decode()
    assert "Zo ging het" in html and "Twaalf buren breiden mee." in html and 'alt="Bolletjes wol op tafel"' in html
    assert "Twaalf buren breiden mee." in anonymous.get(reverse("parelketting:programme")).content.decode()
    stored = activity.photos.get()
    data = anonymous.get(reverse("parelketting:activity_photo", kwargs={"uid": activity.uid, "photo_uid": stored.uid}))
    body = b"".join(data.streaming_content)
    assert body[:2] == b"\xff\xd8" and b"PhoneMaker" not in body and b"Exif" not in body


def test_story_only_after_the_activity_and_only_by_organiser_or_moderator(as_persona, make_activity, world):
    future = make_activity(days=2)
    with pytest.raises(ValidationError):
        activity_story_write(activity=future, story="Te vroeg", photos=[], by=world.users.moderator_hw)
    past = make_activity(title="Gisteren", days=-1)
    url = reverse("parelketting:activity_story", kwargs={"uid": past.uid})
    assert as_persona("resident_hagedoorn").get(url).status_code == 404
    assert as_persona("moderator_bw").get(url).status_code == 404
    assert as_persona("moderator_hw").get(url).status_code == 200


def test_story_refuses_a_bad_photo_with_the_text_kept(resident_zuidwijk, make_activity):
    activity = make_activity(days=-1)
    url = reverse("parelketting:activity_story", kwargs={"uid": activity.uid})
    response = resident_zuidwijk.post(url, {"story": "Gezellig.", "photo": upload(b"<svg></svg>", name="x.jpg")})
    html = response.content.decode()
    assert response.status_code == 200 and "SVG" in html and "Gezellig." in html
    assert not activity.photos.exists()
    assert photo_process  # the same shared photo pipeline as pearls


# --- Every persona --------------------------------------------------------------------------------------

# persona -> (sees attendees, on-behalf page, story page of a past activity)
EXPECTED = {
    "anonymous": (False, 302, 302),
    "resident_zuidwijk": (True, 403, 200),  # Ans organises it
    "resident_hagedoorn": (False, 403, 404),
    "moderator_hw": (True, 200, 200),
    "moderator_bw": (False, 403, 404),
    "broker_bw": (False, 403, 404),
    "expert_bw": (False, 403, 404),
    "partner_welzijn": (False, 403, 404),
    "facilitator": (False, 403, 404),
    "superuser": (True, 200, 200),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_activity_permissions_for_every_persona(as_persona, make_activity, persona):
    upcoming = make_activity(title="Straks")
    past = make_activity(title="Gisteren", days=-1)
    sees_attendees, on_behalf, story = EXPECTED[persona]
    client = as_persona(persona)
    html = client.get(upcoming.get_absolute_url()).content.decode()
    assert ("Wie komen er" in html) is sees_attendees
    assert client.get(reverse("parelketting:activity_on_behalf", kwargs={"uid": upcoming.uid})).status_code == on_behalf
    assert client.get(reverse("parelketting:activity_story", kwargs={"uid": past.uid})).status_code == story


def test_partner_contact_sees_who_comes_to_their_partner_activity(partner_welzijn, make_activity, world):
    activity = make_activity(organiser_resident=None, organiser_partner=world.welzijn)
    assert "Wie komen er" in partner_welzijn.get(activity.get_absolute_url()).content.decode()


def test_moderator_publishes_a_proposal_in_the_admin_walled_per_corporation(
    moderator_hw, moderator_bw, make_activity, world
):
    activity = make_activity(publish=False)
    changelist = reverse("admin:parelketting_activity_changelist")
    assert activity.title not in moderator_bw.get(changelist).content.decode()
    assert activity.title in moderator_hw.get(changelist).content.decode()
    change = moderator_hw.get(reverse("admin:parelketting_activity_change", args=[activity.pk]))
    assert change.status_code == 200 and 'type="datetime-local"' in change.content.decode()
    response = moderator_hw.post(changelist, {"action": "publish_selected", "_selected_action": [activity.pk]})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PUBLISHED
    assert activity.history.first().history_user == world.users.moderator_hw


def test_admin_leaves_time_and_place_of_a_published_activity_to_the_change_page(moderator_hw, make_activity):
    """In the admin nobody would be told; the change page tells everyone who signed up."""
    activity = make_activity()
    url = reverse("admin:parelketting_activity_change", args=[activity.pk])
    html = moderator_hw.get(url).content.decode()
    assert reverse("parelketting:activity_change", args=[activity.uid]) in html
    assert 'name="starts_at"' not in html and 'name="title"' not in html
    assert 'name="themes"' in html


def test_admin_still_edits_a_proposal_freely(moderator_hw, make_activity):
    activity = make_activity(publish=False)
    html = moderator_hw.get(reverse("admin:parelketting_activity_change", args=[activity.pk])).content.decode()
    assert 'name="starts_at"' in html and 'name="title"' in html
    assert reverse("parelketting:activity_change", args=[activity.uid]) not in html


def test_the_programme_shows_four_weeks_and_the_way_to_the_next_activity(anonymous, make_activity):
    """Four weeks at a time; "Verder" jumps to the week of the next activity (empty weeks skipped) and back."""
    make_activity(title="Koffie deze week", days=1)
    later = make_activity(title="Breien over zes weken", days=42)
    html = anonymous.get(reverse("parelketting:programme")).content.decode()
    assert "Koffie deze week" in html and "Breien over zes weken" not in html
    start = timezone.localdate(later.starts_at)
    monday = start - timedelta(days=start.weekday())
    assert f"?vanaf={monday:%Y-%m-%d}" in html and "Verder: week van maandag" in html
    html = anonymous.get(reverse("parelketting:programme"), {"vanaf": f"{monday:%Y-%m-%d}"}).content.decode()
    assert "Breien over zes weken" in html and "Koffie deze week" not in html
    assert "Terug naar deze week" in html and "Verder: week van maandag" not in html


@pytest.mark.parametrize("vanaf", ["gisteren", "2001-01-01", "2999-01-01", ""])
def test_a_strange_first_week_shows_this_week(anonymous, make_activity, vanaf):
    make_activity(title="Koffie deze week", days=1)
    response = anonymous.get(reverse("parelketting:programme"), {"vanaf": vanaf})
    assert response.status_code == 200 and "Koffie deze week" in response.content.decode()
