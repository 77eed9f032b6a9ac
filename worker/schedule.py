"""Scheduled jobs from the ``WIJKPORTAAL_SCHEDULE`` setting, each run once per period across all servers.

An entry is a dict: ``{"command": "parelketting_digest", "daily": "07:00"}`` or ``{"command": ..., "hourly": 15}``
(minute past every hour), with optional ``"args": [...]`` and ``"name"`` (when one command is listed twice).
Times are local (``TIME_ZONE``). A job whose command does not exist is logged as an error and skipped.

A job is due from its moment until ``WIJKPORTAAL_SCHEDULE_CATCH_UP_HOURS`` later, so a worker that was down
at 07:00 still sends the digest at 09:00, but a new installation does not run last week's jobs. Whoever
inserts the ``ScheduledRun`` row for (job, period) first runs the job; everyone else skips it.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend

from .models import ScheduledRun
from .tasks import run_scheduled_command

logger = logging.getLogger(__name__)

KEEP_RUNS = timedelta(days=90)


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    args: tuple[str, ...]
    daily: time | None
    hourly_minute: int | None

    def latest_moment(self, now: datetime) -> datetime:
        """The last moment at or before ``now`` (local time) when this job was meant to start."""
        if self.daily is not None:
            moment = now.replace(hour=self.daily.hour, minute=self.daily.minute, second=0, microsecond=0)
            return moment if moment <= now else moment - timedelta(days=1)
        moment = now.replace(minute=self.hourly_minute, second=0, microsecond=0)
        return moment if moment <= now else moment - timedelta(hours=1)

    def period(self, moment: datetime) -> str:
        return moment.strftime("%Y-%m-%d" if self.daily is not None else "%Y-%m-%dT%H")


def parse_entry(entry: dict) -> Job:
    command = entry.get("command")
    if not command or ("daily" in entry) == ("hourly" in entry):
        raise ImproperlyConfigured(f"WIJKPORTAAL_SCHEDULE: give a command and either daily or hourly: {entry!r}")
    daily = hourly_minute = None
    try:
        if "daily" in entry:
            daily = time.fromisoformat(entry["daily"])
        else:
            hourly_minute = int(entry["hourly"])
            if not 0 <= hourly_minute <= 59:
                raise ValueError
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"WIJKPORTAAL_SCHEDULE: a time like 07:00, or a minute 0-59: {entry!r}") from None
    return Job(
        name=entry.get("name", command),
        command=command,
        args=tuple(str(arg) for arg in entry.get("args", ())),
        daily=daily,
        hourly_minute=hourly_minute,
    )


def configured_jobs() -> list[Job]:
    jobs = [parse_entry(entry) for entry in settings.WIJKPORTAAL_SCHEDULE]
    names = [job.name for job in jobs]
    if len(names) != len(set(names)):
        raise ImproperlyConfigured("WIJKPORTAAL_SCHEDULE: give each job a different name.")
    return jobs


def run_due_jobs(*, now: datetime | None = None, worker_id: str = "") -> list[tuple[str, str]]:
    """Start every job that is due and not yet started for its period; return the (job, period) pairs started.

    With a queue (``WIJKPORTAAL_TASKS=database``) the claim and the queued task are one transaction; without
    one the job runs here, after its claim is saved, so a failing job is logged and not repeated every minute.
    """
    local_now = timezone.localtime(now or timezone.now())
    catch_up = timedelta(hours=settings.WIJKPORTAAL_SCHEDULE_CATCH_UP_HOURS)
    known_commands = get_commands()
    queued = not isinstance(run_scheduled_command.get_backend(), ImmediateBackend)
    started = []
    for job in configured_jobs():
        if job.command not in known_commands:
            logger.error("Scheduled job %s: there is no command %s.", job.name, job.command)
            continue
        moment = job.latest_moment(local_now)
        if local_now - moment > catch_up:
            continue
        period = job.period(moment)
        if ScheduledRun.objects.filter(job=job.name, period=period).exists():
            continue
        kwargs = {"command": job.command, "args": list(job.args), "period": period}
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, period=period, claimed_by=worker_id[:64])
                if queued:
                    run_scheduled_command.enqueue(**kwargs)
        except IntegrityError:
            continue  # another server was first
        started.append((job.name, period))
        if not queued:
            run_scheduled_command.enqueue(**kwargs)
    if started:
        ScheduledRun.objects.filter(claimed_at__lt=timezone.now() - KEEP_RUNS).delete()
    return started
