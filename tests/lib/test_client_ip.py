"""Limits count people, not buildings: one client-IP helper for the portal, allauth and the API.

Behind a trusted proxy, residents sharing one proxy address are told apart by the address the proxy adds to
X-Forwarded-For; without a trusted proxy, a forged X-Forwarded-For changes nothing.
"""

import pytest
from allauth.account.adapter import get_adapter
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from lib.antispam import client_ip, rate_limit_hit

PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _request(forwarded=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/", **extra)
    request.user = AnonymousUser()
    return request


def test_without_a_trusted_proxy_only_the_connection_counts():
    assert client_ip(_request()) == PROXY
    assert client_ip(_request("203.0.113.7")) == PROXY


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_added_counts():
    assert client_ip(_request("203.0.113.7")) == "203.0.113.7"
    # A visitor who writes their own header first cannot choose their address: the proxy adds the real one.
    assert client_ip(_request("198.51.100.1, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request("2001:db8::7")) == "2001:db8::7"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_first_proxy_decides():
    assert client_ip(_request("198.51.100.1, 203.0.113.7, 10.0.0.4")) == "203.0.113.7"


@pytest.mark.parametrize("forwarded", ["", "not an address", "1.2.3.4.5", "\u202e1.2.3.4"])
@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_a_strange_header_falls_back_to_the_connection(forwarded):
    assert client_ip(_request(forwarded)) == PROXY


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=3)
def test_too_few_addresses_for_the_proxies_is_no_error():
    assert client_ip(_request("203.0.113.7")) == PROXY


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_two_residents_behind_one_proxy_are_limited_apart():
    first = [rate_limit_hit(_request("203.0.113.7"), "shared-wifi", limit=2) for _ in range(3)]
    assert first == [False, False, True]
    assert rate_limit_hit(_request("203.0.113.8"), "shared-wifi", limit=2) is False


def test_a_forged_header_without_a_trusted_proxy_changes_nothing():
    hits = [rate_limit_hit(_request(f"203.0.113.{n}"), "forged", limit=2) for n in range(3)]
    assert hits == [False, False, True]


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_allauth_uses_the_same_helper():
    request = _request("198.51.100.1, 203.0.113.7")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.7"


@pytest.mark.django_db
@override_settings(
    ALLAUTH_TRUSTED_PROXY_COUNT=1,
    ACCOUNT_RATE_LIMITS={"login": "2/m/ip"},
)
def test_login_limits_count_each_resident_behind_the_proxy(client):
    def attempt(forwarded):
        data = {"login": "nobody@example.org", "password": "wrong-password"}
        return client.post("/accounts/login/", data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert [attempt("203.0.113.7").status_code for _ in range(3)] == [200, 200, 429]
    assert attempt("203.0.113.8").status_code == 200


@pytest.mark.django_db
@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1, API_RATE_LIMIT_PER_MINUTE=2)
def test_api_limits_count_each_client_behind_the_proxy(client):
    def get(forwarded):
        return client.get("/api/v1/themes", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [get("203.0.113.7") for _ in range(3)] == [200, 200, 429]
    assert get("203.0.113.8") == 200
