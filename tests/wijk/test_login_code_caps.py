"""Codes sent by e-mail cannot be guessed: ten digits, wrong codes capped per address (across every code asked
for it) and per client, the owner told when codes pause, a password reset or staff ending the pause."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from wijk import login_codes

pytestmark = pytest.mark.django_db

REQUEST = reverse("account_request_login_code")
CONFIRM = reverse("account_confirm_login_code")
RESIDENT = "bewoner@zuidwijk.test"
CODE = re.compile(r"^\s*(\d{5}-\d{5})\s*$", re.M)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _phones(world):
    """The corporations' own contact lines, as set in the admin."""
    world.hw.phone = "0186 123 456"
    world.hw.save()
    world.bw.phone = "0546 123 456"
    world.bw.save()


def _client(address="203.0.113.10"):
    return Client(REMOTE_ADDR=address)


def _ask(client, email=RESIDENT):
    before = len(mail.outbox)
    response = client.post(REQUEST, {"email": email})
    sent = mail.outbox[before:]
    return response, (CODE.search(sent[-1].body).group(1) if sent and CODE.search(sent[-1].body) else None)


def _wrong(client, times):
    return [client.post(CONFIRM, {"code": "00000-00000"}) for _ in range(times)]


def test_a_code_is_ten_digits_in_two_groups_and_may_be_typed_without_the_dash(world):
    client = _client()
    response, code = _ask(client)
    assert response.status_code == 302 and re.fullmatch(r"\d{5}-\d{5}", code)
    assert client.post(CONFIRM, {"code": code.replace("-", " ")}).status_code == 302
    assert client.get(reverse("wijk:account")).status_code == 200


def test_wrong_codes_across_several_codes_pause_the_address_at_the_cap(world, settings):
    """allauth ends one code after five wrong tries; the daily cap counts across every code for the address,
    from every client, and then no code is sent or looked at, not even a right one."""
    assert login_codes.PER_ADDRESS == 10
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "request_login_code": "20/m/ip,10/m/key"}
    first, second, third = _client("203.0.113.1"), _client("203.0.113.2"), _client("203.0.113.3")
    _ask(first)
    _wrong(first, 5)
    _ask(second)
    _wrong(second, 4)
    assert not login_codes.paused(RESIDENT)
    _response, code = _ask(third)
    assert code
    assert third.post(CONFIRM, {"code": "00000-00000"}).status_code == 200  # the tenth wrong code
    assert login_codes.paused(RESIDENT)
    refused = third.post(CONFIRM, {"code": code})
    assert refused.status_code == 429
    assert third.get(reverse("wijk:account")).status_code == 302
    response, code = _ask(_client("203.0.113.4"))
    assert response.status_code == 200 and code is None
    assert "te vaak een verkeerde code" in response.content.decode()
    assert "0186 123 456" in response.content.decode()  # whom to call, on the page that says so


def test_the_owner_is_told_once_when_codes_pause_with_the_number_to_call(world):
    for number in range(2):
        client = _client(f"203.0.113.{20 + number}")
        _ask(client)
        _wrong(client, 5)
    notices = [m for m in mail.outbox if "probeerde in te loggen" in m.subject]
    assert len(notices) == 1 and notices[0].to == [RESIDENT]
    assert "0186" in notices[0].body  # the corporation's number (Zuidwijk: HW Wonen)
    assert "Bel ons" in notices[0].body and "0546" not in notices[0].body  # only her own corporation
    _wrong(client, 1)
    assert len([m for m in mail.outbox if "probeerde in te loggen" in m.subject]) == 1


def test_a_pause_says_nothing_about_whether_an_account_exists(world):
    """Unknown addresses pause the same way (no e-mail goes anywhere), so a pause reveals no account."""
    unknown = "niemand@nergens.test"
    for number in range(2):
        client = _client(f"203.0.113.{30 + number}")
        _ask(client, unknown)
        _wrong(client, 5)
    assert login_codes.paused(unknown)
    response, _code = _ask(_client("203.0.113.39"), unknown)
    assert response.status_code == 200 and "te vaak een verkeerde code" in response.content.decode()
    assert not [m for m in mail.outbox if "probeerde in te loggen" in m.subject]


