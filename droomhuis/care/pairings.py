"""Pairings: an expert by experience accompanies a resident, with the resident's consent and the expert's signed
confidentiality statement; the expert's notes on a pairing. Each write runs in a transaction and leaves the
case-history and access-log rows."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijk.choices import Channel, DataCategory, Purpose, RoleKind
from wijk.services import consent_check, consent_give

from .. import conf
from ..audit import case_log
from ..consents import consent_text_for
from ..models import EventKind
from .common import history_add
from .models import ConfidentialityStatement, ExpertNote, Pairing

CONSENT_PAIRING_KEY = "pairing"


@transaction.atomic
def pairing_consent_record(*, dream, actor, categories, method: str, explicit: bool = False, note: str = ""):
    """The resident agrees (by phone, on paper or in person) that an expert by experience may accompany them.

    ``contact`` or ``dream`` makes a pairing possible; a signal kind lets the expert read those signals too.
    """
    if method == Channel.ONLINE:
        raise ValidationError(_("Kies hoe de bewoner ja zei."), code="method_required")
    if not categories:
        raise ValidationError(_("Kies minstens één soort gegevens."), code="categories_required")
    explanation = consent_text_for(CONSENT_PAIRING_KEY)
    records = [
        consent_give(
            resident=dream.resident,
            category=category,
            purpose=Purpose.PAIRING,
            recipient=dream.neighbourhood.corporation,
            explanation=explanation,
            method=method,
            recorded_by=actor,
            explicit=explicit and category == DataCategory.HEALTH,
            note=note,
        )
        for category in categories
    ]
    history_add(dream, EventKind.CONSENT_GIVEN, actor, _("ervaringsdeskundige"))
    case_log(actor, records[0], dream, "toestemming")
    return records


@transaction.atomic
def pairing_create(*, dream, expert, actor) -> Pairing:
    """Pair an expert by experience with the resident: needs the resident's active pairing consent
    (contact or dream, to the corporation) and the expert's signed confidentiality statement."""
    corporation = dream.neighbourhood.corporation
    if not expert.roles.filter(kind=RoleKind.EXPERT, organisation=corporation, active=True).exists():
        raise ValidationError(_("Deze persoon is geen ervaringsdeskundige van deze corporatie."), code="not_expert")
    if not ConfidentialityStatement.objects.filter(expert=expert, organisation=corporation).exists():
        raise ValidationError(
            _("Leg eerst vast dat de ervaringsdeskundige de geheimhoudingsverklaring tekende."),
            code="no_confidentiality",
        )
    consent = None
    for category in (DataCategory.CONTACT, DataCategory.DREAM):
        check = consent_check(
            resident=dream.resident, category=category, purpose=Purpose.PAIRING, recipient=corporation
        )
        if check:
            consent = check.consent
            break
    if consent is None:
        raise ValidationError(
            _("De bewoner heeft geen toestemming gegeven voor een ervaringsdeskundige."), code="no_consent"
        )
    pairing = Pairing.objects.create(
        dream=dream,
        expert=expert,
        consent=consent,
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=conf.pairing_days()),
    )
    history_add(dream, EventKind.PAIRING, actor, expert.name or expert.email)
    case_log(actor, pairing, dream, "koppeling")
    return pairing


@transaction.atomic
def pairing_renew(*, pairing: Pairing, actor) -> Pairing:
    """Extend a pairing by the set period, if the resident's consent still holds."""
    if not pairing.consent.is_active():
        raise ValidationError(_("De toestemming van de bewoner geldt niet meer."), code="no_consent")
    pairing.expires_at = timezone.now() + timedelta(days=conf.pairing_days())
    pairing.save(update_fields=["expires_at"])
    history_add(pairing.dream, EventKind.PAIRING, actor, _("verlengd"))
    case_log(actor, pairing, pairing.dream, "koppeling")
    return pairing


@transaction.atomic
def expert_note_add(*, pairing: Pairing, body: str) -> ExpertNote:
    """A note by the expert (``pairing.expert``, who writes the access-log row): read by the case's broker only."""
    if not body.strip():
        raise ValidationError(_("Schrijf een notitie."), code="body_required")
    note = ExpertNote.objects.create(pairing=pairing, body=body.strip())
    case_log(pairing.expert, note, pairing.dream, "notitie ervaringsdeskundige", role=RoleKind.EXPERT)
    return note


def pairings_end_for(*, consent, withdrawal):
    """A withdrawn pairing consent ends the pairings that rest on it, at once."""
    for pairing in Pairing.objects.active().filter(consent=consent).select_related("dream"):
        pairing.ended_at = timezone.now()
        pairing.save(update_fields=["ended_at"])
        history_add(pairing.dream, EventKind.PAIRING, withdrawal.recorded_by, _("gestopt: toestemming ingetrokken"))
