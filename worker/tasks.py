"""The tasks the worker runs: send one e-mail, run one scheduled command. A failure is logged and tried again later."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def _retry_or_give_up(task_object, *, attempt: int, what: str, kwargs: dict) -> None:
    """Queue the task again after a pause, or log that it stops trying. The caller re-raises the error,
    so the failed attempt stays in the task results (with its traceback) for the admin."""
    delays = settings.WIJKPORTAAL_TASK_RETRY_MINUTES
    if attempt <= len(delays) and task_object.get_backend().supports_defer:
        run_after = timezone.now() + timedelta(minutes=delays[attempt - 1])
        task_object.using(run_after=run_after).enqueue(**kwargs, attempt=attempt + 1)
        logger.warning(
            "%s failed (attempt %d); trying again after %s.", what, attempt, run_after.isoformat(), exc_info=True
        )
    else:
        logger.error("%s failed (attempt %d); no more attempts.", what, attempt, exc_info=True)


@task()
def send_email_message(*, data: dict, attempt: int = 1) -> int:
    """Send one message (see ``worker.mail.message_to_data``) with the backend that really delivers mail."""
    from .mail import delivery_accepted, delivery_begin, message_from_data, real_connection

    try:
        message_id = next((v for k, v in data["headers"].items() if k.lower() == "message-id"), "")
        if message_id and not delivery_begin(message_id):
            return 0  # the mail server accepted it before; the worker that sent it stopped before it could say so
        connection = real_connection(fail_silently=False)
        connection.open()  # so the acceptance is written down before the goodbye to the server, not after
        try:
            sent = connection.send_messages([message_from_data(data)]) or 0
            if sent and message_id:
                delivery_accepted(message_id)
        finally:
            connection.close()
        return sent
    except Exception:
        recipients = len(data["to"]) + len(data["cc"]) + len(data["bcc"])
        _retry_or_give_up(
            send_email_message,
            attempt=attempt,
            what=f"E-mail {data['subject']!r} to {recipients} recipient(s)",
            kwargs={"data": data},
        )
        raise


@task()
def run_scheduled_command(*, command: str, args: list[str], period: str, attempt: int = 1) -> str:
    """Run one management command of ``WIJKPORTAAL_SCHEDULE`` for ``period``."""
    logger.info("Scheduled job %s for %s: start (attempt %d).", command, period, attempt)
    try:
        call_command(command, *args)
    except Exception:
        _retry_or_give_up(
            run_scheduled_command,
            attempt=attempt,
            what=f"Scheduled job {command} for {period}",
            kwargs={"command": command, "args": args, "period": period},
        )
        raise
    logger.info("Scheduled job %s for %s: done.", command, period)
    return period
