"""The Droomhuis consent choices: the explanation texts, which choices are active, and taking one back.

Everything goes through the shared consent ledger in ``wijk.services``; nothing here stores a checkbox.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijk.choices import Channel, DataCategory, Purpose
from wijk.models import ConsentText
from wijk.services import (
    consent_check,
    consent_text_shown,
    consent_withdraw,
    resident_channel,
)

from .models import Dream

CONSENT_CONTACT_KEY = "broker-contact"
CONSENT_WALL_KEY = "dream-wall"
CONSENT_TEXTS = {
    CONSENT_CONTACT_KEY: (
        gettext_lazy("Contact over uw droom"),
        gettext_lazy(
            "Zegt u ja? Dan mag de droommakelaar van Beter Wonen contact met u opnemen over uw droom. "
            "Dat doen wij op de manier die u kiest. Wij gebruiken uw gegevens alleen hiervoor. "
            "U kunt dit altijd weer intrekken."
        ),
    ),
    CONSENT_WALL_KEY: (
        gettext_lazy("Uw droom op de dromenmuur"),
        gettext_lazy(
            "Zegt u ja? Dan mogen wij uw droom op de dromenmuur op deze website zetten. "
            "Dat doen wij als uw droom is gelukt. "
            "Wij zetten er geen naam, adres of foto bij. Een medewerker van Beter Wonen leest het eerst. "
            "U kunt dit altijd weer intrekken."
        ),
    ),
    "referral": (
        gettext_lazy("Uw gegevens naar een partner"),
        gettext_lazy(
            "Zegt u ja? Dan geeft de droommakelaar alleen de gegevens die u noemt aan deze ene organisatie. "
            "Die organisatie neemt dan contact met u op om te helpen. Over uw gezondheid vragen wij apart. "
            "U kunt dit altijd weer intrekken. Dan stopt de organisatie meteen."
        ),
    ),
    "pairing": (
        gettext_lazy("Een ervaringsdeskundige die met u meeloopt"),
        gettext_lazy(
            "Zegt u ja? Dan mag een ervaringsdeskundige van Beter Wonen met u meedenken. "
            "Die persoon ziet uw droom en hoe u contact wilt. Hij of zij heeft geheimhouding getekend. "
            "U kunt dit altijd weer intrekken."
        ),
    ),
}


def consent_text_for(key: str) -> ConsentText:
    """The current explanation text in the reader's language (see ``wijk.services.consent_text_shown``)."""
    title, body = CONSENT_TEXTS[key]
    return consent_text_shown(key=key, title=title, body=body)


RESIDENT_CONSENTS = {
    "contact": (DataCategory.CONTACT, Purpose.CONTACT, True),
    "dromenmuur": (DataCategory.DREAM, Purpose.DREAM_WALL, False),
}


def resident_consents(dream: Dream) -> dict[str, bool]:
    """Which of the two Droomhuis choices are active now, keyed as in ``RESIDENT_CONSENTS``."""
    return {key: bool(_active_consent(dream, key)) for key in RESIDENT_CONSENTS}


def _active_consent(dream: Dream, key: str):
    category, purpose, to_corporation = RESIDENT_CONSENTS[key]
    recipient = dream.neighbourhood.corporation if to_corporation else None
    return consent_check(resident=dream.resident, category=category, purpose=purpose, recipient=recipient).consent


@transaction.atomic
def dream_consent_withdraw(*, dream: Dream, key: str, recorded_by=None, method: str = Channel.ONLINE):
    """The resident takes back one Droomhuis choice, from their follow page (or a broker on their behalf).

    Takes effect at once through the consent ledger; ``receivers.on_consent_withdrawn`` writes the history row.
    """
    if key not in RESIDENT_CONSENTS:
        raise ValidationError(_("Onbekende keuze."), code="unknown_consent")
    consent = _active_consent(dream, key)
    if consent is None:
        raise ValidationError(_("Deze toestemming staat al uit."), code="not_active")
    return consent_withdraw(consent=consent, method=method, recorded_by=recorded_by)


def has_wall_consent(dream: Dream) -> bool:
    return bool(
        consent_check(resident=dream.resident, category=DataCategory.DREAM, purpose=Purpose.DREAM_WALL, recipient=None)
    )


def has_contact_consent(dream: Dream) -> bool:
    return bool(
        consent_check(
            resident=dream.resident,
            category=DataCategory.CONTACT,
            purpose=Purpose.CONTACT,
            recipient=dream.neighbourhood.corporation,
        )
    )


def update_reach(dream: Dream) -> str:
    """How a message on the follow page reaches the resident beyond that page.

    ``"email"`` or ``"letter"`` (a notice that there is news is sent; someone who wants a visit and gave an address
    gets a letter),
    ``"call"`` (no e-mail or letter address, but a phone number: staff must call), ``"nobody"`` (contact allowed
    but no way known), ``"page"`` (no consent for contact: only the follow page).
    """
    resident = dream.resident
    if resident is None or not has_contact_consent(dream):
        return "page"
    channel = resident_channel(resident)
    if channel != "none":
        return channel
    if resident.phone:
        return "call"
    return "nobody"


PLAIN_PURPOSE = {
    Purpose.REFERRAL: gettext_lazy("Zij mogen contact met u opnemen om te helpen. Zij krijgen"),
    Purpose.PAIRING: gettext_lazy("Een ervaringsdeskundige mag met u meedenken. Hij of zij ziet"),
}


def partner_consents(dream: Dream) -> list[dict]:
    """Active consents to share data with a partner or an expert, grouped per organisation and purpose,
    for the follow page: ``[{"organisation": org, "purpose": ..., "categories": [labels]}]``."""
    from wijk.models import ConsentRecord

    rows = (
        ConsentRecord.objects.filter(resident=dream.resident_id, purpose__in=[Purpose.REFERRAL, Purpose.PAIRING])
        .active()
        .select_related("recipient")
        .order_by("recipient__name", "category")
    )
    groups: dict[tuple, dict] = {}
    for row in rows:
        key = (row.recipient_id, row.purpose)
        group = groups.setdefault(
            key,
            {
                "organisation": row.recipient,
                "purpose": row.purpose,
                "label": row.get_purpose_display(),
                "categories": [],
            },
        )
        group["categories"].append(row.get_category_display())
    return list(groups.values())


@transaction.atomic
def partner_consent_withdraw(
    *, dream: Dream, organisation_id: int, purpose: str, recorded_by=None, method=Channel.ONLINE
):
    """The resident stops sharing with one organisation: every active consent for it is withdrawn at once.

    Each withdrawal sends ``consent_withdrawn``; ``care.receivers.on_consent_withdrawn`` stops open referrals
    and tells the partner.
    """
    from wijk.models import ConsentRecord

    if purpose not in (Purpose.REFERRAL, Purpose.PAIRING):
        raise ValidationError(_("Onbekende keuze."), code="unknown_consent")
    consents = list(
        ConsentRecord.objects.filter(resident=dream.resident_id, purpose=purpose, recipient_id=organisation_id).active()
    )
    if not consents:
        raise ValidationError(_("Deze toestemming staat al uit."), code="not_active")
    return [consent_withdraw(consent=c, method=method, recorded_by=recorded_by) for c in consents]
