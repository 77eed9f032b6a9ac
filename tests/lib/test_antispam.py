"""Public forms are protected by a per-visitor limit and a honeypot."""

import pytest
from django.test import RequestFactory, override_settings

from lib.antispam import HoneypotForm, rate_limit_hit


def _request(ip="10.0.0.1"):
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


def test_the_limit_counts_per_visitor():
    hits = [rate_limit_hit(_request(), "test", limit=3) for _ in range(5)]
    assert hits == [False, False, False, True, True]
    assert rate_limit_hit(_request(ip="10.0.0.2"), "test", limit=3) is False
    assert rate_limit_hit(_request(), "other-action", limit=3) is False


@override_settings(RATE_LIMIT_SCALE=0)
def test_limits_can_be_switched_off_for_a_load_test():
    assert not any(rate_limit_hit(_request(), "test", limit=1) for _ in range(10))


@override_settings(RATE_LIMIT_SCALE=10)
def test_limits_can_be_scaled():
    hits = [rate_limit_hit(_request(), "scaled", limit=1) for _ in range(11)]
    assert hits.count(True) == 1 and hits[-1]


@pytest.mark.parametrize("value, valid", [("", True), ("http://spam.example", False)])
def test_the_honeypot_stops_bots_quietly(value, valid):
    form = HoneypotForm(data={"website": value})
    assert form.is_valid() is valid
    if not valid:
        assert form.errors["website"][0].startswith("Wij konden dit formulier niet")
