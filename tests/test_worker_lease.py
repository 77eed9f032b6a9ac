"""A worker killed halfway through a task: the task is run again by another worker, and the mail arrives once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from worker.lease import heartbeat, reclaim_stalled_tasks
from worker.mail import TASK_EMAIL_BACKEND
from worker.models import WorkerHeartbeat

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = TASK_EMAIL_BACKEND
    settings.WIJKPORTAAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = DATABASE
    return settings


def _claimed_by(worker_id: str, minutes_ago: int) -> DBTaskResult:
    result = DBTaskResult.objects.get()
    result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - timedelta(minutes=minutes_ago))
    return result


@pytest.mark.django_db(transaction=True)
def test_the_task_of_a_silent_worker_is_run_again_and_the_mail_arrives_once(queued_mail):
    send_mail("Uw inlogcode", "123456", None, ["bewoner@zuidwijk.test"])
    queued = DBTaskResult.objects.get()
    message_id = queued.args_kwargs["kwargs"]["data"]["headers"]["Message-ID"]
    heartbeat("worker-a")
    WorkerHeartbeat.objects.filter(worker_id="worker-a").update(seen_at=timezone.now() - timedelta(minutes=5))
    _claimed_by("worker-a", minutes_ago=5)  # then worker-a was killed: no more heartbeats
    call_command("run_worker", "--once", "--no-schedule", verbosity=0)
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id


@pytest.mark.django_db(transaction=True)
def test_a_task_of_a_worker_that_is_alive_is_left_alone(queued_mail):
    send_mail("Uw inlogcode", "123456", None, ["bewoner@zuidwijk.test"])
    heartbeat("worker-b")
    _claimed_by("worker-b", minutes_ago=5)  # a long task; worker-b still writes its heartbeat
    assert reclaim_stalled_tasks() == 0
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_task_claimed_a_moment_ago_is_not_taken_before_the_lease_ends(queued_mail):
    send_mail("Uw inlogcode", "123456", None, ["bewoner@zuidwijk.test"])
    _claimed_by("worker-c", minutes_ago=0)
    assert reclaim_stalled_tasks() == 0
    assert reclaim_stalled_tasks(now=timezone.now() + timedelta(minutes=2)) == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY
