"""Query counts of the new list pages (partner's referrals, broker's referrals, case page, follow page)
stay the same for 3 and 30 referrals."""

from datetime import date

from django.urls import reverse

from droomhuis.care.models import Referral
from droomhuis.care.referrals import referral_create, referral_create_acute
from droomhuis.care.signals import signal_record
from wijk.choices import DataCategory

from ..conftest import give_referral_consent, picked_up
from ..test_queries import count


def make_referrals(world, make_dream, n, broker_bw2_user=None):
    for _ in range(n):
        dream = picked_up(make_dream(), world.users.broker_bw)
        signal_record(dream=dream, actor=world.users.broker_bw, kind="acute_danger", description="Gevaar")
        give_referral_consent(world, dream, DataCategory.CONTACT)
        referral = referral_create(
            dream=dream, actor=world.users.broker_bw, partner=world.welzijn, categories=["contact"], question="?"
        )
        Referral.objects.filter(pk=referral.pk).update(acknowledge_due=date(2020, 1, 1))
        referral_create_acute(
            dream=dream,
            actor=world.users.broker_bw,
            partner=world.welzijn,
            justification="Gevaar dat niet kan wachten, bewoner onbereikbaar.",
            question="!",
        )


def test_partner_list_query_count_is_fixed(partner_welzijn, world, make_dream):
    url = reverse("droomhuis:partner_list")
    make_referrals(world, make_dream, 3)
    small = count(partner_welzijn, url, {})
    make_referrals(world, make_dream, 27)
    assert count(partner_welzijn, url, {}) == small
    assert small <= 8


def test_broker_referrals_page_query_count_is_fixed(broker_bw, broker_bw2, world, make_dream):
    url = reverse("droomhuis:referrals")
    make_referrals(world, make_dream, 3)
    small = (count(broker_bw, url, {}), count(broker_bw2, url, {}))
    make_referrals(world, make_dream, 27)
    assert (count(broker_bw, url, {}), count(broker_bw2, url, {})) == small
    assert max(small) <= 10


def test_case_page_with_signals_and_referrals_does_not_grow(broker_bw, world, case):
    url = reverse("droomhuis:case", args=[case.reference])
    give_referral_consent(world, case, DataCategory.CONTACT, DataCategory.DREAM)
    signal_record(dream=case, actor=world.users.broker_bw, kind="money", description="x")
    referral_create(
        dream=case, actor=world.users.broker_bw, partner=world.welzijn, categories=["contact"], question="?"
    )
    count(broker_bw, url, {})  # the first view publishes the explanation texts
    count(broker_bw, url, {})  # and that change empties the shared lists in the cache; this view fills them
    small = count(broker_bw, url, {})
    for _ in range(10):
        signal_record(dream=case, actor=world.users.broker_bw, kind="loneliness", description="y")
        referral_create(
            dream=case, actor=world.users.broker_bw, partner=world.welzijn, categories=["dream"], question="?"
        )
    count(broker_bw, url, {})  # a change empties the shared lists in the cache; the next view fills them
    assert count(broker_bw, url, {}) == small


def test_follow_page_access_summary_does_not_grow(anonymous, broker_bw, case):
    url = reverse("droomhuis:follow", args=[case.reference])
    broker_bw.get(reverse("droomhuis:case", args=[case.reference]))
    anonymous.get(url)  # the menu is cached after the first view
    small = count(anonymous, url, {})
    for _ in range(10):
        broker_bw.get(reverse("droomhuis:case", args=[case.reference]))
    assert count(anonymous, url, {}) == small
