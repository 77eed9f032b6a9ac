"""A lease on queued tasks: a task claimed by a worker that stopped (killed, machine gone) is run again.

django-tasks-db marks a task "running" when a worker claims it and never looks at it again, so a worker killed
halfway left its task running forever: a login code that never arrived. Every worker now writes a heartbeat
(``WorkerHeartbeat``) every ``WIJKPORTAAL_WORKER_HEARTBEAT_SECONDS``; before claiming tasks, each worker puts
back in the queue every running task whose worker has not been heard of for ``WIJKPORTAAL_WORKER_LEASE_SECONDS``.

An e-mail keeps the Message-ID it got when it was queued, and its acceptance by the mail server is written
down the moment it happens (``worker.mail``): a task run again after its worker was killed sends no second
copy of a message the server had accepted (see "Delivery guarantee" there for the one remaining moment).
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus

from .models import MailDelivery, WorkerHeartbeat

# Longer than every retry of a message together (``WIJKPORTAAL_TASK_RETRY_MINUTES``: about 7 hours).
MAIL_DELIVERY_KEEP_DAYS = 7

logger = logging.getLogger(__name__)


def heartbeat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id[:64], defaults={"seen_at": timezone.now()})


class Heartbeat(threading.Thread):
    """Writes this worker's heartbeat in the background, also while a long task runs."""

    def __init__(self, worker_id: str):
        super().__init__(daemon=True, name="heartbeat")
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                heartbeat(self.worker_id)
            except Exception:  # noqa: BLE001 - a missed beat is retried; the database may be restarting
                logger.warning("Worker %s could not write its heartbeat.", self.worker_id, exc_info=True)
            finally:
                close_old_connections()
            self.stopping.wait(settings.WIJKPORTAAL_WORKER_HEARTBEAT_SECONDS)
        connection.close()


def reclaim_stalled_tasks(*, now=None) -> int:
    """Put running tasks of workers that have gone silent back in the queue; return how many."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    silent_since = now - timedelta(seconds=settings.WIJKPORTAAL_WORKER_LEASE_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=silent_since).values_list("worker_id", flat=True))
    reclaimed = 0
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update(skip_locked=True).order_by("enqueued_at"):
            owner = result.worker_ids[-1] if result.worker_ids else ""
            if owner in alive or (result.started_at and result.started_at > silent_since):
                continue
            result.status = TaskResultStatus.READY
            result.save(update_fields=["status"])
            reclaimed += 1
            logger.warning("Task %s of silent worker %s is queued again.", result.pk, owner)
    if reclaimed or now.minute == 0:
        WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
        MailDelivery.objects.filter(started_at__lt=now - timedelta(days=MAIL_DELIVERY_KEEP_DAYS)).delete()
    return reclaimed
