"""A worker killed halfway through a task: the task is run again by another worker, and the mail arrives once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from worker.lease import heartbeat, reclaim_stalled_tasks
from worker.mail import TASK_EMAIL_BACKEND
from worker.models import MailDelivery, WorkerHeartbeat
from worker.tasks import send_email_message

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


class WorkerKilled(BaseException):
    """Stands in for SIGKILL: nothing after it runs in that worker (not even its ``except Exception``)."""


class DiesAfterAccept(locmem.EmailBackend):
    """The mail server accepts the message (it lands in the outbox); the worker is killed before it says goodbye."""

    def close(self):
        raise WorkerKilled


class DiesBeforeAccept(locmem.EmailBackend):
    """The worker is killed while it talks to the mail server, before the server accepted anything."""

    def send_messages(self, messages):
        raise WorkerKilled


def _killed_while_sending(queued_mail, backend) -> str:
    """worker-a claims the queued mail and is killed in ``backend``; returns the Message-ID."""
    send_mail("Uw inlogcode", "123456", None, ["bewoner@zuidwijk.test"])
    heartbeat("worker-a")
    result = _claimed_by("worker-a", minutes_ago=5)
    queued_mail.WIJKPORTAAL_EMAIL_BACKEND = f"tests.test_worker_lease.{backend.__name__}"
    with pytest.raises(WorkerKilled):
        send_email_message.call(**result.args_kwargs["kwargs"])
    WorkerHeartbeat.objects.filter(worker_id="worker-a").update(seen_at=timezone.now() - timedelta(minutes=5))
    queued_mail.WIJKPORTAAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return result.args_kwargs["kwargs"]["data"]["headers"]["Message-ID"]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_the_server_accepted_the_mail_causes_no_second_copy(queued_mail, caplog):
    message_id = _killed_while_sending(queued_mail, DiesAfterAccept)
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message_id]  # the server has it
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING  # nobody marked the task done
    delivery = MailDelivery.objects.get(message_id=message_id)
    assert delivery.accepted_at is not None and delivery.attempts == 1

    call_command("run_worker", "--once", "--no-schedule", verbosity=0)  # another worker takes the task over

    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message_id]  # still one copy
    assert "not sent again" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_before_the_server_accepted_the_mail_is_followed_by_one_copy(queued_mail, caplog):
    message_id = _killed_while_sending(queued_mail, DiesBeforeAccept)
    assert mail.outbox == []
    assert MailDelivery.objects.get(message_id=message_id).accepted_at is None

    call_command("run_worker", "--once", "--no-schedule", verbosity=0)

    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message_id]  # at least once, the same ID
    delivery = MailDelivery.objects.get(message_id=message_id)
    assert delivery.accepted_at is not None and delivery.attempts == 2
    assert "sent again with the same Message-ID" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_delivery_records_are_kept_a_week(queued_mail):
    from worker.lease import MAIL_DELIVERY_KEEP_DAYS

    now = timezone.now()
    MailDelivery.objects.create(message_id="<oud@x>", started_at=now - timedelta(days=MAIL_DELIVERY_KEEP_DAYS, hours=1))
    MailDelivery.objects.create(message_id="<nieuw@x>", started_at=now - timedelta(days=MAIL_DELIVERY_KEEP_DAYS - 1))
    reclaim_stalled_tasks(now=now.replace(minute=0))  # the hourly tidy-up
    assert list(MailDelivery.objects.values_list("message_id", flat=True)) == ["<nieuw@x>"]
