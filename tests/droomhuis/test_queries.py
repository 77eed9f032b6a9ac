"""Query counts of the broker's queue and the dream wall do not grow with the number of dreams."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from droomhuis import services


def make_many(world, make_dream, n):
    for i in range(n):
        dream = make_dream(text=f"Droom {i}", themes=[world.themes["groen"], world.themes["klussen"]])
        if i % 2:
            services.dream_transition(
                dream=dream, to_status="picking_up", actor=world.users.broker_bw, expected_version=dream.version
            )


def count(client, url, params, *, warm=True):
    """Queries of a repeat view: the first view after a change may fill shared lists in the cache once.

    ``warm=False`` for public pages, whose repeat views come from the page cache: the cache is emptied
    first, so the count is that of rendering the page.
    """
    if warm:
        client.get(url, params)
    else:
        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queue_query_count_is_the_same_for_3_and_30_dreams(broker_bw, world, make_dream, django_assert_num_queries):
    url = reverse("droomhuis:queue")
    make_many(world, make_dream, 3)
    small = {view: count(broker_bw, url, {"view": view}) for view in ("new", "mine", "overdue", "all")}
    make_many(world, make_dream, 27)
    large = {view: count(broker_bw, url, {"view": view}) for view in ("new", "mine", "overdue", "all")}
    assert small == large
    # Droomhuis's own: counts, theme and neighbourhood choices, page count, page rows, themes prefetch (6);
    # the rest is session, user, roles and the other apps' menu links. A theme filter validates its choice (+1).
    with django_assert_num_queries(small["all"] + 1):
        broker_bw.get(url, {"view": "all", "theme": world.themes["groen"].pk, "q": "Droom"})
    assert small["all"] <= 13


def test_case_page_query_count_does_not_grow_with_history(broker_bw, world, dream):
    url = reverse("droomhuis:case", args=[dream.reference])
    before = count(broker_bw, url, {})
    for i in range(10):
        services.note_add(dream=dream, author=world.users.broker_bw, body=f"Notitie {i}", private=False)
        services.resident_update_post(dream=dream, author=world.users.broker_bw, body=f"Bericht {i}")
    assert count(broker_bw, url, {}) == before


def test_wall_query_count_is_fixed(anonymous, world, make_dream, django_assert_max_num_queries):
    from droomhuis.models import Dream

    url = reverse("droomhuis:wall")

    def realise(n):
        for _ in range(n):
            dream = make_dream(consent_wall=True, themes=[world.themes["groen"]])
            Dream.objects.filter(pk=dream.pk).update(
                status="realised",
                owner=world.users.broker_bw,
                next_action_date=None,
                wall_status="approved",
                outcome="Gelukt",
            )

    realise(3)
    small = count(anonymous, url, {}, warm=False)
    realise(27)
    assert count(anonymous, url, {}, warm=False) == small
    assert len(Dream.objects.on_wall()) == 30
