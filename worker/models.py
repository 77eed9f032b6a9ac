"""One row per scheduled job and period: the unique pair makes sure a job runs once, however many servers ask."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    job = models.CharField(max_length=100)
    # "2026-11-25" for a daily job, "2026-11-25T07" for an hourly one (local time).
    period = models.CharField(max_length=20)
    claimed_at = models.DateTimeField(auto_now_add=True)
    claimed_by = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("geplande taak")
        verbose_name_plural = _("geplande taken")
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="worker_scheduledrun_once")]
        ordering = ["-claimed_at"]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"


class WorkerHeartbeat(models.Model):
    """A running worker says it is alive every few seconds; a task it claimed is handed on when it stops saying so."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("teken van leven van de achtergrondverwerker")
        verbose_name_plural = _("tekens van leven van de achtergrondverwerker")

    def __str__(self) -> str:
        return f"{self.worker_id} {self.seen_at:%Y-%m-%d %H:%M:%S}"


class MailDelivery(models.Model):
    """One queued e-mail by its Message-ID: when a worker began handing it to the mail server, how often, and
    when the server accepted it. A task run again after its worker stopped looks here first (``worker.tasks``).
    Holds no address and no content: the Message-ID is random. Rows go after ``MAIL_DELIVERY_KEEP_DAYS``."""

    message_id = models.CharField(max_length=255, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.message_id
