"""All outgoing e-mail through the task queue, without touching the places that send it.

With ``WIJKPORTAAL_TASKS`` set, ``EMAIL_BACKEND`` is :class:`TaskEmailBackend`: every message (also allauth's
login codes) becomes a task; the worker sends it with the real backend, ``WIJKPORTAAL_EMAIL_BACKEND``.
A message is stored as plain JSON (subject, body, HTML alternative, sender, recipients, reply-to,
headers, attachments) and rebuilt on the worker.

**Delivery guarantee** (step by step in ``docs/deploy.md``, "E-mail: what is guaranteed, exactly"): at least once, with one Message-ID. Each
message gets its Message-ID when it is queued. Before talking to the mail server, the worker writes down that
it starts (``MailDelivery``, by Message-ID, committed at once); as soon as the server has accepted the message,
and before the worker says goodbye to the server or marks the task done, it writes down the acceptance. A task
run again (after its worker was killed, or after an error) sends nothing when the acceptance is there. Only a
worker that dies in the moment between the server's "accepted" and that one write leaves no trace of the
acceptance; the message is then sent again, with the same Message-ID (mail programs that recognise it show
it once; others show two identical messages, the code in both the same). A login code is never lost for it.
"""

import base64
import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResultStatus

logger = logging.getLogger(__name__)

TASK_EMAIL_BACKEND = "worker.mail.TaskEmailBackend"


class MessageNotSerializable(ValueError):
    """The message has a part (a ready-made MIME attachment) that cannot be stored as JSON."""


def _text(value) -> str:
    return "" if value is None else str(value)


def message_to_data(message: EmailMessage) -> dict:
    """Everything needed to rebuild ``message`` on another machine, as JSON-safe values."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise MessageNotSerializable("MIME attachments cannot be queued.")
        filename, content, mimetype = attachment
        if isinstance(content, bytes):
            attachments.append(
                {"filename": filename, "base64": base64.b64encode(content).decode("ascii"), "mimetype": mimetype}
            )
        else:
            attachments.append({"filename": filename, "text": _text(content), "mimetype": mimetype})
    return {
        "subject": _text(message.subject),
        "body": _text(message.body),
        "from_email": _text(message.from_email),
        "to": [_text(address) for address in message.to],
        "cc": [_text(address) for address in message.cc],
        "bcc": [_text(address) for address in message.bcc],
        "reply_to": [_text(address) for address in message.reply_to],
        "headers": {_text(name): _text(value) for name, value in message.extra_headers.items()},
        "alternatives": [
            [_text(content), mimetype] for content, mimetype in getattr(message, "alternatives", None) or []
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "encoding": message.encoding,
    }


def message_from_data(data: dict) -> EmailMultiAlternatives:
    """The message again, from :func:`message_to_data`'s output."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        if "base64" in attachment:
            content = base64.b64decode(attachment["base64"])
        else:
            content = attachment["text"]
        message.attach(attachment["filename"], content, attachment["mimetype"])
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    message.encoding = data["encoding"]
    return message


def delivery_begin(message_id: str) -> bool:
    """Write down that a worker starts handing the message over; False when the mail server already accepted it.

    Runs outside any transaction (the worker's tasks do), so the row is there even if this worker dies next."""
    from .models import MailDelivery

    now = timezone.now()
    record, created = MailDelivery.objects.get_or_create(
        message_id=message_id[:255], defaults={"started_at": now, "attempts": 1}
    )
    if created:
        return True
    if record.accepted_at is not None:
        logger.warning(
            "E-mail %s was accepted by the mail server at %s: not sent again.", message_id, record.accepted_at
        )
        return False
    MailDelivery.objects.filter(pk=record.pk).update(started_at=now, attempts=F("attempts") + 1)
    logger.warning(
        "E-mail %s: an earlier attempt (%d) stopped without an answer from the mail server; sent again with the "
        "same Message-ID.",
        message_id,
        record.attempts,
    )
    return True


def delivery_accepted(message_id: str) -> None:
    """The mail server accepted the message: a task run again for it sends nothing."""
    from .models import MailDelivery

    MailDelivery.objects.filter(message_id=message_id[:255]).update(accepted_at=timezone.now())


def real_connection(**kwargs):
    """A connection to the backend that really delivers mail (SMTP in production)."""
    backend = settings.WIJKPORTAAL_EMAIL_BACKEND
    if backend == TASK_EMAIL_BACKEND:
        raise ImproperlyConfigured("WIJKPORTAAL_EMAIL_BACKEND must be a backend that delivers mail.")
    return get_connection(backend, **kwargs)


class TaskEmailBackend(BaseEmailBackend):
    """Puts every message in the task queue, one task each, so one bad address never holds up the rest."""

    def send_messages(self, email_messages) -> int:
        from .tasks import send_email_message

        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            # The Message-ID is fixed when the message is queued: a copy sent again after a worker stopped
            # halfway is recognisably the same message.
            if not any(name.lower() == "message-id" for name in message.extra_headers):
                message.extra_headers["Message-ID"] = make_msgid(domain=DNS_NAME)
            try:
                data = message_to_data(message)
            except MessageNotSerializable:
                logger.warning("E-mail with a MIME attachment is sent at once, not through the queue.")
                sent += real_connection(fail_silently=self.fail_silently).send_messages([message]) or 0
                continue
            result = send_email_message.enqueue(data=data)
            if result.status == TaskResultStatus.FAILED:
                # Only the immediate backend runs the task here; it keeps the error in the result.
                if not self.fail_silently:
                    raise OSError(f"E-mail was not sent: {result.errors[-1].traceback.splitlines()[-1]}")
                continue
            sent += 1
        return sent
