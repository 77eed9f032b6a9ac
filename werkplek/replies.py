"""The standard replies a corporation's moderators pick from: their own (edited in the admin, per corporation),
or, for a kind where the corporation has none, the portal's own texts in ``werkplek.canned``.

``for_organisation`` reads all kinds at once (one query) and gives ``{key: (label, text)}`` per kind. A key is
``"c<pk>"`` for a corporation's own reply and the canned key otherwise, so links on the page stay short.
"""

from . import canned
from .models import ReplyKind, StandardReply

REJECT, RETURN, DECLINE, ANSWER = ReplyKind.REJECT, ReplyKind.RETURN, ReplyKind.DECLINE, ReplyKind.ANSWER

DEFAULTS = {
    REJECT: (canned.REJECT_LABELS, canned.REJECT),
    RETURN: (canned.RETURN_LABELS, canned.RETURN),
    DECLINE: (canned.DECLINE_LABELS, canned.DECLINE),
    ANSWER: (canned.ANSWER_LABELS, canned.ANSWER),
}


def defaults(kind) -> dict[str, tuple[str, str]]:
    labels, texts = DEFAULTS[kind]
    return {key: (str(labels[key]), str(texts[key])) for key in texts}


def all_for(organisation_id) -> dict[str, dict[str, tuple[str, str]]]:
    """Every kind's replies for the corporation, with the portal's texts where it has none of a kind."""
    own: dict[str, dict[str, tuple[str, str]]] = {}
    for reply in StandardReply.objects.filter(organisation_id=organisation_id).only("kind", "label", "text"):
        own.setdefault(reply.kind, {})[f"c{reply.pk}"] = (reply.label, reply.text)
    return {kind: own.get(kind) or defaults(kind) for kind in ReplyKind.values}


def for_organisation(organisation_id, kind) -> dict[str, tuple[str, str]]:
    return all_for(organisation_id)[kind]
