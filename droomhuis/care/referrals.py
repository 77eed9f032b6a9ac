"""Referrals: the resident passed on to a partner, with the consent recorded by the broker; the acute referral
without consent and its second broker's review; the partner's signed link and mail. Each write runs in a
transaction and leaves a trace (referral events, case history, and the access-log row of the person who did
it). Consent is checked here, in one place, never in a view.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lib.links import absolute_url
from wijk.choices import Channel, DataCategory, OrganisationKind, Purpose, RoleKind
from wijk.models import NoticeKind
from wijk.services import consent_check, consent_give

from .. import conf, workdays
from ..audit import case_log, partner_log
from ..consents import consent_text_for
from ..models import EventKind
from .common import brokers_notify, case_link, history_add
from .models import Referral, ReferralEvent, Signal, SignalKind
from .workflow import ReferralOutcome, ReferralStatus, is_allowed

LINK_SALT = "droomhuis.referral-link"
CONSENT_REFERRAL_KEY = "referral"

# What each shared category shows the partner. Anything not listed here is never shown.
CATEGORY_FIELDS = {
    DataCategory.CONTACT: ["first_name", "contact_preference", "phone", "email", "postal_address", "contact_notes"],
    DataCategory.DREAM: ["dream_text"],
    **{kind: [f"signals:{kind}"] for kind in SignalKind.values},
}
REFERRABLE = [DataCategory.CONTACT, DataCategory.DREAM, *SignalKind.values]


@transaction.atomic
def referral_consent_record(*, dream, actor, partner, categories, method: str, explicit: bool = False, note: str = ""):
    """The resident said yes by phone, on paper or in person; the broker records one consent per category.

    Health needs the explicit yes; the explanation text the broker read out is stored with its version.
    """
    if method == Channel.ONLINE:
        raise ValidationError(_("Kies hoe de bewoner ja zei."), code="method_required")
    if not categories:
        raise ValidationError(_("Kies minstens één soort gegevens."), code="categories_required")
    explanation = consent_text_for(CONSENT_REFERRAL_KEY)
    records = [
        consent_give(
            resident=dream.resident,
            category=category,
            purpose=Purpose.REFERRAL,
            recipient=partner,
            explanation=explanation,
            method=method,
            recorded_by=actor,
            explicit=explicit and category == DataCategory.HEALTH,
            valid_until=timezone.now() + timedelta(days=365),
            note=note,
        )
        for category in categories
    ]
    history_add(dream, EventKind.CONSENT_GIVEN, actor, partner.name)
    case_log(actor, records[0], dream, f"toestemming ({len(records)})")
    return records


REASON_TEXT = {
    "no_active_consent": _("Er is geen geldige toestemming van de bewoner voor %(category)s bij %(partner)s."),
    "no_valid_agreement": _("%(partner)s heeft geen geldige afspraak om %(category)s te ontvangen."),
}


def referral_check(*, resident, partner, categories) -> list:
    """The consent behind each category, or a ``ValidationError`` naming the first one that fails."""
    if partner.kind != OrganisationKind.PARTNER:
        raise ValidationError(_("U kunt alleen aanmelden bij een partner."), code="not_partner")
    consents = []
    for category in categories:
        if category not in REFERRABLE:
            raise ValidationError(_("Deze soort gegevens kan niet mee."), code="unknown_category")
        check = consent_check(resident=resident, category=category, purpose=Purpose.REFERRAL, recipient=partner)
        if not check:
            text = REASON_TEXT.get(check.reason, REASON_TEXT["no_active_consent"])
            raise ValidationError(
                text % {"category": DataCategory(category).label.lower(), "partner": partner.name}, code=check.reason
            )
        consents.append(check.consent)
    return consents


def _fields_for(categories) -> list[str]:
    return [field for category in categories for field in CATEGORY_FIELDS[category]]


@transaction.atomic
def referral_create(*, dream, actor, partner, categories, question: str, send: bool = True) -> Referral:
    """Refer the resident to a partner. Allowed only when an active consent covers EVERY category shared.

    Stores which categories and fields go along and the consents that allow it; ``send`` sends at once.
    """
    categories = list(dict.fromkeys(categories))
    if not categories:
        raise ValidationError(_("Kies minstens één soort gegevens."), code="categories_required")
    consents = referral_check(resident=dream.resident, partner=partner, categories=categories)
    referral = Referral.objects.create(
        dream=dream,
        resident=dream.resident,
        partner=partner,
        question=question.strip(),
        categories=categories,
        fields=_fields_for(categories),
        created_by=actor,
    )
    referral.consents.set(consents)
    ReferralEvent.objects.create(referral=referral, actor=actor, to_status=ReferralStatus.PROPOSED)
    history_add(dream, EventKind.REFERRAL, actor, partner.name)
    if send:
        referral = _referral_move(referral, ReferralStatus.SENT, actor)
    case_log(actor, referral, dream, "aanmelding")
    return referral


@transaction.atomic
def referral_create_acute(*, dream, actor, partner, justification: str, question: str) -> Referral:
    """Acute danger: pass it on without consent, only with a written justification.

    Only the acute-danger signals and the contact details go along. Another broker of the corporation
    must review it within one working day; the task shows in their referral list.
    """
    if len(justification.strip()) < 20:
        raise ValidationError(
            _("Schrijf op waarom dit niet kan wachten. En waarom er geen toestemming is. Minstens 20 tekens."),
            code="justification_required",
        )
    if partner.kind != OrganisationKind.PARTNER:
        raise ValidationError(_("U kunt alleen aanmelden bij een partner."), code="not_partner")
    if not Signal.objects.filter(dream=dream, kind=SignalKind.ACUTE_DANGER).exists():
        raise ValidationError(_("Leg eerst een signaal 'acuut gevaar' vast."), code="no_acute_signal")
    categories = [DataCategory.CONTACT, DataCategory.ACUTE_DANGER]
    referral = Referral.objects.create(
        dream=dream,
        resident=dream.resident,
        partner=partner,
        question=question.strip(),
        categories=categories,
        fields=_fields_for(categories),
        without_consent=True,
        justification=justification.strip(),
        review_due=workdays.add_working_days(timezone.localdate(), 1),
        created_by=actor,
    )
    ReferralEvent.objects.create(
        referral=referral, actor=actor, to_status=ReferralStatus.PROPOSED, note=_("Acuut gevaar, zonder toestemming")
    )
    history_add(dream, EventKind.REFERRAL, actor, partner.name)
    brokers_notify(
        dream,
        _("Beoordelen: acute aanmelding %(ref)s") % {"ref": referral.reference},
        render_to_string(
            "droomhuis/email/referral_review.txt",
            {
                "dream": dream.reference_display,
                "partner": partner.name,
                "due": date_format(referral.review_due, "l j F"),
                "link": absolute_url(reverse("droomhuis:referrals")),
            },
        ),
        kind=NoticeKind.REVIEW,
        acute=True,
        exclude=actor,
        everyone=True,
    )
    referral = _referral_move(referral, ReferralStatus.SENT, actor)
    case_log(actor, referral, dream, "acuut, zonder toestemming")
    return referral


@transaction.atomic
def referral_review(*, referral: Referral, reviewer, note: str) -> Referral:
    """The second person's review of an acute referral without consent. Never the one who sent it."""
    if not referral.without_consent:
        raise ValidationError(_("Deze aanmelding hoeft niet beoordeeld te worden."), code="no_review_needed")
    if reviewer.pk == referral.created_by_id:
        raise ValidationError(_("Een ander moet dit beoordelen, niet uzelf."), code="same_person")
    if not note.strip():
        raise ValidationError(_("Schrijf uw oordeel op."), code="note_required")
    if referral.reviewed_at is not None:
        raise ValidationError(_("Dit is al beoordeeld."), code="already_reviewed")
    referral.reviewed_by = reviewer
    referral.reviewed_at = timezone.now()
    referral.review_note = note.strip()[:500]
    referral.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    ReferralEvent.objects.create(
        referral=referral, actor=reviewer, from_status=referral.status, to_status=referral.status, note=_("Beoordeeld")
    )
    case_log(reviewer, referral, referral.dream, "beoordeling", resident=referral.resident)
    return referral


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    to_status: str,
    actor=None,
    outcome: str = "",
    note: str = "",
    by_partner: bool = False,
    via_link: bool = False,
):
    """The one way to change a referral's status, checked against ``care.workflow.TRANSITIONS``.

    Sending re-checks consent (unless it is an acute referral) and mails the partner a link; closing
    needs an outcome. ``by_partner``: a partner contact took the step, logged in or (``via_link``) through
    the link in their e-mail; otherwise the case's broker did.
    """
    moved = _referral_move(referral, to_status, actor, outcome=outcome, note=note, by_partner=by_partner)
    if by_partner:
        partner_log(actor, referral, via_link=via_link)
    else:
        case_log(actor, moved, referral.dream, "aanmelding", resident=referral.resident)
    return moved


