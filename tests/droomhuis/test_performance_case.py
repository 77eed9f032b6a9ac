"""Query budget of the broker's case page: the same number of queries at two data sizes, within the budget.

The case page reads each of its own lists with one query and the lists many cases share from the cache. The
count is taken on a repeat view: the first view after any change fills the cache again.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from droomhuis import services
from droomhuis.care.referrals import referral_create
from droomhuis.care.signals import signal_record
from tests.conftest import warm_queries
from wijk.choices import DataCategory

from .conftest import give_referral_consent, picked_up

pytestmark = pytest.mark.django_db

# Session, user, roles, the dream, one query each for themes, history, contact attempts, notes, messages and
# matches, one for the two consents, the access-log row: 12 for another broker. The owner also reads signals,
# referrals with the partners' steps (for the history), pairings and the care consents (17), and the pairings' notes
# when there are pairings (18).
BUDGET = 18


def grow_case(world, dream, n, start=0):
    broker = world.users.broker_bw
    for i in range(start, start + n):
        services.note_add(dream=dream, author=broker, body=f"Notitie nummer {i}", private=bool(i % 2))
        services.resident_update_post(dream=dream, author=broker, body=f"Bericht nummer {i}")
        services.contact_attempt_record(
            dream=dream, actor=broker, channel="phone", reached=False, day=date(2026, 1, 1), part_of_day="morning"
        )
        signal_record(dream=dream, actor=broker, kind="money", description=f"Signaal nummer {i}")
        referral_create(dream=dream, actor=broker, partner=world.welzijn, categories=["contact"], question=f"Vraag {i}")


def test_case_page_stays_within_budget_at_two_sizes(broker_bw, broker_bw2, world, make_dream):
    dream = picked_up(make_dream(themes=[world.themes["groen"], world.themes["klussen"]]), world.users.broker_bw)
    give_referral_consent(world, dream, DataCategory.CONTACT)
    url = reverse("droomhuis:case", args=[dream.reference])
    broker_bw.get(url)  # the first view publishes the explanation texts (a change)
    grow_case(world, dream, 2)
    small, page = warm_queries(broker_bw, url)
    other_small, _ = warm_queries(broker_bw2, url)
    grow_case(world, dream, 20, start=2)
    large, page = warm_queries(broker_bw, url)
    other_large, other_page = warm_queries(broker_bw2, url)
    assert (small, other_small) == (large, other_large)
    assert max(small, other_small) <= BUDGET
    # The lists are complete and in order: newest first.
    assert page.index("Notitie nummer 21") < page.index("Notitie nummer 0")
    assert page.index("Bericht nummer 21") < page.index("Bericht nummer 0")
    assert page.count("Signaal nummer") == 22
    from droomhuis.care.models import Referral

    assert all(r.reference in page for r in Referral.objects.filter(dream=dream))
    assert page.count("niet bereikt") >= 22
    assert "Mag contact opnemen" in page  # the contact consent is read
    # Another broker of the corporation sees the team notes, not the owner's private ones, and no signals.
    assert "Notitie nummer 20" in other_page and "Notitie nummer 21" not in other_page
    assert "Signaal nummer" not in other_page


def test_case_page_shows_a_change_at_once(broker_bw, world, case):
    url = reverse("droomhuis:case", args=[case.reference])
    warm_queries(broker_bw, url)
    services.note_add(dream=case, author=world.users.broker_bw, body="Een nieuwe notitie", private=False)
    assert "Een nieuwe notitie" in broker_bw.get(url).content.decode()
    from droomhuis.consents import dream_consent_withdraw

    dream_consent_withdraw(dream=case, key="contact", recorded_by=world.users.broker_bw, method="phone")
    assert "Geen toestemming voor contact." in broker_bw.get(url).content.decode()


def test_a_note_keeps_the_shared_lists_so_the_next_view_stays_within_budget(broker_bw, world, case):
    """Case work (a note, a message) changes no broker, partner or theme: only the case's own lists are read."""
    url = reverse("droomhuis:case", args=[case.reference])
    warm_queries(broker_bw, url)
    services.note_add(dream=case, author=world.users.broker_bw, body="Nog een notitie", private=False)
    with CaptureQueriesContext(connection) as ctx:
        response = broker_bw.get(url)
    assert "Nog een notitie" in response.content.decode()
    assert len(ctx.captured_queries) <= BUDGET


def test_a_new_theme_shows_on_the_case_page_at_once(broker_bw, world, case):
    from wijk.models import Theme

    url = reverse("droomhuis:case", args=[case.reference])
    warm_queries(broker_bw, url)
    Theme.objects.create(slug="nieuw", name="Een heel nieuw thema", icon="leaf")
    assert "Een heel nieuw thema" in broker_bw.get(url).content.decode()
