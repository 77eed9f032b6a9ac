"""A team lead (a role per corporation) covers an absent colleague: sees the corporation's brokers' open cases and
hands one case, or all open cases of one broker, to another broker of the same corporation, with a reason. The
service writes the history ("Overgedragen van A aan B door C: reden") and the access-log row as team lead, and the
new owner gets a notice. A team lead of one corporation never sees or moves the other's cases."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from droomhuis import services
from droomhuis.models import Dream, EventKind
from tests.factories import RoleFactory, UserFactory
from wijk.choices import RoleKind
from wijk.models import AccessLogEntry, NoticeKind, StaffNotice

from .conftest import picked_up

pytestmark = pytest.mark.django_db
TEAM = "/droomhuis/teamleider/"


def team_lead(organisation, email, name):
    user = UserFactory(email=email, name=name)
    RoleFactory(user=user, organisation=organisation, kind=RoleKind.TEAM_LEAD)
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lead_bw(world):
    return team_lead(world.bw, "teamleider@bw.test", "Teamleider Beter Wonen")


@pytest.fixture
def lead_hw(world):
    return team_lead(world.hw, "teamleider@hw.test", "Teamleider HW")


@pytest.fixture
def absent(world, make_dream):
    """Two open cases and one closed case of broker_bw, who is ill."""
    broker = world.users.broker_bw
    dreams = [picked_up(make_dream(text=f"Droom {i}"), broker) for i in range(3)]
    closed = dreams[2]
    services.dream_transition(
        dream=closed, to_status="not_feasible", actor=broker, expected_version=closed.version, reason="Verhuisd"
    )
    return dreams


def name(user):
    return user.name or user.email


def test_the_urls():
    assert reverse("droomhuis:team") == TEAM
    assert reverse("droomhuis:team_reassign_all") == TEAM + "alles-overdragen/"
    assert reverse("droomhuis:team_case", args=["ABCDEFGH"]) == TEAM + "droom/ABCDEFGH/"


def test_the_team_page_lists_each_brokers_open_cases(world, absent, lead_bw, broker_bw2_user):
    html = client_for(lead_bw).get(TEAM).content.decode()
    assert name(world.users.broker_bw) in html and "Tweede Makelaar" in html
    assert "2 open dromen" in html and "0 open dromen" in html  # the closed case is not listed
    for dream in absent[:2]:
        assert reverse("droomhuis:team_case", args=[dream.reference]) in html
    assert reverse("droomhuis:team_case", args=[absent[2].reference]) not in html
    assert absent[0].text not in html  # what the resident told stays with the broker


def test_a_team_lead_hands_one_case_over(world, absent, lead_bw, broker_bw2_user, django_capture_on_commit_callbacks):
    dream = absent[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead_bw).post(
            reverse("droomhuis:team_case_reassign", args=[dream.reference]),
            {"owner": broker_bw2_user.pk, "reason": "Ziek tot vrijdag", "version": dream.version},
        )
    assert response.status_code == 302 and response["Location"] == reverse(
        "droomhuis:team_case", args=[dream.reference]
    )
    dream.refresh_from_db()
    assert dream.owner == broker_bw2_user
    event = dream.events.filter(kind=EventKind.OWNER).last()
    assert (event.actor, event.from_value, event.to_value, event.reason) == (
        lead_bw, name(world.users.broker_bw), "Tweede Makelaar", "Ziek tot vrijdag"
    )  # fmt: skip
    row = AccessLogEntry.objects.filter(object_id=str(dream.pk), detail="reassign").get()
    assert (row.user, row.role, row.organisation) == (lead_bw, RoleKind.TEAM_LEAD, world.bw)
    notice = StaffNotice.objects.get(user=broker_bw2_user)
    assert notice.kind == NoticeKind.HANDOVER and dream.reference_display in notice.subject
    assert notice.url.endswith(reverse("droomhuis:case", args=[dream.reference]))
    assert "Ziek tot vrijdag" in notice.body
    # The new owner's case page tells the story in one line.
    case = client_for(broker_bw2_user).get(reverse("droomhuis:case", args=[dream.reference])).content.decode()
    assert (
        f"<strong>Overgedragen van {name(world.users.broker_bw)} aan Tweede Makelaar door Teamleider Beter Wonen"
        "</strong>: Ziek tot vrijdag" in case
    )
    page = client_for(lead_bw).get(reverse("droomhuis:team_case", args=[dream.reference])).content.decode()
    assert f"Overgedragen van {name(world.users.broker_bw)} aan Tweede Makelaar" in page


def test_all_open_cases_of_one_broker_move_at_once(world, absent, lead_bw, broker_bw2_user):
    versions = {d.pk: d.version for d in absent}
    response = client_for(lead_bw).post(
        reverse("droomhuis:team_reassign_all"),
        {"from_owner": world.users.broker_bw.pk, "to_owner": broker_bw2_user.pk, "reason": "Met verlof"},
        follow=True,
    )
    assert "2 open dromen zijn overgedragen aan Tweede Makelaar" in response.content.decode()
    owners = dict(Dream.objects.filter(pk__in=versions).values_list("pk", "owner"))
    assert owners == {
        absent[0].pk: broker_bw2_user.pk,
        absent[1].pk: broker_bw2_user.pk,
        absent[2].pk: world.users.broker_bw.pk,
    }
    for dream in absent[:2]:
        dream.refresh_from_db()
        assert dream.version == versions[dream.pk] + 1  # a broker's open form on it now says "someone else saved"
    (notice,) = StaffNotice.objects.filter(user=broker_bw2_user, kind=NoticeKind.HANDOVER)
    assert notice.subject == "2 dromen zijn aan u overgedragen"
    assert (
        all(d.reference_display in notice.body for d in absent[:2]) and absent[2].reference_display not in notice.body
    )
    assert AccessLogEntry.objects.filter(detail="reassign", role=RoleKind.TEAM_LEAD).count() == 2


def test_a_handover_needs_a_reason_and_another_broker(world, absent, lead_bw, broker_bw2_user):
    client = client_for(lead_bw)
    response = client.post(
        reverse("droomhuis:team_reassign_all"),
        {"from_owner": world.users.broker_bw.pk, "to_owner": world.users.broker_bw.pk, "reason": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'class="error-summary"' in html
    assert "Schrijf kort op waarom u de dromen overdraagt." in html
    assert "Kies een andere droommakelaar dan de huidige." in html
    dream = absent[0]
    response = client.post(
        reverse("droomhuis:team_case_reassign", args=[dream.reference]),
        {"owner": broker_bw2_user.pk, "reason": "", "version": dream.version},
    )
    assert response.status_code == 400 and 'class="error-summary"' in response.content.decode()
    stale = client.post(
        reverse("droomhuis:team_case_reassign", args=[dream.reference]),
        {"owner": broker_bw2_user.pk, "reason": "Ziek", "version": dream.version - 1},
    )
    assert stale.status_code == 409
    assert not Dream.objects.filter(owner=broker_bw2_user).exists()


def test_a_team_lead_of_another_corporation_never_sees_or_moves_the_cases(
    world, absent, lead_hw, broker_bw2_user, broker_hw_user
):
    dream = absent[0]
    client = client_for(lead_hw)
    html = client.get(TEAM).content.decode()
    assert name(world.users.broker_bw) not in html and dream.reference_display not in html
    assert name(broker_hw_user) in html  # their own corporation's broker
    assert client.get(reverse("droomhuis:team_case", args=[dream.reference])).status_code == 404
    moved = client.post(
        reverse("droomhuis:team_case_reassign", args=[dream.reference]),
        {"owner": broker_bw2_user.pk, "reason": "Ziek", "version": dream.version},
    )
    assert moved.status_code == 404
    all_of = client.post(
        reverse("droomhuis:team_reassign_all"),
        {"from_owner": world.users.broker_bw.pk, "to_owner": broker_hw_user.pk, "reason": "Ziek"},
    )
    assert all_of.status_code == 400  # Beter Wonen's broker is no choice for HW Wonen's team lead
    with pytest.raises(ValidationError) as error:
        services.dream_reassign(
            dream=dream, owner=broker_bw2_user, actor=lead_hw, expected_version=dream.version, reason="Ziek"
        )
    assert error.value.code == "not_team_lead"
    with pytest.raises(ValidationError) as error:
        services.dreams_reassign_all(
            from_owner=world.users.broker_bw, to_owner=broker_bw2_user, actor=lead_hw, reason="Ziek"
        )
    assert error.value.code == "no_open_cases"
    assert Dream.objects.filter(owner=world.users.broker_bw, status="picking_up").count() == 2


def test_only_team_leads_get_in(as_persona, world, absent):
    dream = absent[0]
    for url in (TEAM, reverse("droomhuis:team_case", args=[dream.reference])):
        assert as_persona("anonymous").get(url)["Location"].startswith("/accounts/login/")
        for persona in ("broker_bw", "moderator_bw", "resident_hagedoorn", "superuser"):
            assert as_persona(persona).get(url).status_code == 403, (persona, url)


def test_the_werkplek_leads_a_team_lead_to_the_team_page(world, absent, lead_bw):
    html = client_for(lead_bw).get("/werkplek/").content.decode()
    assert "2 open dromen in uw team" in html and f'href="{TEAM}"' in html


def test_a_broker_handing_over_tells_the_new_owner_too(world, absent, broker_bw2_user):
    dream = absent[0]
    services.dream_assign(
        dream=dream, owner=broker_bw2_user, actor=world.users.broker_bw, expected_version=dream.version, reason="Buurt"
    )
    assert StaffNotice.objects.filter(user=broker_bw2_user, kind=NoticeKind.HANDOVER).count() == 1


def _team_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import session_queries

    client.get(TEAM)  # the first request of a session fills the menu's cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(TEAM).status_code == 200
    return len(queries) - session_queries()


def test_the_team_page_costs_the_same_queries_with_2_or_12_open_cases(world, make_dream, lead_bw, broker_bw2_user):
    client = client_for(lead_bw)
    for owner in (world.users.broker_bw, broker_bw2_user):
        picked_up(make_dream(text="Eerste"), owner)
    few = _team_queries(client)
    for i in range(5):
        for owner in (world.users.broker_bw, broker_bw2_user):
            picked_up(make_dream(text=f"Droom {i}"), owner)
    assert "6 open dromen" in client.get(TEAM).content.decode()
    # user, roles, the open cases with owner and wijk, the brokers, the two lists of the form
    assert _team_queries(client) == few == 6, few


def test_one_open_case_is_said_in_the_singular(world, make_dream, lead_bw, broker_bw2_user):
    picked_up(make_dream(text="Eén droom"), world.users.broker_bw)
    response = client_for(lead_bw).post(
        reverse("droomhuis:team_reassign_all"),
        {"from_owner": world.users.broker_bw.pk, "to_owner": broker_bw2_user.pk, "reason": "Met verlof"},
        follow=True,
    )
    assert "1 open droom is overgedragen aan Tweede Makelaar" in response.content.decode()


def test_with_one_broker_the_page_says_how_to_hand_over_instead_of_a_form_that_cannot_work(world, absent, lead_bw):
    """Found walking the team lead's page with the demo: one broker, and a form with two lists that each held only
    that broker. Now the page says there is no other broker and whom to ask; with a second broker the form is back."""
    html = client_for(lead_bw).get(TEAM).content.decode()
    assert "Er is geen andere droommakelaar in uw team." in html
    assert 'id="overdragen"' not in html
    assert absent[0].reference_display in html


def test_with_a_second_broker_the_hand_over_form_is_there(world, absent, lead_bw, broker_bw2_user):
    html = client_for(lead_bw).get(TEAM).content.decode()
    assert 'id="overdragen"' in html
    assert "Er is geen andere droommakelaar in uw team." not in html