def test_other_addresses_are_not_paused(world):
    for number in range(2):
        client = _client(f"203.0.113.{40 + number}")
        _ask(client)
        _wrong(client, 5)
    other = _client("203.0.113.49")
    _response, code = _ask(other, "bewoner@hagedoorn.test")
    assert code and other.post(CONFIRM, {"code": code}).status_code == 302


def test_one_client_is_stopped_after_its_wrong_codes_across_addresses(world, settings):
    assert login_codes.PER_CLIENT == 30
    settings.ACCOUNT_RATE_LIMITS = False  # allauth's own per-minute limits would stop the client first
    guesser = _client("198.51.100.7")
    for number in range(6):
        _ask(guesser, f"adres{number}@nergens.test")
        _wrong(guesser, 5)
    _response, code = _ask(guesser, "bewoner@hagedoorn.test")
    assert code  # the code is sent to its owner, but this client's guesses are no longer looked at
    assert guesser.post(CONFIRM, {"code": code}).status_code == 429
    neighbour = _client("198.51.100.8")
    _response, code = _ask(neighbour, "bewoner@hagedoorn.test")
    assert neighbour.post(CONFIRM, {"code": code}).status_code == 302


def test_a_password_reset_or_staff_ends_the_pause(world):
    for number in range(2):
        client = _client(f"203.0.113.{50 + number}")
        _ask(client)
        _wrong(client, 5)
    assert login_codes.paused(RESIDENT)
    login_codes.resume(RESIDENT)
    assert not login_codes.paused(RESIDENT)
    client = _client("203.0.113.59")
    _response, code = _ask(client)
    assert client.post(CONFIRM, {"code": code}).status_code == 302


def test_staff_end_the_pause_from_the_admin(world, superuser, moderator_bw):
    _spend(RESIDENT, login_codes.PER_ADDRESS)
    assert login_codes.paused(RESIDENT)
    user = world.users.resident_zuidwijk
    response = superuser.post(
        reverse("admin:wijk_user_changelist"), {"action": "login_codes_resume", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    assert not login_codes.paused(RESIDENT)


def test_a_password_reset_by_the_owner_resumes_codes(world):
    from allauth.account.signals import password_reset

    for number in range(2):
        client = _client(f"203.0.113.{60 + number}")
        _ask(client)
        _wrong(client, 5)
    password_reset.send(sender=None, request=None, user=world.users.resident_zuidwijk)
    assert not login_codes.paused(RESIDENT)


def test_the_pause_page_says_what_happened_until_when_and_whom_to_call(world):
    first, second, third = _client("203.0.113.71"), _client("203.0.113.72"), _client("203.0.113.73")
    _ask(first)
    _wrong(first, 5)
    _response, code = _ask(second)
    _wrong(second, 4)
    _ask(third)
    _wrong(third, 1)
    page = second.post(CONFIRM, {"code": code})
    html = page.content.decode()
    assert page.status_code == 429
    assert "Even geen code" in html and "te vaak een verkeerde code" in html
    assert "0186" in html and "0546" in html  # both corporations: the page cannot know whose address it is


def _spend(address, times):
    """Wrong codes for an address from other clients (as a guesser elsewhere would)."""
    factory = RequestFactory()
    for number in range(times):
        request = factory.post("/", REMOTE_ADDR=f"192.0.2.{number + 1}")
        request.user = AnonymousUser()
        login_codes.CODE_GUESSES.wrong(request, address)


def test_sign_up_confirmation_codes_count_towards_the_same_cap(world):
    """A code that confirms an address at sign-up is the same kind of secret, with the same daily cap."""
    address = "nieuw@bewoner.test"
    client = _client("203.0.113.80")
    response = client.post(reverse("account_signup"), {"email": address})
    assert response.status_code == 302
    confirm = response["Location"]
    code = CODE.search(mail.outbox[-1].body).group(1)
    _spend(address, login_codes.PER_ADDRESS - 2)
    assert client.post(confirm, {"code": "00000-00000"}).status_code == 200
    assert not login_codes.paused(address)
    assert client.post(confirm, {"code": "00000-00001"}).status_code == 200
    assert login_codes.paused(address)
    assert client.post(confirm, {"code": code}).status_code == 429
    assert not EmailAddress.objects.filter(email=address, verified=True).exists()
