"""The Match admin: a read-only list of the matches of a corporation's dreams, searchable, behind the same walls
as the other admins; recording, contacting and closing happen in the Werkplek."""

import pytest
from django.test import Client
from django.urls import reverse

from droomhuis.matches import services as matches
from tests.factories import RoleFactory, UserFactory
from wijk.choices import RoleKind

pytestmark = pytest.mark.django_db

LIST = "admin:droomhuis_match_changelist"


@pytest.fixture
def match(world, case):
    return matches.match_record(dream=case, actor=world.users.broker_bw, partner=world.welzijn, note="Koken samen")


def staff_broker(organisation, email):
    user = UserFactory(email=email, is_staff=True)
    RoleFactory(user=user, organisation=organisation, kind=RoleKind.BROKER)
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_status_dream_and_partner_in_words(match, superuser):
    response = superuser.get(reverse(LIST))
    assert [row.pk for row in response.context["cl"].result_list] == [match.pk]
    html = response.content.decode()
    for words in (match.dream.reference_display, "Welzijn Almelo", "Vastgelegd", "Partner"):
        assert words in html
    assert ">recorded<" not in html and ">partner<" not in html


def test_search_by_dream_reference_partner_or_resident(match, superuser):
    for query, found in ((match.dream.reference, 1), ("Welzijn", 1), (str(match.dream.resident), 1), ("Kapper", 0)):
        response = superuser.get(reverse(LIST), {"q": query})
        assert len(response.context["cl"].result_list) == found, query


def test_nobody_adds_changes_or_deletes_a_match_here(match, superuser):
    assert superuser.get(reverse("admin:droomhuis_match_add")).status_code == 403
    assert superuser.get(reverse("admin:droomhuis_match_delete", args=[match.pk])).status_code == 403
    change = superuser.get(reverse("admin:droomhuis_match_change", args=[match.pk]))
    assert change.status_code == 200
    html = change.content.decode()
    assert 'name="_save"' not in html
    assert f'href="{reverse("droomhuis:case", args=[match.dream.reference])}"' in html
    action_form = superuser.get(reverse(LIST)).context["action_form"]
    assert action_form is None  # no list actions at all, so no bulk delete


def test_a_broker_sees_their_corporations_matches_only(world, match, moderator_bw):
    own = staff_broker(world.bw, "makelaar-beheer@bw.test")
    other = staff_broker(world.hw, "makelaar-beheer@hw.test")
    assert [row.pk for row in own.get(reverse(LIST)).context["cl"].result_list] == [match.pk]
    assert list(other.get(reverse(LIST)).context["cl"].result_list) == []
    change = reverse("admin:droomhuis_match_change", args=[match.pk])
    missing = reverse("admin:droomhuis_match_change", args=[999999])
    assert own.get(change).status_code == 200
    assert other.get(change)["Location"] == other.get(missing)["Location"] == reverse("admin:index")
    assert moderator_bw.get(reverse(LIST)).status_code == 403
