"""What staff see of an activity: sign-ups and the waiting list with names and how to reach them (Werkplek and
admin), the programme with its counts, the tools linked from the Werkplek, and the archive of what has been."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parelketting.models import Activity
from parelketting.programme.services import signup_create, signup_create_anonymous
from tests.conftest import session_queries, warm_queries
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _staff_url(activity):
    return reverse("werkplek:activity", kwargs={"uid": activity.uid})


def _fill(activity, first, last):
    for i in range(first, last):
        signup_create_anonymous(
            activity=activity, name=f"Buur {i}", contact_preference="phone", phone=f"0186 55{i:04d}"
        )


def test_staff_see_who_comes_and_who_waits_with_how_to_reach_them(moderator_hw, world, make_activity):
    activity = make_activity(capacity=1)
    signup_create(activity=activity, resident=world.residents.zuidwijk)
    signup_create_anonymous(activity=activity, name="Mira Yilmaz", contact_preference="phone", phone="0186 123 456")
    html = moderator_hw.get(_staff_url(activity)).content.decode()
    assert "Aangemeld (1)" in html and "Wachtlijst (1)" in html
    assert "mailto:bewoner@zuidwijk.test" in html and "Hoort nieuws per e-mail" in html
    assert "Mira Yilmaz" in html and 'href="tel:+31186123456"' in html and "Wil gebeld worden" in html
    assert "1 van 1 bezet, 1 op de wachtlijst" in html
    for name in ("activity_cancel", "activity_change", "activity_on_behalf", "paper_signup_entry"):
        assert reverse(f"parelketting:{name}", kwargs={"uid": activity.uid}) in html


@pytest.mark.parametrize(
    ("persona", "expected"), [("moderator_bw", 404), ("broker_bw", 403), ("resident_zuidwijk", 403)]
)
def test_nobody_else_sees_the_sign_ups(as_persona, world, make_activity, persona, expected):
    activity = make_activity()
    signup_create_anonymous(activity=activity, name="Mira Yilmaz", contact_preference="phone", phone="0186 123 456")
    response = as_persona(persona).get(_staff_url(activity))
    assert response.status_code == expected and "0186 123 456" not in response.content.decode()


def test_the_staff_activity_page_costs_the_same_queries_for_3_or_40_sign_ups(moderator_hw, make_activity):
    activity = make_activity(capacity=10)
    _fill(activity, 0, 3)
    small, _page = warm_queries(moderator_hw, _staff_url(activity))
    _fill(activity, 3, 40)
    # user, roles, the activity, the standard replies, the next proposal, the history, the sign-ups
    assert warm_queries(moderator_hw, _staff_url(activity))[0] == small == 7 + session_queries()


def test_the_activities_page_lists_the_programme_with_counts_at_the_same_cost(moderator_hw, world, make_activity):
    url = reverse("werkplek:activities")
    first = make_activity(title="Samen breien", capacity=1)
    _fill(first, 0, 2)
    small, _page = warm_queries(moderator_hw, url)
    for i in range(8):
        _fill(make_activity(title=f"Koffie {i}", days=4 + i), 10 * i + 10, 10 * i + 13)
    assert warm_queries(moderator_hw, url)[0] == small
    html = moderator_hw.get(url).content.decode()
    assert "1 van 1 plaatsen bezet · 1 op de wachtlijst" in html and "Koffie 7" in html
    for name in ("parelketting:poster", "parelketting:paper_signup_blank", "wijk:letters", "wijk:kiosk_start"):
        assert reverse(name) in html


def test_the_werkplek_links_the_programme_tools_for_moderators_only(moderator_hw, broker_bw):
    home = reverse("werkplek:home")
    assert reverse("parelketting:poster") in moderator_hw.get(home).content.decode()
    assert reverse("parelketting:poster") not in broker_bw.get(home).content.decode()


def test_past_activities_leave_the_programme_for_the_archive(client, moderator_hw, make_activity):
    past = make_activity(title="Oude koffieochtend")
    Activity.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3, hours=-2)
    )
    coming = make_activity(title="Nieuwe koffieochtend")
    programme = client.get(reverse("parelketting:programme")).content.decode()
    assert "Nieuwe koffieochtend" in programme and "Oude koffieochtend" not in programme
    archive = client.get(reverse("parelketting:programme_archive")).content.decode()
    assert "Oude koffieochtend" in archive and coming.title not in archive
    detail = client.get(past.get_absolute_url()).content.decode()
    assert "Deze activiteit is voorbij." in detail
    staff = moderator_hw.get(_staff_url(past)).content.decode()
    assert "Voorbij" in staff and "In het programma" not in staff.split("<h2")[0]
    assert reverse("parelketting:activity_cancel", kwargs={"uid": past.uid}) not in staff


def test_the_archive_pages_through_at_the_same_cost(client, make_activity):
    for i in range(3):
        Activity.objects.filter(pk=make_activity(title=f"Voorbij {i}").pk).update(
            starts_at=timezone.now() - timedelta(days=10 + i), ends_at=timezone.now() - timedelta(days=10 + i, hours=-1)
        )
    url = reverse("parelketting:programme_archive")
    small, _page = warm_queries(client, url)
    for i in range(3, 40):
        Activity.objects.filter(pk=make_activity(title=f"Voorbij {i}").pk).update(
            starts_at=timezone.now() - timedelta(days=10 + i), ends_at=timezone.now() - timedelta(days=10 + i, hours=-1)
        )
    assert warm_queries(client, url)[0] == small
    assert "Pagina 1 van 2" in client.get(url).content.decode()
    assert client.get(url, {"pagina": "99"}).status_code == 200


def test_the_admin_shows_the_sign_ups_with_how_to_reach_them(world, make_activity, as_persona):
    activity = make_activity(capacity=1)
    piet = ResidentFactory(neighbourhood=world.zuidwijk, first_name="Piet", display_name="Piet", phone="0186 999 999")
    signup_create(activity=activity, resident=world.residents.zuidwijk)
    signup_create(activity=activity, resident=piet, by=world.users.moderator_hw, channel="phone")
    html = as_persona("moderator_hw").get(reverse("admin:parelketting_activity_change", args=[activity.pk]))
    html = html.content.decode()
    assert "bewoner@zuidwijk.test" in html and "0186 999 999" in html and "Op de wachtlijst" in html


def test_the_organiser_is_found_by_name_within_the_own_corporation(world, make_activity, as_persona):
    activity = make_activity()
    moderator = as_persona("moderator_hw")
    page = moderator.get(reverse("admin:parelketting_activity_change", args=[activity.pk])).content.decode()
    assert "admin-autocomplete" in page and 'name="organiser_resident"' in page
    search = {"app_label": "parelketting", "model_name": "activity", "field_name": "organiser_resident"}
    found = moderator.get(reverse("admin:autocomplete"), {**search, "term": "Ans"}).json()
    assert [row["text"] for row in found["results"]] == ["Buurvrouw Ans"]
    other = moderator.get(reverse("admin:autocomplete"), {**search, "term": "Henk"}).json()
    assert other["results"] == []
