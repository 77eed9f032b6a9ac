"""Who reaches what: only brokers of the dream's corporation see cases; others get login, 403 or 404."""

import pytest
from django.urls import reverse

from droomhuis.permissions import get_dream_for_broker
from wijk.models import AccessLogEntry

NON_BROKERS = [
    "resident_zuidwijk",
    "resident_hagedoorn",
    "moderator_hw",
    "moderator_bw",
    "expert_bw",
    "partner_welzijn",
    "facilitator",
    "superuser",
]


def case_pages(dream):
    ref = [dream.reference]
    return [
        ("get", reverse("droomhuis:case", args=ref)),
        ("get", reverse("droomhuis:case_photo", args=ref)),
        ("post", reverse("droomhuis:case_status", args=ref)),
        ("post", reverse("droomhuis:case_assign", args=ref)),
        ("post", reverse("droomhuis:case_plan", args=ref)),
        ("post", reverse("droomhuis:case_contact", args=ref)),
        ("post", reverse("droomhuis:case_note", args=ref)),
        ("post", reverse("droomhuis:case_update", args=ref)),
        ("post", reverse("droomhuis:case_outcome", args=ref)),
    ]


def test_anonymous_goes_to_login_for_every_broker_page(anonymous, dream):
    pages = case_pages(dream) + [("get", reverse("droomhuis:queue")), ("get", reverse("droomhuis:intake"))]
    for method, url in pages:
        response = getattr(anonymous, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


@pytest.mark.parametrize("persona", NON_BROKERS)
def test_non_brokers_get_403_on_broker_pages(as_persona, persona, dream):
    client = as_persona(persona)
    pages = case_pages(dream) + [("get", reverse("droomhuis:queue")), ("get", reverse("droomhuis:intake"))]
    for method, url in pages:
        assert getattr(client, method)(url).status_code == 403, (persona, url)
    assert not AccessLogEntry.objects.exists()


def test_broker_of_another_corporation_gets_404_for_our_dreams(broker_hw, dream):
    for method, url in case_pages(dream):
        assert getattr(broker_hw, method)(url).status_code == 404, url
    queue = broker_hw.get(reverse("droomhuis:queue"), {"view": "all"})
    assert queue.status_code == 200 and list(queue.context["page"].object_list) == []
    assert dream.reference_display not in queue.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_missing_and_not_yours_look_the_same(broker_hw, dream):
    missing = broker_hw.get(reverse("droomhuis:case", args=["ABCDEFGHJK"]))
    not_yours = broker_hw.get(reverse("droomhuis:case", args=[dream.reference]))
    assert missing.status_code == not_yours.status_code == 404


def test_broker_role_for_one_neighbourhood_sees_only_that_one(world, dream, make_dream):
    from tests.factories import NeighbourhoodFactory, RoleFactory, UserFactory

    other = NeighbourhoodFactory(slug="ander-almelo", corporation=world.bw)
    elsewhere = make_dream(neighbourhood=other)
    user = UserFactory()
    RoleFactory(user=user, organisation=world.bw, neighbourhood=world.hagedoorn, kind="broker")
    assert get_dream_for_broker(user, dream.reference) == dream
    with pytest.raises(Exception):  # noqa: B017 - Http404
        get_dream_for_broker(user, elsewhere.reference)


def test_inactive_broker_role_gives_no_access(world, dream):
    from django.test import Client

    world.users.broker_bw.roles.update(active=False)
    client = Client()
    client.force_login(world.users.broker_bw)
    assert client.get(reverse("droomhuis:case", args=[dream.reference])).status_code == 403
