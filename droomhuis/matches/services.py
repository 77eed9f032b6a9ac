"""Writes for matches: record that a partner or a neighbour's pearl could help with a dream, reach them through
the relay that exists for it, and close the match with an outcome.

Each function runs in one transaction and writes, inside it, the case's history row and the access-log row.
The organisation wall is checked here, not in a view: only partners and pearls that ``matching`` would suggest
for this dream (its own corporation and neighbourhood) can be matched.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import case_log
from ..care.referrals import referral_create
from ..models import DreamEvent, EventKind
from . import matching
from .models import Match, MatchKind, MatchOutcome, MatchStatus


def _trace(match: Match, actor, to_value: str, detail: str, reason: str = "") -> None:
    """The case's history row and the access-log row for one step of a match."""
    dream = match.dream
    DreamEvent.objects.create(
        dream=dream, kind=EventKind.MATCH, actor=actor, from_value=match.label[:200], to_value=to_value,
        reason=reason[:500],
    )  # fmt: skip
    case_log(actor, match, dream, detail)


@transaction.atomic
def match_record(*, dream, actor, partner=None, pearl=None, note: str = "") -> Match:
    """Record a match between ``dream`` and one partner or one personal pearl of its own neighbourhood."""
    if (partner is None) == (pearl is None):
        raise ValidationError(_("Kies één partner of één parel."), code="one_target")
    if not dream.is_open:
        raise ValidationError(_("Deze droom is afgesloten. U kunt geen match meer vastleggen."), code="closed")
    if partner is not None:
        if not matching.partners_for(dream).filter(pk=partner.pk).exists():
            raise ValidationError(_("Deze partner werkt niet in de wijk van deze droom."), code="outside")
        kind, same = MatchKind.PARTNER, Match.objects.open().filter(dream=dream, partner=partner)
    else:
        pearls = matching.pearls_for(dream)
        if pearls is None or not pearls.filter(pk=pearl.pk).exists():
            raise ValidationError(_("Deze parel staat niet in de wijk van deze droom."), code="outside")
        kind, same = MatchKind.PEARL, Match.objects.open().filter(dream=dream, pearl=pearl)
    if same.exists():
        raise ValidationError(_("Deze match staat er al."), code="duplicate")
    match = Match.objects.create(
        dream=dream, kind=kind, partner=partner, pearl=pearl, note=note.strip()[:500], created_by=actor
    )
    _trace(match, actor, MatchStatus.RECORDED, "match vastgelegd", reason=match.note)
    return match


def _locked(match: Match) -> Match:
    return Match.objects.select_for_update(of=("self",)).select_related("dream", "partner", "pearl").get(pk=match.pk)


def sender_name(actor, dream) -> str:
    name = actor.name or actor.email
    return _("%(name)s, droommakelaar van %(corporation)s") % {
        "name": name,
        "corporation": dream.neighbourhood.corporation.name,
    }


def reply_how(actor, dream) -> str:
    corporation = dream.neighbourhood.corporation
    if corporation.phone:
        return _("Bel %(phone)s en vraag naar %(name)s.") % {"phone": corporation.phone, "name": actor.name or ""}
    return _("Mail naar %(email)s.") % {"email": actor.email}


@transaction.atomic
def match_contact(*, match: Match, actor, message: str, categories=()) -> Match:
    """Reach the other side of a match through its existing relay.

    A partner gets a referral (``referral_create``): only with the resident's consent for every category
    shared, and the partner is mailed a link as with any referral. The person behind a pearl gets a message
    through the pearl (``parelketting.selectors.message_to_pearl``): by e-mail, or the moderators pass it on.
    """
    match = _locked(match)
    if match.status != MatchStatus.RECORDED:
        raise ValidationError(_("Voor deze match is al contact gezocht."), code="already_contacted")
    if not message.strip():
        raise ValidationError(_("Schrijf wat u vraagt."), code="message_required")
    dream = match.dream
    if match.kind == MatchKind.PARTNER:
        match.referral = referral_create(
            dream=dream, actor=actor, partner=match.partner, categories=list(categories), question=message
        )
        detail = "match: aangemeld bij de partner"
    else:
        if match.pearl is None:
            raise ValidationError(_("Deze parel is er niet meer."), code="pearl_gone")
        from parelketting.selectors import message_to_pearl

        message_to_pearl(
            pearl=match.pearl,
            sender=actor,
            sender_name=sender_name(actor, dream),
            body=message,
            reply_how=reply_how(actor, dream),
        )
        detail = "match: bericht via de parel"
    match.status = MatchStatus.CONTACTED
    match.contacted_at = timezone.now()
    match.save(update_fields=["status", "contacted_at", "referral"])
    _trace(match, actor, MatchStatus.CONTACTED, detail)
    return match


@transaction.atomic
def match_close(*, match: Match, actor, outcome: str, note: str = "") -> Match:
    """Close a match with its outcome (and a short note); the case's history and the evidence show it."""
    match = _locked(match)
    if not match.is_open:
        raise ValidationError(_("Deze match is al afgesloten."), code="already_closed")
    if outcome not in MatchOutcome.values:
        raise ValidationError(_("Kies een uitkomst."), code="outcome_required")
    match.status = MatchStatus.CLOSED
    match.outcome = outcome
    match.outcome_note = note.strip()[:500]
    match.closed_at = timezone.now()
    match.save(update_fields=["status", "outcome", "outcome_note", "closed_at"])
    _trace(match, actor, outcome, "match afgesloten", reason=match.outcome_note)
    return match
