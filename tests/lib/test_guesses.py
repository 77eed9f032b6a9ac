"""The guess limit (lib.guesses): wrong guesses count per client and per secret; a right code is never
refused because of someone else's wrong guesses."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.utils import timezone

from lib.guesses import GuessLimit

LIMIT = GuessLimit("test-codes", per_client=3, per_secret=5)


def visitor(ip="10.0.0.1", user=None):
    request = RequestFactory().get("/", REMOTE_ADDR=ip)
    request.user = user or AnonymousUser()
    return request


def test_a_client_is_paused_after_its_own_wrong_guesses_and_others_are_not():
    me = visitor()
    answers = [LIMIT.wrong(me) for _ in range(3)]
    assert answers == [True, True, False]
    assert not LIMIT.allows(me)
    assert LIMIT.allows(visitor("10.0.0.2"))


def test_many_clients_together_pause_guessing_only_for_clients_that_guessed_wrong():
    """Past ``per_secret`` wrong guesses in all, a client with a wrong guess of its own is refused; a client
    without one (the resident who types the right code) is still looked at."""
    guessers = [visitor(f"10.0.1.{n}") for n in range(5)]
    for guesser in guessers:
        assert LIMIT.allows(guesser)
        LIMIT.wrong(guesser)
    assert not any(LIMIT.allows(guesser) for guesser in guessers)
    assert LIMIT.allows(visitor("10.0.2.1"))


def test_wrong_guesses_at_one_target_leave_other_targets_alone():
    for n in range(5):
        LIMIT.wrong(visitor(f"10.0.1.{n}"), target="ans@example.test")
    assert not LIMIT.allows(visitor("10.0.1.0"), target="ans@example.test")
    assert LIMIT.allows(visitor("10.0.1.0"), target="henk@example.test")


def test_logged_in_visitors_are_counted_per_account(django_user_model, db):
    ans = django_user_model.objects.create_user(email="ans@example.test", password="x")
    for _ in range(3):
        LIMIT.wrong(visitor(user=ans))
    assert not LIMIT.allows(visitor("10.9.9.9", user=ans))
    assert LIMIT.allows(visitor())  # the same network address without that account


def test_limits_of_different_kinds_are_counted_apart():
    other = GuessLimit("other-codes", per_client=3, per_secret=5)
    for _ in range(3):
        LIMIT.wrong(visitor())
    assert other.allows(visitor())


def test_the_pause_ends_with_the_window_and_the_refusal_can_say_when():
    me = visitor()
    for _ in range(3):
        LIMIT.wrong(me)
    retry_at = LIMIT.retry_at()
    assert timezone.now() < retry_at <= timezone.now() + timedelta(hours=1)
    with mock.patch("lib.guesses.time.time", return_value=retry_at.timestamp() + 1):
        assert LIMIT.allows(me)


def test_a_day_window_ends_at_local_midnight():
    daily = GuessLimit("daily", per_client=1, per_secret=1, window=24 * 3600)
    retry_at = daily.retry_at()
    assert (retry_at.hour, retry_at.minute, retry_at.second) == (0, 0, 0)
    assert retry_at.date() == timezone.localdate() + timedelta(days=1)


@override_settings(RATE_LIMIT_SCALE=0)
def test_limits_can_be_switched_off_for_a_load_test():
    me = visitor()
    assert all(LIMIT.wrong(me) for _ in range(20)) and LIMIT.allows(me)


@override_settings(RATE_LIMIT_SCALE=2)
def test_limits_scale_like_the_other_limits():
    me = visitor()
    assert [LIMIT.wrong(me) for _ in range(6)] == [True] * 5 + [False]


def test_a_cache_outage_does_not_lock_anyone_out(caplog):
    with mock.patch("lib.guesses.cache") as broken:
        broken.get.side_effect = ConnectionError("cache down")
        broken.add.side_effect = ConnectionError("cache down")
        assert LIMIT.allows(visitor())
        assert LIMIT.wrong(visitor())
    assert "cannot be reached" in caplog.text


def test_a_staff_reset_clears_the_count():
    me = visitor()
    for _ in range(3):
        LIMIT.wrong(me, target="ans@example.test")
    LIMIT.clear(me, target="ans@example.test")
    assert LIMIT.allows(me, target="ans@example.test")


@pytest.mark.parametrize("target", ["ABCDEFGHJK", "ans@example.test"])
def test_cache_keys_hold_no_readable_secret(target):
    with mock.patch.object(cache, "add", wraps=cache.add) as add:
        LIMIT.wrong(visitor(), target=target)
    keys = [call.args[0] for call in add.call_args_list]
    assert len(keys) == 2 and not any(target.lower() in key.lower() or "10.0.0.1" in key for key in keys)
