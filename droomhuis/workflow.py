"""The dream's status workflow, written down as data. ``services.dream_transition`` is the only writer.

A case goes new → being picked up → in conversation → with a partner → realised, and can end as not
feasible or withdrawn by the resident. Steps back are allowed where real work goes back: a broker can
hand a case back to the queue, a partner can drop out, and a "not feasible" case can be reopened.
Every step back, and every ending other than "realised", needs a reason.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DreamStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    PICKING_UP = "picking_up", _("Wordt opgepakt")
    IN_CONVERSATION = "in_conversation", _("In gesprek")
    WITH_PARTNER = "with_partner", _("Bij een partner")
    REALISED = "realised", _("Gelukt")
    NOT_FEASIBLE = "not_feasible", _("Niet haalbaar")
    WITHDRAWN = "withdrawn", _("Ingetrokken door de bewoner")


S = DreamStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.PICKING_UP, S.NOT_FEASIBLE, S.WITHDRAWN}),
    S.PICKING_UP: frozenset({S.NEW, S.IN_CONVERSATION, S.NOT_FEASIBLE, S.WITHDRAWN}),
    S.IN_CONVERSATION: frozenset({S.PICKING_UP, S.WITH_PARTNER, S.REALISED, S.NOT_FEASIBLE, S.WITHDRAWN}),
    S.WITH_PARTNER: frozenset({S.IN_CONVERSATION, S.REALISED, S.NOT_FEASIBLE, S.WITHDRAWN}),
    S.REALISED: frozenset(),
    S.NOT_FEASIBLE: frozenset({S.IN_CONVERSATION}),
    S.WITHDRAWN: frozenset(),
}

# Steps that go back in the workflow; they need a reason, like the endings below.
BACKWARD: frozenset[tuple[str, str]] = frozenset(
    {
        (S.PICKING_UP, S.NEW),
        (S.IN_CONVERSATION, S.PICKING_UP),
        (S.WITH_PARTNER, S.IN_CONVERSATION),
        (S.NOT_FEASIBLE, S.IN_CONVERSATION),
    }
)
NEEDS_REASON_TARGETS = frozenset({S.NOT_FEASIBLE, S.WITHDRAWN})

OPEN = frozenset({S.NEW, S.PICKING_UP, S.IN_CONVERSATION, S.WITH_PARTNER})
CLOSED = frozenset({S.REALISED, S.NOT_FEASIBLE, S.WITHDRAWN})

# What the resident reads on their follow page, in plain words.
RESIDENT_TEXT = {
    S.NEW: _("Wij hebben uw droom ontvangen. De droommakelaar neemt hem snel in behandeling."),
    S.PICKING_UP: _("De droommakelaar leest uw droom en neemt contact met u op."),
    S.IN_CONVERSATION: _("De droommakelaar praat met u over uw droom."),
    S.WITH_PARTNER: _("Een partner in de wijk kijkt mee om uw droom waar te maken."),
    S.REALISED: _("Uw droom is gelukt!"),
    S.NOT_FEASIBLE: _("Het is helaas niet gelukt om deze droom waar te maken."),
    S.WITHDRAWN: _("U heeft deze droom ingetrokken. Wij doen er niets meer mee."),
}


def allowed_targets(status: str) -> list[str]:
    """The statuses a case may move to from ``status``, in workflow order."""
    targets = TRANSITIONS.get(status, frozenset())
    return [value for value in DreamStatus.values if value in targets]


def is_allowed(source: str, target: str) -> bool:
    return target in TRANSITIONS.get(source, frozenset())


def needs_reason(source: str, target: str) -> bool:
    return (source, target) in BACKWARD or target in NEEDS_REASON_TARGETS
