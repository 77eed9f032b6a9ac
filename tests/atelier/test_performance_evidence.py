"""Query budget of the atelier's experiment page (the live evidence page) and of the atelier menu item:
at most 10 queries, the same at two data sizes; the menu item costs no query on a repeat view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import warm_queries

pytestmark = pytest.mark.django_db

BUDGET = 10


def test_experiment_page_stays_within_budget_at_two_sizes(facilitator, atelier):
    from atelier.services import story_save

    url = reverse("atelier:experiment", args=[atelier.parel.slug])

    def add_stories(n, start):
        for i in range(start, start + n):
            story_save(experiment=atelier.parel, workshop=atelier.ws3, title=f"Verhaal {i}", text="Tekst")

    add_stories(2, 0)
    small, _ = warm_queries(facilitator, url)
    add_stories(20, 2)
    large, page = warm_queries(facilitator, url)
    assert small == large <= BUDGET
    assert page.index("Verhaal 0") < page.index("Verhaal 21")  # sorted by title like the model


def test_menu_adds_no_query_on_a_repeat_view(anonymous, world):
    url = reverse("wijk:privacy")
    anonymous.get(url)
    with CaptureQueriesContext(connection) as ctx:
        anonymous.get(url + "?x=1")  # not served from the page cache
    assert not [q for q in ctx.captured_queries if "atelier_" in q["sql"]]
