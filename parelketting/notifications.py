"""Updates for residents go through ``wijk.services.resident_notify``: a letter for who wants post, else e-mail.

The text is written in the resident's own language. Staff e-mails do not come here.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import translation

from wijk.services import resident_notify


def resident_update_send(
    *,
    resident,
    organisation,
    reason: str,
    compose: Callable[[], tuple[str, str]],
    created_by=None,
    on_commit: bool = True,
) -> None:
    """Write ``compose()`` (subject, body) in the resident's language and send it the way they prefer.

    With ``on_commit`` the message goes out only once the surrounding transaction is saved.
    """
    if resident is None:
        return

    def send() -> str:
        with translation.override(resident.language or "nl"):
            subject, body = compose()
            subject, body = str(subject), str(body)
        return resident_notify(
            resident=resident,
            organisation=organisation,
            subject=subject,
            body=body,
            reason=reason,
            created_by=created_by,
        )

    if on_commit:
        transaction.on_commit(send)
    else:
        send()
