"""Demo world for ``loaddemo``: the two corporations and neighbourhoods of the challenge, partners,
themes, residents and one account per role. Written for the demo; safe to run again."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .choices import Channel, ContactPreference, DataCategory, OrganisationKind, PartnerType, Purpose, RoleKind
from .illustrations import dream_house, neighbourhood_houses
from .models import ConsentRecord, Neighbourhood, Organisation, Resident, Role, Street, Theme, User, WalkInPlace
from .mood import mood_image_demo
from .services import consent_give, consent_text_publish

NEIGHBOURHOOD_IMAGES = [
    (
        "zuidwijk",
        neighbourhood_houses,
        "Tekening van een straat met huizen. Boven de daken hangt een ketting van parels.",
    ),
    ("hagedoorn", dream_house, "Tekening van een huis met een boom. Boven het huis zweeft een wolk met een ster."),
]

DEMO_PASSWORD = "parel-en-droom"  # nosec B105  # the published demo password; loaddemo refuses when DEBUG is off

THEMES = [
    # slug, Dutch, English, Turkish, Arabic, explanation, icon
    ("ontmoeting", "Ontmoeting", "Meeting people", "Buluşma", "اللقاء والتعارف", "Elkaar zien en spreken", "people"),
    ("groen", "Groen", "Green", "Yeşil alanlar", "المساحات الخضراء", "Tuinen, bomen en planten", "leaf"),
    ("creatief", "Creatief", "Creative", "Yaratıcılık", "الإبداع", "Maken, tekenen, muziek", "palette"),
    (
        "klussen",
        "Klussen",
        "Repairs and odd jobs",
        "Tamir ve küçük işler",
        "إصلاحات وأعمال صغيرة",
        "Repareren en opknappen",
        "wrench",
    ),
    ("bewegen", "Bewegen", "Exercise", "Hareket", "الحركة والرياضة", "Wandelen, sporten, dansen", "walk"),
    (
        "eenzaamheid",
        "Samen in plaats van alleen",
        "Together, not alone",
        "Yalnız değil, birlikte",
        "معًا بدلًا من الوحدة",
        "Niemand hoeft alleen te zijn",
        "heart",
    ),
    (
        "kinderen",
        "Kinderen en jongeren",
        "Children and young people",
        "Çocuklar ve gençler",
        "الأطفال والشباب",
        "Spelen en leren",
        "child",
    ),
    ("eten", "Samen eten", "Eating together", "Birlikte yemek", "الأكل معًا", "Koken en eten met buren", "pot"),
    ("wonen", "Prettig wonen", "A pleasant home", "Rahat bir ev", "سكن مريح", "Het huis, de straat, de buurt", "home"),
]

# Zuidwijk lies south of the old centre of Oud-Beijerland; the Hagedoornschool area is in Almelo.
# Fictional numbers and addresses (0186 / 0546 are the real area codes; the numbers are not in use).
CONTACT_DETAILS = {
    "hw-wonen": {
        "phone": "0186 000 000",
        "opening_hours": "maandag tot en met vrijdag, 9 tot 17 uur",
        "visiting_address": "Parelplein 1, 3262 ZZ Oud-Beijerland",
        "postal_address": "HW Wonen, Antwoordnummer 1, 3260 VB Oud-Beijerland",
    },
    "beter-wonen": {
        "phone": "0546 000 000",
        "opening_hours": "maandag tot en met donderdag, 8.30 tot 16.30 uur",
        "visiting_address": "Dromenweg 1, 7600 ZZ Almelo",
        "postal_address": "Beter Wonen, Antwoordnummer 2, 7600 VB Almelo",
    },
}
WALK_IN_PLACES = [
    # (corporation, neighbourhood, name, address, opening hours)
    (
        "hw-wonen",
        "zuidwijk",
        "Pop-up rommelruimte",
        "Spui 1a, Oud-Beijerland",
        "woensdag en zaterdag, 10 tot 16 uur",
    ),
    (
        "beter-wonen",
        "hagedoorn",
        "Het Droomhuis (bij de Hagedoornschool)",
        "Sleedoornstraat 2, Almelo",
        "dinsdag en donderdag, 9 tot 12 uur",
    ),
]

NEIGHBOURHOODS = [
    {
        "slug": "zuidwijk",
        "name": "Zuidwijk",
        "experiment": "parelketting",
        "municipality": "Oud-Beijerland",
        "corporation": "hw-wonen",
        "centre_lat": Decimal("51.815900"),
        "centre_lng": Decimal("4.413000"),
        "zoom": 16,
        "cbs_code": "",
        "streets": [
            ("Zuidwijk", Decimal("51.8152"), Decimal("4.4118")),
            ("Spui", Decimal("51.8178"), Decimal("4.4152")),
            ("Beijerlandsedijk", Decimal("51.8140"), Decimal("4.4168")),
            ("Koninginneweg", Decimal("51.8163"), Decimal("4.4109")),
            ("Oranjestraat", Decimal("51.8170"), Decimal("4.4135")),
            ("Julianastraat", Decimal("51.8157"), Decimal("4.4142")),
            ("Prinses Beatrixstraat", Decimal("51.8149"), Decimal("4.4131")),
            ("Wilhelminastraat", Decimal("51.8165"), Decimal("4.4124")),
            ("Emmastraat", Decimal("51.8160"), Decimal("4.4156")),
            ("Prins Bernhardstraat", Decimal("51.8145"), Decimal("4.4115")),
            ("Oosterstraat", Decimal("51.8174"), Decimal("4.4171")),
            ("Kerkstraat", Decimal("51.8183"), Decimal("4.4138")),
        ],
    },
    {
        "slug": "hagedoorn",
        "name": "Hagedoorn",
        "experiment": "droomhuis",
        "municipality": "Almelo",
        "corporation": "beter-wonen",
        "centre_lat": Decimal("52.350600"),
        "centre_lng": Decimal("6.652600"),
        "zoom": 16,
        "cbs_code": "",
        "streets": [
            ("Hagedoornplein", Decimal("52.3506"), Decimal("6.6526")),
            ("Sleedoornstraat", Decimal("52.3512"), Decimal("6.6512")),
            ("Vlierstraat", Decimal("52.3499"), Decimal("6.6538")),
            ("Meidoornstraat", Decimal("52.3518"), Decimal("6.6531")),
            ("Hazelaarstraat", Decimal("52.3495"), Decimal("6.6514")),
            ("Lijsterbesstraat", Decimal("52.3509"), Decimal("6.6549")),
            ("Bosbesstraat", Decimal("52.3490"), Decimal("6.6530")),
            ("Wilgenstraat", Decimal("52.3523"), Decimal("6.6505")),
        ],
    },
]

PARTNERS = [
    (
        "welzijn-almelo",
        "Welzijn Almelo",
        PartnerType.WELFARE,
        "beter-wonen",
        "hagedoorn",
        "Sociaal werk en buurtcoaches in Almelo.",
        ["ontmoeting", "eenzaamheid"],
        [DataCategory.CONTACT, DataCategory.DREAM, DataCategory.LONELINESS],
    ),
    (
        "schuldhulp-almelo",
        "Schuldhulp gemeente Almelo",
        PartnerType.DEBT_HELP,
        "beter-wonen",
        "hagedoorn",
        "Hulp bij geldzaken en schulden.",
        ["wonen"],
        [DataCategory.CONTACT, DataCategory.MONEY],
    ),
    (
        "bibliotheek-almelo",
        "Bibliotheek Almelo",
        PartnerType.LIBRARY,
        "beter-wonen",
        "hagedoorn",
        "Taalcafé, digitale hulp en voorlezen.",
        ["creatief", "kinderen"],
        [DataCategory.CONTACT],
    ),
    (
        "hagedoornschool",
        "Basisschool bij de Hagedoorn",
        PartnerType.SCHOOL,
        "beter-wonen",
        "hagedoorn",
        "De school in de wijk, met ruimte voor buurtactiviteiten.",
        ["kinderen"],
        [],
    ),
    (
        "vrijwilligers-oud-beijerland",
        "Vrijwilligerspunt Oud-Beijerland",
        PartnerType.VOLUNTEERS,
        "hw-wonen",
        "zuidwijk",
        "Koppelt vrijwilligers aan buren die hulp kunnen gebruiken.",
        ["klussen", "ontmoeting"],
        [DataCategory.CONTACT],
    ),
    (
        "welzijn-hoeksche-waard",
        "Welzijn Hoeksche Waard",
        PartnerType.WELFARE,
        "hw-wonen",
        "zuidwijk",
        "Ouderenwerk, mantelzorg en buurtactiviteiten.",
        ["ontmoeting", "eenzaamheid", "bewegen"],
        [DataCategory.CONTACT, DataCategory.DREAM],
    ),
    (
        "tuincentrum-zuid",
        "Tuincentrum aan de dijk",
        PartnerType.BUSINESS,
        "hw-wonen",
        "zuidwijk",
        "Geeft planten en advies voor buurttuinen.",
        ["groen"],
        [],
    ),
]

ACCOUNTS = [
    # email, name, organisation slug or None, role kind or None, is_staff, is_superuser
    ("admin@wijkportaal.example", "Beheerder", None, None, True, True),
    ("moderator@hwwonen.example", "Moderator HW Wonen", "hw-wonen", RoleKind.MODERATOR, True, False),
    ("moderator@beterwonen.example", "Moderator Beter Wonen", "beter-wonen", RoleKind.MODERATOR, True, False),
    ("makelaar@beterwonen.example", "Droommakelaar Beter Wonen", "beter-wonen", RoleKind.BROKER, False, False),
    ("ervaring@beterwonen.example", "Ervaringsdeskundige", "beter-wonen", RoleKind.EXPERT, False, False),
    ("teamleider@beterwonen.example", "Teamleider Beter Wonen", "beter-wonen", RoleKind.TEAM_LEAD, False, False),
    (
        "partner@welzijn-almelo.example",
        "Contact Welzijn Almelo",
        "welzijn-almelo",
        RoleKind.PARTNER_CONTACT,
        False,
        False,
    ),
    ("facilitator@atelier.example", "Begeleider atelier", "hw-wonen", RoleKind.FACILITATOR, True, False),
    ("bewoner@zuidwijk.example", "Ans", None, None, False, False),
    ("bewoner@hagedoorn.example", "Henk", None, None, False, False),
]

RESIDENTS = [
    # key, neighbourhood, first name, alias, contact, account email, channel
    ("ans", "zuidwijk", "Ans", "Buurvrouw Ans", ContactPreference.EMAIL, "bewoner@zuidwijk.example", Channel.ONLINE),
    ("henk", "hagedoorn", "Henk", "", ContactPreference.EMAIL, "bewoner@hagedoorn.example", Channel.ONLINE),
    ("fatma", "hagedoorn", "Fatma", "Tante Fatma", ContactPreference.PHONE, None, Channel.PHONE),
    ("gerrit", "zuidwijk", "Gerrit", "", ContactPreference.LETTER, None, Channel.PAPER),
    ("joke", "zuidwijk", "Joke", "De fietsenmaker", ContactPreference.HOME_VISIT, None, Channel.IN_PERSON),
]

# The Droomhuis and pearl texts come from their apps (translated); this one is only for the demo residents' names.
CONSENT_TEXTS = [
    (
        "publication-name",
        "Uw naam bij uw bijdrage",
        "Wij zetten uw voornaam of schuilnaam bij wat u deelt. Iedereen kan dat zien. U kunt dit altijd weer uitzetten.",
    ),
]


def load(stdout=None) -> None:
    with transaction.atomic():
        _load()
    if stdout is not None:
        stdout.write("wijk: organisations, neighbourhoods, themes, residents and demo accounts ready")


def _load() -> None:
    hw, _ = Organisation.objects.update_or_create(
        slug="hw-wonen",
        defaults={
            "name": "HW Wonen",
            "kind": OrganisationKind.CORPORATION,
            "description": "Woningcorporatie in de Hoeksche Waard.",
            **CONTACT_DETAILS["hw-wonen"],
        },
    )
    bw, _ = Organisation.objects.update_or_create(
        slug="beter-wonen",
        defaults={
            "name": "Beter Wonen",
            "kind": OrganisationKind.CORPORATION,
            "description": "Woningcorporatie in Almelo en omgeving.",
            **CONTACT_DETAILS["beter-wonen"],
        },
    )
    corporations = {"hw-wonen": hw, "beter-wonen": bw}

    for position, (slug, name, name_en, name_tr, name_ar, description, icon) in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "name_tr": name_tr,
                "name_ar": name_ar,
                "description": description,
                "icon": icon,
                "position": position,
            },
        )
    themes = {t.slug: t for t in Theme.objects.all()}

    neighbourhoods = {}
    for spec in NEIGHBOURHOODS:
        spec = dict(spec)
        slug = spec.pop("slug")
        streets = spec.pop("streets")
        spec["corporation"] = corporations[spec["corporation"]]
        neighbourhoods[slug], _ = Neighbourhood.objects.update_or_create(slug=slug, defaults=spec)
        for name, lat, lng in streets:
            Street.objects.update_or_create(
                neighbourhood=neighbourhoods[slug], name=name, defaults={"lat": lat, "lng": lng}
            )
    # Mood images drawn for the project (wijk/illustrations.py), through the same photo pipeline as uploads.
    for slug, draw, alt in NEIGHBOURHOOD_IMAGES:
        if slug in neighbourhoods:
            mood_image_demo(neighbourhoods[slug], draw, alt=alt)
    for corporation, hood, name, address, hours in WALK_IN_PLACES:
        WalkInPlace.objects.update_or_create(
            organisation=corporations[corporation],
            neighbourhood=neighbourhoods[hood],
            name=name,
            defaults={"address": address, "opening_hours": hours},
        )

    valid_until = timezone.localdate().replace(month=12, day=31) + datetime.timedelta(days=366)
    organisations = dict(corporations)
    for slug, name, ptype, corp, hood, description, theme_slugs, categories in PARTNERS:
        partner, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": OrganisationKind.PARTNER,
                "partner_type": ptype,
                "description": description,
                "sharing_agreement_ref": f"DSA-{slug.upper()[:12]}-2019" if categories else "",
                "sharing_agreement_valid_until": valid_until if categories else None,
                "sharing_categories": [str(c) for c in categories],
            },
        )
        partner.works_with.set([corporations[corp]])
        partner.neighbourhoods.set([neighbourhoods[hood]])
        partner.themes.set([themes[t] for t in theme_slugs])
        organisations[slug] = partner

    users = {}
    for email, name, org_slug, role_kind, is_staff, is_superuser in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
            user.set_password(DEMO_PASSWORD)
        user.name = name
        user.is_staff = is_staff
        user.is_superuser = is_superuser
        user.save()
        _verified_email(user)
        if org_slug and role_kind:
            Role.objects.get_or_create(
                user=user, organisation=organisations[org_slug], neighbourhood=None, kind=role_kind
            )
        users[email] = user

    texts = {key: consent_text_publish(key=key, title=title, body=body) for key, title, body in CONSENT_TEXTS}

    for _key, hood, first_name, alias, contact, account, channel in RESIDENTS:
        user = users.get(account) if account else None
        resident = Resident.objects.filter(user=user).first() if user else None
        if resident is None:
            resident = Resident.objects.filter(
                first_name=first_name, neighbourhood=neighbourhoods[hood], user__isnull=True
            ).first()
        if resident is None:
            resident = Resident(neighbourhood=neighbourhoods[hood], user=user)
        resident.first_name = first_name
        resident.display_name = first_name
        resident.alias = alias
        resident.contact_preference = contact
        resident.created_via = channel
        resident.email = account or ""
        resident.phone = "0612345678" if contact == ContactPreference.PHONE else ""
        if contact in (ContactPreference.LETTER, ContactPreference.HOME_VISIT):
            street = neighbourhoods[hood].streets.all()[1].name
            resident.postal_address = f"{street} 12\n{neighbourhoods[hood].municipality}"
        if channel != Channel.ONLINE:
            resident.created_by = users[
                "moderator@hwwonen.example" if hood == "zuidwijk" else "makelaar@beterwonen.example"
            ]
        resident.save()
        if not ConsentRecord.objects.filter(resident=resident).exists():
            recorder = None if channel == Channel.ONLINE else resident.created_by
            consent_give(
                resident=resident,
                category=DataCategory.FIRST_NAME,
                purpose=Purpose.PUBLICATION,
                explanation=texts["publication-name"],
                method=channel,
                recorded_by=recorder,
            )
            if alias:
                consent_give(
                    resident=resident,
                    category=DataCategory.ALIAS,
                    purpose=Purpose.PUBLICATION,
                    explanation=texts["publication-name"],
                    method=channel,
                    recorded_by=recorder,
                )


def _verified_email(user) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
