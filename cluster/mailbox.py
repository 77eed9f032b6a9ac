"""The cluster's mail server: every message delivered as one file in ``CLUSTER_MAILBOX``, after a pause.

``make cluster`` gives its workers this backend (``DJANGO_EMAIL_BACKEND=cluster.mailbox.EmailBackend``) instead
of SMTP: nothing leaves the machine, and ``make clustertest`` reads each resident's login code and counts every
message by its Message-ID. Delivery takes ``CLUSTER_MAIL_SECONDS`` (default 1), like a real mail server's
answer, so a worker stopped on purpose is stopped in the middle of a message. A file is written in one move
(``os.replace``): it is there whole or not at all.
"""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = Path(os.environ["CLUSTER_MAILBOX"])
        folder.mkdir(parents=True, exist_ok=True)
        delivered = 0
        for message in email_messages:
            time.sleep(float(os.environ.get("CLUSTER_MAIL_SECONDS", "1")))
            name = uuid.uuid4().hex
            part = folder / f".{name}.part"
            part.write_bytes(message.message().as_bytes())
            os.replace(part, folder / f"{name}.eml")
            delivered += 1
        return delivered
