"""Scheduled jobs: once per period however often (and on however many servers) the scheduler looks."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models.query import QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from parelketting.choices import PearlStatus
from tests.parelketting.conftest import make_pearl  # noqa: F401 (fixture)
from worker.models import ScheduledRun
from worker.schedule import configured_jobs, run_due_jobs

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def far_from_now():
    """A minute past the hour that is half an hour away, so two runs in a row never fall in different periods."""
    return (timezone.localtime().minute + 30) % 60


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


class Recorder:
    """The commands the scheduler ran, in order; commands named in ``fail`` raise instead."""

    def __init__(self):
        self.calls = []
        self.fail = set()

    def __call__(self, name, *args):
        self.calls.append((name, *args))
        if name in self.fail:
            raise RuntimeError(f"{name} broke")


@pytest.fixture
def ran(monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr("worker.tasks.call_command", recorder)
    monkeypatch.setattr("worker.schedule.get_commands", lambda: {"digest": "x", "hourly_job": "x", "broken": "x"})
    return recorder


@pytest.fixture
def daily_digest(settings, ran):
    settings.WIJKPORTAAL_SCHEDULE = [{"command": "digest", "args": ["--quiet"], "daily": "07:00"}]
    settings.WIJKPORTAAL_SCHEDULE_CATCH_UP_HOURS = 6
    return ran


@pytest.mark.django_db
def test_a_daily_job_runs_once_however_often_the_scheduler_looks(daily_digest):
    assert run_due_jobs(now=at("2026-11-25T06:59")) == []
    assert run_due_jobs(now=at("2026-11-25T07:00")) == [("digest", "2026-11-25")]
    assert run_due_jobs(now=at("2026-11-25T07:01")) == []
    assert run_due_jobs(now=at("2026-11-25T12:00")) == []
    assert daily_digest.calls == [("digest", "--quiet")]
    assert run_due_jobs(now=at("2026-11-26T07:03")) == [("digest", "2026-11-26")]
    assert len(daily_digest.calls) == 2
    assert list(ScheduledRun.objects.values_list("period", flat=True)) == ["2026-11-26", "2026-11-25"]


@pytest.mark.django_db
def test_a_missed_job_starts_late_but_not_days_later(daily_digest):
    assert run_due_jobs(now=at("2026-11-25T12:59")) == [("digest", "2026-11-25")]
    assert run_due_jobs(now=at("2026-11-27T06:00")) == []  # 23 hours after 26 November 07:00: too late
    assert len(daily_digest.calls) == 1


@pytest.mark.django_db
def test_a_second_server_that_looks_at_the_same_moment_does_not_run_the_job_again(daily_digest, monkeypatch):
    assert run_due_jobs(now=at("2026-11-25T07:00"), worker_id="app-1") == [("digest", "2026-11-25")]
    # The other server's quick check did not see the first claim yet: the unique row still stops it.
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    assert run_due_jobs(now=at("2026-11-25T07:00"), worker_id="app-2") == []
    assert daily_digest.calls == [("digest", "--quiet")]
    assert ScheduledRun.objects.get().claimed_by == "app-1"


@pytest.mark.django_db
def test_an_hourly_job_runs_once_each_hour(settings, ran):
    settings.WIJKPORTAAL_SCHEDULE = [{"command": "hourly_job", "hourly": 15}]
    started = [run_due_jobs(now=at(f"2026-11-25T{time}")) for time in ("09:15", "09:50", "10:14", "10:15", "10:16")]
    assert started == [[("hourly_job", "2026-11-25T09")], [], [], [("hourly_job", "2026-11-25T10")], []]
    assert len(ran.calls) == 2


@pytest.mark.django_db
def test_a_job_whose_command_is_not_there_is_logged_and_skipped(settings, ran, caplog):
    settings.WIJKPORTAAL_SCHEDULE = [{"command": "typo_job", "daily": "02:45"}]
    assert run_due_jobs(now=at("2026-11-25T03:00")) == []
    assert "there is no command typo_job" in caplog.text


@pytest.mark.django_db
def test_a_failing_job_without_a_queue_is_logged_and_not_repeated_every_minute(settings, ran, caplog):
    settings.WIJKPORTAAL_SCHEDULE = [{"command": "broken", "daily": "07:00"}]
    ran.fail.add("broken")
    assert run_due_jobs(now=at("2026-11-25T07:00")) == [("broken", "2026-11-25")]
    assert run_due_jobs(now=at("2026-11-25T07:01")) == []
    assert ran.calls == [("broken",)]
    assert "Scheduled job broken for 2026-11-25 failed" in caplog.text and "broken broke" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_with_the_queue_a_failing_job_is_tried_again_later(settings, ran, caplog):
    settings.TASKS = DATABASE
    settings.WIJKPORTAAL_SCHEDULE = [{"command": "broken", "hourly": far_from_now()}]
    ran.fail.add("broken")
    call_command("run_worker", "--once", verbosity=0)
    call_command("run_worker", "--once", verbosity=0)
    assert ran.calls == [("broken",)]
    assert DBTaskResult.objects.get(status="FAILED").task_path == "worker.tasks.run_scheduled_command"
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2 and retry.args_kwargs["kwargs"]["command"] == "broken"
    assert "trying again" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_the_queue_send_the_real_digest_once(settings, make_pearl):  # noqa: F811
    settings.TASKS = DATABASE
    settings.WIJKPORTAAL_SCHEDULE = [{"command": "parelketting_digest", "hourly": far_from_now()}]
    make_pearl(status=PearlStatus.SUBMITTED, title="Wacht in Zuidwijk")
    out = io.StringIO()
    call_command("run_worker", "--once", stdout=out)
    call_command("run_worker", "--once", stdout=out)
    assert [m.to for m in mail.outbox] == [["moderator@hw.test"]]
    assert "Wacht in Zuidwijk" in mail.outbox[0].body
    assert "Scheduled job parelketting_digest for" in out.getvalue()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert ScheduledRun.objects.count() == 1


def test_the_default_schedule_lists_the_daily_commands(settings):
    jobs = {job.name: job for job in configured_jobs()}
    assert {"parelketting_digest", "droomhuis_reminders", "parelketting_reminders", "retention_run"} <= set(jobs)
    assert "droomhuis_signal_retention" not in jobs  # retention_run applies the signal rule too
    assert jobs["retention_run"].daily.isoformat() == "02:45:00"
    assert jobs["parelketting_digest"].daily.isoformat() == "07:00:00"


@pytest.mark.parametrize(
    "entry",
    [
        {"daily": "07:00"},
        {"command": "digest"},
        {"command": "digest", "daily": "07:00", "hourly": 5},
        {"command": "digest", "daily": "zeven uur"},
        {"command": "digest", "hourly": 60},
    ],
)
def test_a_wrong_schedule_entry_is_refused(settings, entry):
    settings.WIJKPORTAAL_SCHEDULE = [entry]
    with pytest.raises(ImproperlyConfigured):
        configured_jobs()
