"""What the care services share: the case-history row and the notice to the case's brokers."""

from django.urls import reverse

from lib.links import absolute_url
from wijk.notices import staff_notify

from ..models import DreamEvent


def history_add(dream, kind, actor, to_value=""):
    """A row in the case's history. It says that something happened, never which signal or what it says."""
    DreamEvent.objects.create(dream=dream, kind=kind, actor=actor, to_value=str(to_value)[:200])


def case_link(dream) -> str:
    return absolute_url(reverse("droomhuis:case", kwargs={"reference": dream.reference}))


def brokers_notify(dream, subject, body, *, kind, acute: bool = False, exclude=None, everyone: bool = False) -> None:
    """Tell the brokers a case needs them: its owner, or (without one, or with ``everyone``) every broker of the
    neighbourhood, each the way they chose (``wijk.notices``). The notice says that something happened and
    where; what it is stays in the portal."""
    from ..permissions import brokers_for

    if dream.owner_id and not everyone:
        users = [dream.owner]
    else:
        users = list(brokers_for(dream.neighbourhood))
    users = [u for u in users if exclude is None or u.pk != exclude.pk]
    staff_notify(users=users, kind=kind, subject=subject, body=body, url=case_link(dream), acute=acute)
