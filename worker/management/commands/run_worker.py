"""The background worker: starts scheduled jobs that are due and runs queued tasks (e-mail), in one process.

Run it on one or more worker machines: ``python manage.py run_worker``. Several at once are safe: a job
runs once per period (see ``worker.schedule``) and each queued task is claimed by one worker.
``--once`` checks the schedule, runs every task that is waiting and stops (for cron or a test). A running
worker writes a heartbeat; tasks of a worker that went silent are queued again (``worker.lease``).
"""

import os
import signal
import socket
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks import task_backends

from lib.pdf import pdf_warm_up
from worker.lease import Heartbeat, heartbeat, reclaim_stalled_tasks
from worker.schedule import run_due_jobs


class Command(BaseCommand):
    help = "Run scheduled jobs and queued tasks (e-mail). Safe to run on several machines at once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round: due jobs and waiting tasks, then stop.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between rounds (default 5).")
        parser.add_argument("--no-schedule", action="store_true", help="Only run queued tasks, no scheduled jobs.")

    def handle(self, *, once: bool, interval: float, no_schedule: bool, verbosity: int, **options):
        self.worker_id = f"{socket.gethostname()}-{os.getpid()}"[:64]
        self.stopping = False
        self.task_worker = None
        heartbeat(self.worker_id)  # before the first claim: its tasks are never taken for a dead worker's
        if once:  # one round (cron): its own start is its heartbeat; the lease must outlast the longest task
            self._loop(once=once, interval=interval, no_schedule=no_schedule, verbosity=verbosity)
            return
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        beat = Heartbeat(self.worker_id)
        beat.start()
        pdf_warm_up()  # the first PDF task then takes its own time, not WeasyPrint's start as well
        try:
            self._loop(once=once, interval=interval, no_schedule=no_schedule, verbosity=verbosity)
        finally:
            beat.stopping.set()

    def _loop(self, *, once: bool, interval: float, no_schedule: bool, verbosity: int):
        while not self.stopping:
            close_old_connections()
            reclaimed = reclaim_stalled_tasks()
            if verbosity and reclaimed:
                self.stdout.write(f"{reclaimed} task(s) of a stopped worker queued again.")
            if not no_schedule:
                for job, period in run_due_jobs(worker_id=self.worker_id):
                    if verbosity:
                        self.stdout.write(f"Scheduled job {job} for {period} started.")
            ran = self._run_waiting_tasks()
            if verbosity and ran:
                self.stdout.write(f"{ran} queued task(s) run.")
            close_old_connections()
            if once:
                break
            deadline = time.monotonic() + interval
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(0.5, interval))

    def _stop(self, signum, frame):
        """Finish the task at hand, then stop (systemd and Ctrl+C send this)."""
        self.stopping = True
        if self.task_worker is not None:
            self.task_worker.running = False

    def _run_waiting_tasks(self) -> int:
        """Run every task in the database queue that is ready now; 0 when tasks run at once (no queue)."""
        from django_tasks_db.backend import DatabaseBackend

        if not isinstance(task_backends["default"], DatabaseBackend):
            return 0
        from django_tasks_db.management.commands.db_worker import Worker

        self.task_worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=self.worker_id,
            excluded_queue_names=[],
        )
        try:
            self.task_worker.run()
            return self.task_worker._run_tasks
        finally:
            self.task_worker = None
