"""Concurrent sign-ups with real threads: never more confirmed than the capacity, nobody lost.

Runs on SQLite (the service retries while the database is locked) and on PostgreSQL (``select_for_update``
on the activity row makes the sign-ups wait for each other).
"""

import threading

import pytest
from django.db import connection

from parelketting.choices import SignUpStatus
from parelketting.models import SignUp
from parelketting.programme.services import signup_cancel, signup_create

pytestmark = pytest.mark.django_db(transaction=True)


def _run_together(jobs):
    """Start every job at the same moment in its own thread; return the errors."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # noqa: BLE001 (collected and asserted below)
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return errors


def test_concurrent_sign_ups_never_overbook_and_lose_nobody(make_activity, zuidwijk_residents):
    capacity, n = 5, 12
    activity = make_activity(capacity=capacity)
    residents = zuidwijk_residents(n)
    errors = _run_together([lambda r=r: signup_create(activity=activity, resident=r) for r in residents])
    assert errors == []
    signups = SignUp.objects.filter(activity=activity)
    assert signups.count() == n
    assert signups.filter(status=SignUpStatus.CONFIRMED).count() == capacity
    assert signups.filter(status=SignUpStatus.WAITING).count() == n - capacity
    assert set(signups.values_list("resident_id", flat=True)) == {r.pk for r in residents}


def test_cancellations_racing_new_sign_ups_promote_the_waiting_list(make_activity, zuidwijk_residents):
    capacity = 4
    activity = make_activity(capacity=capacity)
    residents = zuidwijk_residents(10)
    for resident in residents[:7]:
        signup_create(activity=activity, resident=resident)  # 4 confirmed, 3 waiting
    confirmed = list(SignUp.objects.filter(activity=activity, status=SignUpStatus.CONFIRMED).order_by("pk"))
    waiting_before = list(
        SignUp.objects.filter(activity=activity, status=SignUpStatus.WAITING).order_by("created_at", "pk")
    )
    jobs = [lambda s=s: signup_cancel(signup=s) for s in confirmed[:3]]
    jobs += [lambda r=r: signup_create(activity=activity, resident=r) for r in residents[7:]]
    errors = _run_together(jobs)
    assert errors == []
    signups = SignUp.objects.filter(activity=activity)
    assert signups.filter(status=SignUpStatus.CONFIRMED).count() == capacity
    assert signups.filter(status=SignUpStatus.CANCELLED).count() == 3
    assert signups.filter(status=SignUpStatus.WAITING).count() == 3  # 10 people, 3 cancelled, 4 places
    # Those who waited first got the freed places before anyone who joined during the race.
    for early in waiting_before:
        early.refresh_from_db()
        assert early.status == SignUpStatus.CONFIRMED
