"""Demo pearls for ``loaddemo``: places, people and partner offers in Zuidwijk, in every state.

Written for the demo in our own words. Safe to run again: a pearl with the same title is left alone.
"""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from lib.photos import photo_process
from wijk.choices import Channel
from wijk.models import Neighbourhood, Organisation, Resident, Theme, User

from .choices import PearlKind, PearlStatus, ReportWhat
from .models import Pearl
from .services import pearl_hide, pearl_publish, pearl_reject, pearl_report, pearl_return, pearl_submit

CENTRE = (Decimal("51.815900"), Decimal("4.413000"))

# title, kind, who (resident key / partner slug), themes, (dlat, dlng) or None, street, where, status, story,
# message for returned/rejected, photo colour or None
PEARLS = [
    (
        "Het bankje bij de vijver",
        PearlKind.PLACE,
        "ans",
        ["ontmoeting", "groen"],
        (0.0009, -0.0012),
        "Spui",
        "Aan de kant van het water, naast de grote wilg.",
        PearlStatus.PUBLISHED,
        "Hier zit ik elke ochtend met mijn koffie. Er komt altijd wel iemand langs voor een praatje. "
        "In de zomer zitten hier ook kinderen met een ijsje.",
        "",
        (70, 130, 90),
    ),
    (
        "Pop-up rommelruimte",
        PearlKind.PLACE,
        "gerrit",
        ["creatief", "klussen", "ontmoeting"],
        (-0.0004, 0.0006),
        "Oranjestraat",
        "In de oude winkel op de hoek, de deur met de gele vlag.",
        PearlStatus.PUBLISHED,
        "Een lege winkel waar je mag maken wat je wilt. Er liggen hout, verf en oude fietsonderdelen. "
        "Op woensdagmiddag staat de deur open. Samen bedenken we wat er nog meer kan.",
        "",
        (200, 160, 40),
    ),
    (
        "Moestuin achter de flat",
        PearlKind.PLACE,
        "ans",
        ["groen", "eten"],
        (0.0015, 0.0010),
        "Julianastraat",
        "Achter flat 20 tot 48, via het hek aan de zijkant.",
        PearlStatus.PUBLISHED,
        "Vijf bakken met tomaten, bonen en kruiden. Wie helpt met water geven, mag ook oogsten.",
        "",
        None,
    ),
    (
        "Speelveldje Emmastraat",
        PearlKind.PLACE,
        "gerrit",
        ["kinderen", "bewegen"],
        (-0.0013, -0.0005),
        "Emmastraat",
        "Het grasveld met de twee doeltjes.",
        PearlStatus.PUBLISHED,
        "Na school voetballen hier de kinderen uit de straat. Ouders staan aan de kant en kletsen.",
        "",
        None,
    ),
    (
        "Ik repareer fietsen",
        PearlKind.PERSON,
        "joke",
        ["klussen"],
        None,
        "",
        "",
        PearlStatus.PUBLISHED,
        "Lekke band of een rammelend spatbord? Ik maak het graag. Ik vraag er niets voor, een kop koffie is genoeg.",
        "",
        None,
    ),
    (
        "Ik lees graag voor",
        PearlKind.PERSON,
        "ans",
        ["kinderen", "eenzaamheid"],
        None,
        "",
        "",
        PearlStatus.PUBLISHED,
        "Ik was juf. Ik lees voor aan kinderen, of aan buren die zelf niet zo goed meer kunnen lezen.",
        "",
        None,
    ),
    (
        "Samen wandelen op dinsdag",
        PearlKind.PERSON,
        "gerrit",
        ["bewegen", "ontmoeting"],
        None,
        "",
        "",
        PearlStatus.SUBMITTED,
        "Elke dinsdag om tien uur loop ik een rondje door de wijk. Wie wil, loopt mee. Rustig tempo.",
        "",
        None,
    ),
    (
        "Koffie-ochtend in de rommelruimte",
        PearlKind.PARTNER_OFFER,
        "welzijn-hoeksche-waard",
        ["ontmoeting", "eenzaamheid"],
        (-0.0003, 0.0008),
        "Oranjestraat",
        "In de pop-up rommelruimte.",
        PearlStatus.PUBLISHED,
        "Elke donderdagochtend schenken wij koffie. Iedereen is welkom. U hoeft niets mee te nemen.",
        "",
        None,
    ),
    (
        "Gratis plantjes voor de buurttuin",
        PearlKind.PARTNER_OFFER,
        "tuincentrum-zuid",
        ["groen"],
        (0.0016, 0.0012),
        "Julianastraat",
        "Bij de moestuin achter de flat.",
        PearlStatus.SUBMITTED,
        "In het voorjaar brengen wij plantjes en zaden voor de moestuin. Wij geven ook advies.",
        "",
        None,
    ),
    (
        "De hoek bij de bushalte",
        PearlKind.PLACE,
        "ans",
        ["wonen"],
        None,
        "Koninginneweg",
        "",
        PearlStatus.RETURNED,
        "Hier zou een bankje moeten staan.",
        "Wat een goed idee! Welke bushalte bedoelt u precies? Dan kunnen wij de parel op de goede plek zetten.",
        None,
    ),
    (
        "Mijn eigen voortuin",
        PearlKind.PLACE,
        "gerrit",
        ["groen"],
        None,
        "Prins Bernhardstraat",
        "Voor mijn huis.",
        PearlStatus.REJECTED,
        "Mijn voortuin staat vol rozen.",
        "Wat mooi dat u zo van uw tuin geniet. Op de kaart zetten wij alleen plekken waar iedereen mag komen. "
        "Kent u zo'n plek? Dan horen wij het graag.",
        None,
    ),
    (
        "Oud bord bij de kerk",
        PearlKind.PLACE,
        "gerrit",
        ["wonen"],
        (0.0005, 0.0018),
        "Kerkstraat",
        "Naast de ingang van de kerk.",
        PearlStatus.HIDDEN,
        "Een oud informatiebord over de geschiedenis van Oud-Beijerland.",
        "",
        None,
    ),
    (
        "Bankjes onder de kastanje",
        PearlKind.PLACE,
        "gerrit",
        ["ontmoeting", "groen"],
        (-0.0010, 0.0016),
        "Koninginneweg",
        "Op het pleintje tegenover de bakker.",
        PearlStatus.PUBLISHED,
        "Drie bankjes in de schaduw van een oude kastanje. Goed om even uit te rusten met de boodschappen.",
        "",
        None,
    ),
    (
        "Overdekte zitplek bij de bibliotheek",
        PearlKind.PLACE,
        "ans",
        ["ontmoeting"],
        (0.0004, 0.0022),
        "Kerkstraat",
        "Onder het afdak naast de ingang van de bibliotheek.",
        PearlStatus.PUBLISHED,
        "Hier zit je droog als het regent. Binnen is een wc en je mag er gratis de krant lezen.",
        "",
        None,
    ),
    (
        "Picknicktafel aan de dijk",
        PearlKind.PLACE,
        "joke",
        ["ontmoeting", "eten"],
        (0.0020, -0.0020),
        "Beijerlandsedijk",
        "Bovenaan de trap van de dijk.",
        PearlStatus.PUBLISHED,
        "Mooi uitzicht en een tafel voor zes. Op zomeravonden eten hier soms buren samen.",
        "",
        None,
    ),
]


