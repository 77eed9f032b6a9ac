"""The Werkplek home: per role what waits, with counts that link to the work; the organisation wall holds for the
counts; the staff menu carries the count; a pinned query count at two data sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parelketting.programme.services import activity_propose
from tests.conftest import session_queries
from tests.droomhuis.conftest import picked_up

from .conftest import acute_referral, add_work

URL = "/werkplek/"


def counts(client):
    response = client.get(URL)
    assert response.status_code == 200
    return {item.key: item.count for group in response.context["groups"] for item in group["items"]}


def test_the_url_is_werkplek():
    assert reverse("werkplek:home") == URL


def test_who_gets_a_werkplek(as_persona, world):
    assert as_persona("anonymous").get(URL)["Location"].startswith("/accounts/login/")
    for persona in ("resident_zuidwijk", "resident_hagedoorn"):
        assert as_persona(persona).get(URL).status_code == 403, persona
    for persona in ("moderator_hw", "moderator_bw", "broker_bw", "expert_bw", "partner_welzijn", "facilitator"):
        assert as_persona(persona).get(URL).status_code == 200, persona
    assert as_persona("anonymous").post(URL).status_code == 405


def test_each_moderator_counts_only_their_own_corporation(as_persona, work):
    hw = counts(as_persona("moderator_hw"))
    bw = counts(as_persona("moderator_bw"))
    # Zuidwijk (HW Wonen): a waiting pearl and a report; Hagedoorn (Beter Wonen): a waiting pearl.
    assert (hw["pearls"], hw["reports"]) == (1, 1)
    assert (bw["pearls"], bw["reports"]) == (1, 0)
    assert hw["callbacks"] == 1 and bw["callbacks"] == 1
    assert hw["letters"] == 0 and bw["letters"] == 1
    assert "dreams_new" not in hw and "dreams_new" not in bw  # moderators are not brokers


def test_moderator_page_says_what_waits_and_links_to_the_queues(as_persona, work):
    html = as_persona("moderator_hw").get(URL).content.decode()
    assert "1 parel wacht op controle" in html
    assert "1 melding over een parel" in html
    assert f'href="{reverse("werkplek:reports")}"' in html
    assert f'href="{reverse("wijk:callbacks")}"' in html


def test_proposed_activities_and_wall_stories_count_for_moderators(as_persona, world):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() + timedelta(days=7)
    activity_propose(
        title="Koffie",
        description="Koffie in het buurthuis.",
        neighbourhood=world.zuidwijk,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=10,
        proposed_by=world.users.resident_zuidwijk,
        organiser_resident=world.residents.zuidwijk,
        place_text="Buurthuis",
    )
    hw = counts(as_persona("moderator_hw"))
    assert hw["activities"] == 1 and counts(as_persona("moderator_bw"))["activities"] == 0
    assert "1 voorgestelde activiteit wacht" in as_persona("moderator_hw").get(URL).content.decode()


def test_broker_sees_new_mine_overdue_and_the_acute_review(as_persona, broker_bw2, world, work, make_dream):
    acute_referral(world, make_dream(text="Gaslucht"))
    broker = counts(as_persona("broker_bw"))
    second = counts(broker_bw2)
    assert broker["dreams_new"] == 1 and broker["dreams_mine"] == 1
    assert broker["reviews"] == 0  # one's own acute referral is reviewed by someone else
    assert second["reviews"] == 1 and second["dreams_mine"] == 0
    html = broker_bw2.get(URL).content.decode()
    assert "1 acute verwijzing wacht op een tweede makelaar" in html
    assert "wp-item--urgent" in html
    assert "1 nieuwe droom is nog niet opgepakt" in html
    assert f'href="{reverse("droomhuis:queue")}?view=new"' in html


def test_partner_and_expert_see_their_own_work(as_persona, world, make_dream):
    from droomhuis.care.referrals import referral_create
    from wijk.choices import DataCategory

    from .conftest import give_referral_consent

    owned = picked_up(make_dream(), world.users.broker_bw)
    give_referral_consent(world, owned, DataCategory.CONTACT)
    referral = referral_create(
        dream=owned, actor=world.users.broker_bw, partner=world.welzijn, categories=["contact"], question="Bellen?"
    )
    assert referral.status == "sent"
    partner = counts(as_persona("partner_welzijn"))
    assert partner == {"to_acknowledge": 1}
    expert = counts(as_persona("expert_bw"))
    assert expert == {"pairings": 0}
    facilitator = as_persona("facilitator").get(URL)
    assert facilitator.context["groups"] == []
    assert "Er wacht nu niets op u." in facilitator.content.decode()


def test_staff_menu_shows_the_count_and_staff_pages_use_it(as_persona, work):
    client = as_persona("moderator_hw")
    queue = client.get(reverse("parelketting:reports")).content.decode()
    # HW Wonen: 1 pearl, 1 report, 1 callback (the letter is Beter Wonen's)
    assert f'href="{URL}"' in queue and 'class="nav-badge">3<' in queue
    assert "Parelkaart" not in queue and "Deel uw droom" not in queue  # the staff menu, not the residents'
    for name in ("wijk:letters", "wijk:callbacks"):
        html = client.get(reverse(name)).content.decode()
        assert f'href="{URL}"' in html and "Parelkaart" not in html, name


def test_residents_menu_has_no_werkplek(as_persona, world):
    html = as_persona("resident_zuidwijk").get("/").content.decode()
    assert f'href="{URL}"' not in html


def test_staff_land_on_the_werkplek_after_login(client, world):
    from tests.factories import RoleFactory, UserFactory
    from wijk.choices import RoleKind

    user = UserFactory(email="nieuw@hw.test")
    user.set_password("een-lang-wachtwoord-1")
    user.save()
    RoleFactory(user=user, organisation=world.hw, kind=RoleKind.MODERATOR)
    response = client.post(reverse("account_login"), {"login": "nieuw@hw.test", "password": "een-lang-wachtwoord-1"})
    assert response.status_code == 302 and response["Location"] == URL


def query_count(client) -> int:
    client.get(URL)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


# User and roles, one query for every count the roles have (before: one per kind of record, 7 to 9 in all; the
# unread notices, and a broker's new signals, are two more counts in it), and the five latest notices ("Berichten
# voor u"); the session on top, unless it lives in the cache (Redis).
PINNED = {"moderator_hw": 4, "moderator_bw": 4, "broker_bw": 4, "partner_welzijn": 4, "superuser": 4}


@pytest.mark.parametrize("persona", sorted(PINNED))
def test_query_count_is_pinned_at_two_data_sizes(as_persona, world, make_dream, persona):
    client = as_persona(persona)
    add_work(world, make_dream, n=1)
    small = query_count(client)
    add_work(world, make_dream, n=15)
    large = query_count(client)
    assert small == large == PINNED[persona] + session_queries()


def test_only_calls_due_today_or_late_count(as_persona, world):
    from datetime import timedelta

    from django.utils import timezone

    from wijk.models.callbacks import CallbackRequest, DayPart
    from wijk.services import callback_request_create

    today = timezone.localdate()
    for n, day in enumerate((today - timedelta(days=2), today, today + timedelta(days=1))):
        call = callback_request_create(neighbourhood=world.zuidwijk, phone=f"0186 77{n}", day_part=DayPart.MORNING)
        CallbackRequest.objects.filter(pk=call.pk).update(call_on=day)
    assert counts(as_persona("moderator_hw"))["callbacks"] == 2
    assert "2 bewoners wachten vandaag op een telefoontje" in as_persona("moderator_hw").get(URL).content.decode()
