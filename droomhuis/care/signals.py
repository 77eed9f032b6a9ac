"""Signals: what a broker or a paired expert noticed. Recorded and closed here, in a transaction, with the case
history row (which never says which kind or what) and the access-log row of the person who did it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from wijk.choices import RoleKind
from wijk.models import NoticeKind

from ..audit import case_log
from ..models import EventKind
from .common import brokers_notify, case_link, history_add
from .models import Signal, SignalKind


@transaction.atomic
def signal_record(
    *, dream, actor, kind: str, description: str, follow_up: str = "", role: str = RoleKind.BROKER
) -> Signal:
    """Record what was noticed. The case history says a signal was added, never which kind or what.

    ``role``: the case's broker, or the paired expert by experience (``RoleKind.EXPERT``).
    """
    if kind not in SignalKind.values:
        raise ValidationError(_("Kies een soort signaal uit de lijst."), code="unknown_kind")
    if not description.strip():
        raise ValidationError(_("Schrijf kort op wat u opviel."), code="description_required")
    signal = Signal.objects.create(
        dream=dream, kind=kind, description=description.strip(), follow_up=follow_up.strip(), recorded_by=actor
    )
    history_add(dream, EventKind.SIGNAL, actor)
    case_log(actor, signal, dream, "signaal", role=role)
    acute = kind == SignalKind.ACUTE_DANGER
    brokers_notify(
        dream,
        (_("Dringend: een signaal bij droom %(ref)s") if acute else _("Een nieuw signaal bij droom %(ref)s"))
        % {"ref": dream.reference_display},
        render_to_string(
            "droomhuis/email/signal.txt", {"acute": acute, "ref": dream.reference_display, "link": case_link(dream)}
        ),
        kind=NoticeKind.SIGNAL,
        acute=acute,
        exclude=actor,  # who recorded it knows; a signal is news for the owner when an expert or colleague adds it
    )
    return signal


@transaction.atomic
def signal_close(*, signal: Signal, actor) -> Signal:
    """Close a signal: nothing more to do. The retention clock starts at ``closed_at``."""
    if signal.closed_at is None:
        signal.closed_at = timezone.now()
        signal.closed_by = actor
        signal.save(update_fields=["closed_at", "closed_by"])
    case_log(actor, signal, signal.dream, "signaal")
    return signal
