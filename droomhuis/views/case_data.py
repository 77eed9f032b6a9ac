"""Helpers of the broker's case page: shared lists from the cache, and form choices without a query."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext


def cached_many(computes: dict) -> dict:
    """Lists that are the same for many cases (themes, brokers, partners), kept until one of them changes.

    ``computes`` maps a name to a function that builds the value. All are read with one cache read. The keys
    carry the version of the staff lists (``wijk.public_cache``), which every save of an organisation, role,
    account, theme, consent text or confidentiality statement bumps, so a new broker or partner shows at
    once, while a note on a case keeps them. Only for lists built from those records; never about a resident.
    """
    from django.core.cache import cache

    from wijk.public_cache import STAFF_LISTS, versioned_key

    keys = {name: versioned_key(f"droomhuis:case:{name}", STAFF_LISTS) for name in computes}
    found = cache.get_many(list(keys.values()))
    values, missing = {}, {}
    for name, key in keys.items():
        if key in found:
            values[name] = found[key]
        else:
            values[name] = missing[key] = computes[name]()
    if missing:
        cache.set_many(missing, 600)
    return values


def use_choices(form, name: str, objects) -> None:
    """Fill a model choice field from an already loaded list, so rendering the form runs no query.

    Only for forms that are shown, not validated: a submitted form checks its choices against the database.
    """
    form_field = form.fields[name]
    choices = [(obj.pk, form_field.label_from_instance(obj)) for obj in objects]
    if getattr(form_field, "empty_label", None) is not None:
        choices.insert(0, ("", form_field.empty_label))
    form_field.choices = choices


@dataclass(frozen=True)
class Entry:
    """One line of the case's history: when, who (``None``: the resident), what, and any text that goes with it."""

    at: datetime
    who: object
    title: str
    text: str = ""
    body: str = ""
    hint: str = ""


def handover_title(event) -> str:
    """ "Overgedragen van A aan B door C": a case given from one broker to another, by whom."""
    who = event.actor.name or event.actor.email if event.actor else gettext("de bewoner")
    return gettext("Overgedragen van %(from)s aan %(to)s door %(who)s") % {
        "from": event.from_value,
        "to": event.to_value,
        "who": who,
    }


def timeline(events, attempts, notes, updates, partner_steps=()) -> list[Entry]:
    """Everything that happened on a case in one list, newest first, from lists the page already read.

    ``partner_steps`` are ``(referral, event)`` pairs: what became of a referral (received, contact, closed) and
    the note that came with it, under the partner's name when the partner used their link. Only the case owner's
    page reads them.

    Contact attempts, notes and messages come from their own rows, which say more than their history row
    (the day and part of the day, the note's and the message's text); the history rows about them are left
    out. A private note the user may not read is left out altogether (``NoteQuerySet.visible_to``).
    """
    from ..models import EventKind

    told_elsewhere = {EventKind.CONTACT_ATTEMPT, EventKind.NOTE, EventKind.RESIDENT_UPDATE}
    handovers = [e for e in events if e.kind == EventKind.OWNER and e.from_value and e.to_value]
    handed = {e.pk for e in handovers}
    entries = [Entry(at=e.at, who=e.actor, title=handover_title(e), text=e.reason) for e in handovers] + [
        Entry(
            at=e.at,
            who=e.actor,
            title=e.get_kind_display(),
            text=" → ".join(str(v) for v in (e.from_value and e.from_label, e.to_value and e.to_label) if v)
            + (f". {gettext('Reden:')} {e.reason}" if e.reason and e.kind != EventKind.MATCH else ""),
            # A match's note (why, or how it ended) is its own text, not a reason for a change.
            body=e.reason if e.kind == EventKind.MATCH else "",
            hint=e.get_channel_display() if e.channel else "",
        )
        for e in events
        if e.kind not in told_elsewhere and e.pk not in handed
    ]
    entries += [
        Entry(
            at=a.at,
            who=a.by,
            title=EventKind.CONTACT_ATTEMPT.label,
            text=f"{a.get_channel_display()}, {date_format(a.day, 'j F Y')}, {a.get_part_of_day_display().lower()}: "
            + (gettext("bereikt") if a.reached else gettext("niet bereikt")),
            body=a.note,
        )
        for a in attempts
    ]
    entries += [
        Entry(
            at=n.created_at,
            who=n.author,
            title=EventKind.NOTE.label,
            body=n.body,
            hint=gettext("privé") if n.private else gettext("voor het team"),
        )
        for n in notes
    ]
    entries += [
        Entry(at=u.created_at, who=u.author, title=EventKind.RESIDENT_UPDATE.label, body=u.body) for u in updates
    ]
    entries += [
        Entry(
            at=step.at,
            who=step.actor or referral.partner,
            title=gettext("Aanmelding %(reference)s") % {"reference": referral.reference},
            text=step.to_label
            + (f" ({referral.get_outcome_display()})" if step.to_status == "closed" and referral.outcome else ""),
            body=step.note,
        )
        for referral, step in partner_steps
    ]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