def _demo_photo(colour):
    image = Image.new("RGB", (1200, 800), colour)
    draw = ImageDraw.Draw(image)
    for i in range(0, 1200, 60):
        draw.ellipse((i, 300 + (i % 180), i + 50, 350 + (i % 180)), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return photo_process(SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg"))


def load(stdout=None) -> None:
    from .programme.demo import load_necklace_and_programme

    with transaction.atomic():
        created = _load()
        extra = load_necklace_and_programme()
    if stdout is not None:
        stdout.write(f"parelketting: {created} new demo pearls ({Pearl.objects.count()} in total); {extra}")


def _resident(key, zuidwijk):
    if key == "ans":
        return Resident.objects.filter(user__email="bewoner@zuidwijk.example").first()
    first_name = {"gerrit": "Gerrit", "joke": "Joke"}[key]
    return Resident.objects.filter(first_name=first_name, neighbourhood=zuidwijk).first()


def _load() -> int:
    zuidwijk = Neighbourhood.objects.filter(slug="zuidwijk").first()
    moderator = User.objects.filter(email="moderator@hwwonen.example").first()
    if zuidwijk is None or moderator is None:
        return 0
    themes = {t.slug: t for t in Theme.objects.all()}
    created = 0
    for title, kind, who, theme_slugs, offset, street, where, status, story, message, colour in PEARLS:
        if Pearl.objects.filter(neighbourhood=zuidwijk, title=title).exists():
            continue
        partner = Organisation.objects.filter(slug=who).first() if kind == PearlKind.PARTNER_OFFER else None
        submitter = None if partner else _resident(who, zuidwijk)
        on_behalf = partner is not None or (submitter is not None and submitter.user_id is None)
        meeting_place = None
        if kind == PearlKind.PERSON:
            meeting_place = Pearl.objects.filter(
                neighbourhood=zuidwijk, title="Pop-up rommelruimte", status=PearlStatus.PUBLISHED
            ).first()
        lat = lng = None
        if offset is not None:
            lat = (CENTRE[0] + Decimal(str(offset[0]))).quantize(Decimal("0.000001"))
            lng = (CENTRE[1] + Decimal(str(offset[1]))).quantize(Decimal("0.000001"))
        pearl = pearl_submit(
            kind=kind,
            title=title,
            story=story,
            neighbourhood=zuidwijk,
            submitter=submitter,
            partner=partner,
            themes=[themes[s] for s in theme_slugs if s in themes],
            lat=lat,
            lng=lng,
            street=street,
            location_description=where,
            meeting_place=meeting_place if title != "Ik lees graag voor" else None,
            photo=_demo_photo(colour) if colour else None,
            photo_description="Een sfeerbeeld in de kleuren van de plek" if colour else "",
            created_by=moderator if on_behalf else None,
            submitted_via=(submitter.created_via if submitter else Channel.PHONE) if on_behalf else Channel.ONLINE,
            consent_method=(submitter.created_via if submitter else Channel.PHONE) if on_behalf else "",
        )
        if status == PearlStatus.PUBLISHED:
            pearl_publish(pearl=pearl, by=moderator)
        elif status == PearlStatus.RETURNED:
            pearl_return(pearl=pearl, by=moderator, question=message)
        elif status == PearlStatus.REJECTED:
            pearl_reject(pearl=pearl, by=moderator, reason=message)
        elif status == PearlStatus.HIDDEN:
            pearl_publish(pearl=pearl, by=moderator)
            pearl_hide(pearl=Pearl.objects.get(pk=pearl.pk), by=moderator)
        created += 1
    if created:
        reported = Pearl.objects.filter(neighbourhood=zuidwijk, title="Speelveldje Emmastraat").first()
        if reported is not None and reported.status == PearlStatus.PUBLISHED:
            pearl_report(
                pearl=reported,
                what=ReportWhat.GONE,
                note="De doeltjes zijn weg, het veld is nu een bouwplaats.",
                reporter="demo-buurman",
            )
    return created