@transaction.atomic
def _referral_move(referral: Referral, to_status: str, actor, *, outcome="", note="", by_partner=False) -> Referral:
    """``referral_transition`` without its access-log row: a step of a service that writes its own (or none).
    Atomic itself: a withdrawn consent stops referrals from an on-commit signal, outside any transaction."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    source = referral.status
    if not is_allowed(source, to_status):
        raise ValidationError(_("Deze stap kan niet vanuit de huidige status."), code="transition_not_allowed")
    now = timezone.now()
    fields = ["status"]
    if to_status == ReferralStatus.SENT:
        if not referral.without_consent:
            referral_check(resident=referral.resident, partner=referral.partner, categories=referral.categories)
        referral.sent_at = now
        referral.acknowledge_due = workdays.add_working_days(timezone.localdate(now), conf.referral_ack_working_days())
        fields += ["sent_at", "acknowledge_due"]
    elif to_status == ReferralStatus.ACKNOWLEDGED:
        referral.acknowledged_at = now
        fields.append("acknowledged_at")
    elif to_status == ReferralStatus.CONTACT_MADE:
        referral.contact_made_at = now
        fields.append("contact_made_at")
    elif to_status == ReferralStatus.CLOSED:
        if outcome not in ReferralOutcome.values:
            raise ValidationError(_("Kies een uitkomst."), code="outcome_required")
        referral.outcome = outcome
        referral.closed_at = now
        fields += ["outcome", "closed_at"]
    elif to_status == ReferralStatus.CONSENT_WITHDRAWN:
        referral.closed_at = now
        fields.append("closed_at")
    referral.status = to_status
    if by_partner and note.strip():
        referral.partner_note = note.strip()[:500]
        fields.append("partner_note")
    referral.save(update_fields=fields)
    ReferralEvent.objects.create(
        referral=referral, actor=actor, from_status=source, to_status=to_status, note=note[:500]
    )
    if by_partner:
        brokers_notify(
            referral.dream,
            _("%(partner)s: aanmelding %(ref)s is nu '%(status)s'")
            % {"partner": referral.partner.name, "ref": referral.reference, "status": referral.get_status_display()},
            render_to_string(
                "droomhuis/email/referral_status.txt",
                {
                    "partner": referral.partner.name,
                    "ref": referral.reference,
                    "dream": referral.dream.reference_display,
                    "status": referral.get_status_display(),
                    "outcome": referral.get_outcome_display() if referral.outcome else "",
                    "link": case_link(referral.dream),
                },
            ),
            kind=NoticeKind.REFERRAL,
        )
    if to_status == ReferralStatus.SENT:
        _mail_partner(
            referral,
            _("Nieuwe aanmelding %(ref)s") % {"ref": referral.reference},
            render_to_string(
                "droomhuis/email/referral_new.txt",
                {"ref": referral.reference, "link": referral_link(referral), "days": conf.referral_link_days()},
            ),
        )
    return referral


def partner_contacts(partner):
    return (
        get_user_model()
        .objects.filter(roles__organisation=partner, roles__kind=RoleKind.PARTNER_CONTACT, roles__active=True)
        .distinct()
    )


def _mail_partner(referral, subject, body):
    recipients = list(partner_contacts(referral.partner).values_list("email", flat=True))
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


def referral_link(referral) -> str:
    """A signed, time-limited link to one referral for the partner (no login needed)."""
    token = signing.dumps(str(referral.uid), salt=LINK_SALT)
    return absolute_url(reverse("droomhuis:partner_link", kwargs={"token": token}))


def referral_from_token(token: str):
    """The referral behind a link, or None when the link is wrong or older than the allowed days."""
    try:
        uid = signing.loads(token, salt=LINK_SALT, max_age=timedelta(days=conf.referral_link_days()))
    except signing.BadSignature:
        return None
    return Referral.objects.select_related("partner", "resident", "dream").filter(uid=uid).first()


def referral_shared_items(referral) -> list[tuple[str, str]]:
    """Exactly the consented fields, as (label, value) pairs. Nothing at all once consent is withdrawn."""
    if referral.status == ReferralStatus.CONSENT_WITHDRAWN:
        return []
    resident = referral.resident
    labels = {
        "first_name": _("Voornaam"),
        "contact_preference": _("Hoe wil de bewoner contact"),
        "phone": _("Telefoon"),
        "email": _("E-mail"),
        "postal_address": _("Adres"),
        "contact_notes": _("Bereikbaar"),
        "dream_text": _("De droom"),
    }
    items = []
    for field in referral.fields:
        if field.startswith("signals:"):
            kind = field.split(":", 1)[1]
            for signal in referral.dream.signals.filter(kind=kind).order_by("recorded_at"):
                items.append((SignalKind(kind).label, signal.description))
        elif field == "dream_text":
            items.append((labels[field], referral.dream.text))
        elif field == "contact_preference":
            items.append((labels[field], resident.get_contact_preference_display()))
        elif getattr(resident, field, ""):
            items.append((labels[field], getattr(resident, field)))
    return items


def referrals_stop_for(*, consent, withdrawal):
    """Stop every open referral that rests on this withdrawn consent, and tell the partner in a minimal message.

    The message carries only the referral's reference: no name, no details.
    """
    for referral in Referral.objects.open().filter(consents=consent).select_related("partner"):
        _referral_move(referral, ReferralStatus.CONSENT_WITHDRAWN, withdrawal.recorded_by)
        _mail_partner(
            referral,
            _("Stop: aanmelding %(ref)s") % {"ref": referral.reference},
            render_to_string("droomhuis/email/referral_stop.txt", {"ref": referral.reference}),
        )
