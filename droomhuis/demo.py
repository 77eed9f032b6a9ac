"""Demo dreams for the Hagedoorn in Almelo, one or more in every status, each with its history.

Safe to run again: every demo dream has a fixed code and is skipped when it exists. Timestamps lie in
the past so the broker's lists show realistic ages and deadlines.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wijk.choices import Channel, ContactPreference, DataCategory, Purpose
from wijk.models import Neighbourhood, Resident, Theme, User
from wijk.services import consent_give, resident_create

from . import workdays
from .models import (
    QUESTION,
    REFERENCE_ALPHABET,
    ContactAttempt,
    Dream,
    DreamEvent,
    EventKind,
    Note,
    PartOfDay,
    ResidentUpdate,
    WallStatus,
)
from .services import CONSENT_CONTACT_KEY, CONSENT_WALL_KEY, consent_text_for
from .workflow import OPEN, DreamStatus

BROKER = "makelaar@beterwonen.example"

# code, days ago, status path, resident (wijk demo key or new first name), channel, themes, text, wall
DREAMS = [
    (
        "DMHGNEWAA2",
        1,
        [],
        "Mira",
        Channel.ONLINE,
        ["groen"],
        "Ik zou graag een moestuin willen op het grasveld achter de Vlierstraat. Met een paar buren samen.",
        False,
    ),
    (
        "DMHGNEWBB3",
        9,
        [],
        "Henk",
        Channel.ONLINE,
        ["ontmoeting", "eten"],
        "Een keer per maand samen eten in de school. Ik kook graag, maar alleen is niet leuk.",
        False,
    ),
    (
        "DMHGPKUPC4",
        4,
        [DreamStatus.PICKING_UP],
        "Fatma",
        Channel.PHONE,
        ["kinderen"],
        "Een plek waar de kinderen na school huiswerk kunnen maken, met iemand die helpt.",
        False,
    ),
    (
        "DMHGCNVRD5",
        15,
        [DreamStatus.PICKING_UP, DreamStatus.IN_CONVERSATION],
        "Bram",
        Channel.PAPER,
        ["klussen"],
        "Een klusbus in de wijk met gereedschap dat je kunt lenen.",
        True,
    ),
    (
        "DMHGPARTE6",
        30,
        [DreamStatus.PICKING_UP, DreamStatus.IN_CONVERSATION, DreamStatus.WITH_PARTNER],
        "Sanne",
        Channel.ONLINE,
        ["creatief", "kinderen"],
        "Voorlezen voor kleine kinderen in het Droomhuis.",
        True,
    ),
    (
        "DMHGRSNDF7",
        70,
        [DreamStatus.PICKING_UP, DreamStatus.IN_CONVERSATION, DreamStatus.WITH_PARTNER, DreamStatus.REALISED],
        "Wim",
        Channel.IN_PERSON,
        ["groen", "ontmoeting"],
        "Bankjes bij de speeltuin, zodat ouderen even kunnen zitten en kletsen.",
        True,
    ),
    (
        "DMHGRSNDG8",
        50,
        [DreamStatus.PICKING_UP, DreamStatus.IN_CONVERSATION, DreamStatus.REALISED],
        "Ayla",
        Channel.ONLINE,
        ["bewegen"],
        "Samen wandelen op zaterdagochtend, voor wie niet graag alleen gaat.",
        True,
    ),
    (
        "DMHGNTFSH9",
        40,
        [DreamStatus.PICKING_UP, DreamStatus.IN_CONVERSATION, DreamStatus.NOT_FEASIBLE],
        "Kees",
        Channel.ONLINE,
        ["wonen"],
        "Een zwembad in de wijk.",
        False,
    ),
    (
        "DMHGWDRWJ2",
        20,
        [DreamStatus.PICKING_UP, DreamStatus.WITHDRAWN],
        "Lotte",
        Channel.ONLINE,
        ["ontmoeting"],
        "Een buurtfeest in de zomer.",
        False,
    ),
]

REASONS = {
    DreamStatus.NOT_FEASIBLE: "Geen ruimte en te duur. Samen met de bewoner naar de zwemclub in de stad gekeken.",
    DreamStatus.WITHDRAWN: "De bewoner belde: zij organiseert het feest nu zelf met de straat.",
}
STORIES = {
    "DMHGRSNDF7": (
        "Drie bankjes bij de speeltuin",
        "Wim vroeg om bankjes. Beter Wonen betaalde ze, de school hielp met de plek. "
        "Nu zitten er elke middag buren te praten.",
    ),
    "DMHGRSNDG8": (
        "Een wandelgroep op zaterdag",
        "Elke zaterdag om tien uur wandelt een groepje buren een rondje door de wijk. "
        "Welzijn Almelo helpt met de route.",
    ),
}


def load(stdout=None) -> None:
    with transaction.atomic():
        created = _load()
        care_added = _load_care()
    if stdout is not None:
        stdout.write(f"droomhuis: {created} demo dreams added ({len(DREAMS)} in total)")
        if care_added:
            stdout.write("droomhuis: signals, referrals and a pairing added")


EXPERT = "ervaring@beterwonen.example"
PARTNER = "welzijn-almelo"


def _load_care() -> bool:
    """Signals, referrals (one acknowledged, one waiting too long) and an expert pairing, once."""
    from wijk.models import Organisation

    from .care.confidentiality import confidentiality_record
    from .care.models import ConfidentialityStatement, Referral, Signal
    from .care.pairings import pairing_consent_record, pairing_create
    from .care.referrals import referral_consent_record, referral_create, referral_transition
    from .care.signals import signal_record

    bram = Dream.objects.filter(reference="DMHGCNVRD5").select_related("resident", "neighbourhood__corporation").first()
    sanne = (
        Dream.objects.filter(reference="DMHGPARTE6").select_related("resident", "neighbourhood__corporation").first()
    )
    broker = User.objects.filter(email=BROKER).first()
    expert = User.objects.filter(email=EXPERT).first()
    partner = Organisation.objects.filter(slug=PARTNER).first()
    if None in (bram, sanne, broker, expert, partner) or Signal.objects.filter(dream__in=[bram, sanne]).exists():
        return False
    signal_record(
        dream=bram,
        actor=broker,
        kind="loneliness",
        description="Bram spreekt weinig mensen sinds zijn dochter is verhuisd.",
        follow_up="Vragen of hij mee wil doen met de wandelgroep.",
    )
    signal_record(
        dream=sanne,
        actor=broker,
        kind="money",
        description="Sanne zegt dat het krap is deze maand. Zij wil er nu geen hulp bij.",
        follow_up="Over een maand nog eens vragen.",
    )
    referral_consent_record(
        dream=sanne,
        actor=broker,
        partner=partner,
        categories=["contact", "dream"],
        method=Channel.PHONE,
        note="Aan de telefoon uitgelegd en ja gezegd.",
    )
    acknowledged = referral_create(
        dream=sanne,
        actor=broker,
        partner=partner,
        categories=["contact", "dream"],
        question="Sanne wil graag een buurtmoestuin beginnen. Kunt u haar helpen buren te vinden?",
    )
    referral_transition(referral=acknowledged, to_status="acknowledged")
    # The referral came from a match: the partner was a suggestion for Sanne's dream.
    from .matches.models import Match, MatchStatus
    from .matches.services import match_record

    match = match_record(
        dream=sanne, actor=broker, partner=partner, note="Zij zoeken buren voor de moestuin bij de school."
    )
    Match.objects.filter(pk=match.pk).update(
        status=MatchStatus.CONTACTED, referral=acknowledged, contacted_at=acknowledged.sent_at
    )
    referral_consent_record(
        dream=bram,
        actor=broker,
        partner=partner,
        categories=["contact", "loneliness"],
        method=Channel.IN_PERSON,
        note="Bij de koffie in de school.",
    )
    waiting = referral_create(
        dream=bram,
        actor=broker,
        partner=partner,
        categories=["contact", "loneliness"],
        question="Bram zoekt contact met buren. Past de wandelgroep op zaterdag?",
    )
    Referral.objects.filter(pk=waiting.pk).update(
        sent_at=timezone.now() - timedelta(days=10), acknowledge_due=timezone.localdate() - timedelta(days=3)
    )
    corporation = bram.neighbourhood.corporation
    if not ConfidentialityStatement.objects.filter(expert=expert, organisation=corporation).exists():
        confidentiality_record(
            expert=expert,
            organisation=corporation,
            signed_on=timezone.localdate() - timedelta(days=60),
            recorded_by=broker,
        )
    pairing_consent_record(dream=bram, actor=broker, categories=["dream", "loneliness"], method=Channel.IN_PERSON)
    pairing_create(dream=bram, expert=expert, actor=broker)
    return True


def _load() -> int:
    hood = Neighbourhood.objects.filter(slug="hagedoorn").select_related("corporation").first()
    broker = User.objects.filter(email=BROKER).first()
    if hood is None or broker is None:
        return 0
    themes = {t.slug: t for t in Theme.objects.all()}
    contact_text = consent_text_for(CONSENT_CONTACT_KEY)
    wall_text = consent_text_for(CONSENT_WALL_KEY)
    now = timezone.now()
    created = 0
    for code, days_ago, path, who, channel, theme_slugs, text, wall in DREAMS:
        if not all(ch in REFERENCE_ALPHABET for ch in code):
            raise ValueError(f"demo reference {code} has a letter outside the reference alphabet")
        if Dream.objects.filter(reference=code).exists():
            continue
        created += 1
        resident = _resident(hood, who, channel, broker)
        recorded_by = None if channel == Channel.ONLINE else broker
        consent_give(
            resident=resident,
            category=DataCategory.CONTACT,
            purpose=Purpose.CONTACT,
            recipient=hood.corporation,
            explanation=contact_text,
            method=channel,
            recorded_by=recorded_by,
        )
        if wall:
            consent_give(
                resident=resident,
                category=DataCategory.DREAM,
                purpose=Purpose.DREAM_WALL,
                recipient=None,
                explanation=wall_text,
                method=channel,
                recorded_by=recorded_by,
            )
        received = now - timedelta(days=days_ago)
        due = workdays.first_contact_due(timezone.localdate(received))
        dream = Dream.objects.create(
            reference=code,
            question=str(QUESTION),
            text=text,
            neighbourhood=hood,
            resident=resident,
            first_contact_due=due,
            next_action_date=due,
            next_action="Eerste contact met de bewoner",
            intake_channel=channel,
            created_by=recorded_by,
            created_at=received,
        )
        dream.themes.set([themes[s] for s in theme_slugs if s in themes])
        DreamEvent.objects.create(
            dream=dream,
            at=received,
            actor=recorded_by,
            kind=EventKind.SUBMITTED,
            to_value=DreamStatus.NEW,
            channel=channel,
        )
        _walk(dream, path, broker, received, now)
    return created


def _resident(hood, who, channel, broker) -> Resident:
    existing = Resident.objects.filter(neighbourhood=hood, first_name=who).first()
    if existing is not None:
        return existing
    return resident_create(
        neighbourhood=hood,
        created_by=None if channel == Channel.ONLINE else broker,
        created_via=channel,
        display_name=who,
        first_name=who,
        contact_preference=ContactPreference.PHONE,
        phone="0546 000 000",
        contact_notes="Liefst in de middag",
    )


def _walk(dream, path, broker, received, now):
    """Move the dream along ``path`` with spaced, backdated history rows, contact attempts and messages."""
    if not path:
        return
    step = (now - received) / (len(path) + 1)
    at = received
    status = DreamStatus.NEW
    for target in path:
        at = at + step
        if target == DreamStatus.PICKING_UP:
            DreamEvent.objects.create(
                dream=dream, at=at, actor=broker, kind=EventKind.OWNER, to_value=broker, reason="Opgepakt"
            )
            dream.owner = broker
            dream.picked_up_at = at
        if target == DreamStatus.IN_CONVERSATION:
            ContactAttempt.objects.create(
                dream=dream,
                by=broker,
                at=at - timedelta(hours=3),
                day=at.date(),
                part_of_day=PartOfDay.MORNING,
                channel=ContactPreference.PHONE,
                reached=False,
                note="Geen gehoor",
            )
            ContactAttempt.objects.create(
                dream=dream,
                by=broker,
                at=at,
                day=at.date(),
                part_of_day=PartOfDay.AFTERNOON,
                channel=ContactPreference.PHONE,
                reached=True,
                note="Afspraak gemaakt voor een gesprek",
            )
            DreamEvent.objects.create(
                dream=dream, at=at, actor=broker, kind=EventKind.CONTACT_ATTEMPT, to_value="Telefoon: bereikt"
            )
            dream.first_contact_at = at
            ResidentUpdate.objects.create(
                dream=dream,
                author=broker,
                created_at=at,
                body="Fijn dat we elkaar spraken. Ik kom volgende week langs.",
            )
            DreamEvent.objects.create(dream=dream, at=at, actor=broker, kind=EventKind.RESIDENT_UPDATE)
            Note.objects.create(
                dream=dream,
                author=broker,
                created_at=at,
                body="Bewoner is enthousiast en wil zelf meehelpen.",
                private=False,
            )
            DreamEvent.objects.create(dream=dream, at=at, actor=broker, kind=EventKind.NOTE, to_value="voor het team")
        DreamEvent.objects.create(
            dream=dream,
            at=at,
            actor=broker,
            kind=EventKind.STATUS,
            from_value=status,
            to_value=target,
            reason=REASONS.get(target, ""),
        )
        status = target
    dream.status = status
    if status in OPEN:
        dream.next_action_date = timezone.localdate(now) + timedelta(days=3 if status != DreamStatus.PICKING_UP else -1)
        dream.next_action = "Bewoner bellen over de volgende stap"
    else:
        dream.next_action_date = None
        dream.next_action = ""
        dream.closed_at = at
    if dream.reference in STORIES:
        dream.outcome, dream.story = STORIES[dream.reference]
        dream.wall_status = WallStatus.APPROVED if dream.reference == "DMHGRSNDF7" else WallStatus.PROPOSED
        dream.on_front_door = dream.wall_status == WallStatus.APPROVED  # staff featured it on the front door
        DreamEvent.objects.create(dream=dream, at=at, actor=broker, kind=EventKind.OUTCOME, to_value=dream.outcome)
        DreamEvent.objects.create(dream=dream, at=at, actor=broker, kind=EventKind.WALL, to_value=dream.wall_status)
    dream.save()
