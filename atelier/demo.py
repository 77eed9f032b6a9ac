"""Demo record for ``loaddemo``: team 3 of the 2018-2019 challenge, its third and fourth workshop, both
experiments with their canvases, why/how/what, stories and insights. Written for the demo in our own words;
the workshop dates and the people's names are made up. Safe to run again: records are matched by slug or
number, and a canvas that already exists is left as it is (so edits made in the demo survive)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from wijk.models import Neighbourhood, Organisation
from wijk.mood import DEMO_CREDIT

from .models import Canvas, CanvasBlock, LivePart, MemberKind, Story
from .services import (
    canvas_item_add,
    canvas_item_remove,
    canvas_item_update,
    canvas_start,
    challenge_save,
    experiment_save,
    insight_add,
    story_save,
    team_member_save,
    team_save,
    why_how_what_save,
    workshop_guests_set,
    workshop_save,
)

B = CanvasBlock

QUESTION_CONTENT = (
    "Hoe helpen we bewoners om mee te doen met wat zij kunnen en graag willen, zodat buren, corporaties en "
    "partners echt samenwerken in wijken waar ouderdom of weinig geld mensen buiten de boot kan laten vallen?"
)
QUESTION_PROCESS = (
    "Hoe zorgen we ervoor dat die samenwerking past bij wat bewoners zelf willen, nodig hebben en kunnen?"
)

REPORT_3 = """
<p>In het derde atelier hebben de twee corporaties hun eerste ideeën naast elkaar gelegd.
We zochten naar een plek in de wijk waar het experiment kan beginnen.</p>
<ul>
<li>HW Wonen koos de Zuidwijk in Oud-Beijerland.</li>
<li>Beter Wonen koos de omgeving van de Hagedoornschool in Almelo.</li>
</ul>
<p>Per experiment vulden we een eerste canvas. Dat ging nog vooral over problemen en risico's.</p>
"""

REPORT_4 = """
<p>Alle teams kwamen samen in de Social Impact Factory in Utrecht. Vier gasten van de corporaties,
partners en bewoners, en leden van de Raad van Inspiratie dachten mee.</p>
<h3>Het canvas aangescherpt</h3>
<p>Beide vraageigenaren vertelden eerst wat er al is en waar zij aan verder willen. In twee groepen
werkten we het canvas van elk experiment verder uit.</p>
<h3>Het verhaal vertellen</h3>
<p>Na een korte uitleg over verhalen vertellen oefenden we het verhaal van elk experiment.
Welke woorden en beelden raken mensen? De Raad van Inspiratie gaf scherpe tips, zoals nog vrijer
denken en leren in de wijk zelf.</p>
<h3>Wat veranderde</h3>
<p>We kijken minder naar problemen die later kunnen komen, en meer naar kansen die er vandaag al zijn.
Na afloop schreven we per experiment het waarom, hoe en wat op.</p>
"""

PARELKETTING_3 = {
    B.KEY_PARTNERS: ["HW Wonen", "Welzijnswerk", "Gemeente Oud-Beijerland"],
    B.KEY_ACTIVITIES: ["Inventarisatie van problemen in de wijk", "Bewonersavond organiseren"],
    B.KEY_RESOURCES: ["Budget van de corporatie", "Wijkbeheerder"],
    B.VALUE_PROPOSITIONS: ["Minder eenzaamheid bij ouderen"],
    B.CUSTOMER_RELATIONSHIPS: ["Huisbezoek door de wijkbeheerder"],
    B.CHANNELS: ["Bewonersbrief"],
    B.CUSTOMER_SEGMENTS: ["Ouderen in de Zuidwijk"],
    B.COST_STRUCTURE: ["Uren wijkbeheerder"],
    B.REVENUE_STREAMS: ["Subsidie aanvragen"],
}

PARELKETTING_4 = {
    B.KEY_PARTNERS: ["HW Wonen", "Welzijnswerk", "Gemeente Oud-Beijerland", "Vrijwilligers uit de wijk"],
    B.KEY_ACTIVITIES: [
        "Samen met bewoners parels zoeken: plekken en mensen",
        "Pop-up rommelruimte om samen te maken",
        "Bewoners maken hun eigen programma",
    ],
    B.KEY_RESOURCES: ["Een centrale plek in de wijk", "Wijkbeheerder", "Kaart van de wijk"],
    B.VALUE_PROPOSITIONS: [
        "Meedoen met wat je kunt en wilt",
        "Iedereen ziet wat de wijk al te bieden heeft",
    ],
    B.CUSTOMER_RELATIONSHIPS: ["Samen ontdekken, zonder vaste vorm", "Huisbezoek door de wijkbeheerder"],
    B.CHANNELS: ["De parelketting op de website", "Buurtbijeenkomst op de centrale plek", "Bewonersbrief"],
    B.CUSTOMER_SEGMENTS: [
        "Ouderen in de Zuidwijk",
        "Bewoners met weinig geld te besteden",
        "Buren die iets willen doen",
    ],
    B.COST_STRUCTURE: ["Uren wijkbeheerder", "Materiaal voor de rommelruimte"],
    B.REVENUE_STREAMS: ["Minder overlast en verhuizingen", "Inbreng van partners in natura"],
}

DROOMHUIS_3 = {
    B.KEY_PARTNERS: ["Beter Wonen", "Welzijn Almelo"],
    B.KEY_ACTIVITIES: ["Signalen van schulden opsporen"],
    B.KEY_RESOURCES: ["Lokaal in de oude school"],
    B.VALUE_PROPOSITIONS: ["Problemen eerder zien"],
    B.CUSTOMER_RELATIONSHIPS: ["Spreekuur"],
    B.CHANNELS: ["Folder bij de huurbrief"],
    B.CUSTOMER_SEGMENTS: ["Huurders met een betalingsachterstand"],
    B.COST_STRUCTURE: ["Huur van het lokaal"],
    B.REVENUE_STREAMS: ["Minder huurachterstand"],
}

DROOMHUIS_4 = {
    B.KEY_PARTNERS: ["Beter Wonen", "Welzijn Almelo", "Bibliotheek", "De school naast de deur"],
    B.KEY_ACTIVITIES: [
        "Dromen van huurders ophalen: wat zou u willen?",
        "De droommakelaar pakt elke droom op met partners",
        "Ervaringsdeskundigen lopen mee",
    ],
    B.KEY_RESOURCES: ["Het Droomhuis bij de Hagedoornschool", "Een droommakelaar"],
    B.VALUE_PROPOSITIONS: ["Ruimte voor dromen en wensen", "Zorgen vroeg zien, samen met iemand die het kent"],
    B.CUSTOMER_RELATIONSHIPS: ["Een vast gezicht: de droommakelaar", "Inloop zonder afspraak"],
    B.CHANNELS: ["Het Droomhuis zelf", "Dromenmuur op de website", "Folder bij de huurbrief"],
    B.CUSTOMER_SEGMENTS: ["Huurders rond de Hagedoornschool", "Ouderen en mensen met weinig geld"],
    B.COST_STRUCTURE: ["Huur van het lokaal", "Uren van de droommakelaar"],
    B.REVENUE_STREAMS: ["Minder huurachterstand", "Partners betalen mee aan activiteiten"],
}

# Notes that were reworded from the third to the fourth workshop (the comparison shows them as changed).
REWORDED = {
    (
        B.KEY_ACTIVITIES,
        "Inventarisatie van problemen in de wijk",
    ): "Samen met bewoners parels zoeken: plekken en mensen",
    (B.VALUE_PROPOSITIONS, "Minder eenzaamheid bij ouderen"): "Meedoen met wat je kunt en wilt",
    (B.KEY_ACTIVITIES, "Signalen van schulden opsporen"): "Dromen van huurders ophalen: wat zou u willen?",
    (B.VALUE_PROPOSITIONS, "Problemen eerder zien"): "Zorgen vroeg zien, samen met iemand die het kent",
    (B.KEY_RESOURCES, "Lokaal in de oude school"): "Het Droomhuis bij de Hagedoornschool",
    (B.CUSTOMER_RELATIONSHIPS, "Spreekuur"): "Inloop zonder afspraak",
}

WHY_HOW_WHAT = {
    ("parelketting", 3): (
        "Ouderen in de Zuidwijk raken uit beeld.",
        "We brengen in kaart wat er mis gaat.",
        "Een bewonersavond en huisbezoeken.",
    ),
    ("parelketting", 4): (
        "Iedereen heeft iets te bieden. Samen maken we de wijk prettiger.",
        "Met bewoners en partners zoeken we de parels van de wijk: mooie plekken en mensen die iets kunnen. "
        "We beginnen meteen, ook als nog niet alles geregeld is.",
        "Een parelketting van plekken en mensen, een pop-up rommelruimte en een programma dat bewoners zelf maken.",
    ),
    ("droomhuis", 3): (
        "Huurders met geldzorgen komen te laat in beeld.",
        "Een spreekuur in de wijk.",
        "Een lokaal in de oude school.",
    ),
    ("droomhuis", 4): (
        "Iedere huurder mag dromen. Wie gehoord wordt, vraagt ook eerder om hulp.",
        "We vragen: wat zou u willen? De droommakelaar pakt elke droom op met partners. "
        "Ervaringsdeskundigen helpen om zorgen vroeg te zien.",
        "Het Droomhuis bij de Hagedoornschool, met een droommakelaar en een dromenmuur.",
    ),
}

INSIGHTS_4 = [
    (
        "Vraag naar kansen van vandaag, niet naar problemen van later. Bijvoorbeeld: welke kansen ziet u vandaag "
        "om het wonen hier prettiger te maken?",
        None,
    ),
    ("Houd een open blik. Geef vrije ruimte en ontdek het samen met bewoners.", None),
    ("Begin gewoon, ook als nog niet alles geregeld is.", None),
    ("Zoek passende woorden en sfeerbeelden. Het verhaal maakt dat bewoners en partners zich verbonden voelen.", None),
    ("Durf te dromen en vraag huurders: wat zou u willen?", "droomhuis"),
    ("Een pop-up rommelruimte geeft ruimte om samen te maken en te ontdekken.", "parelketting"),
]

INSIGHTS_3 = [
    ("Elke corporatie kiest één eigen wijk voor het experiment.", None),
    ("Ons eerste canvas ging vooral over problemen. Dat willen we omdraaien.", None),
]

STORIES = {
    "parelketting": (
        "Een ketting van parels",
        "Mevrouw de Vries woont al veertig jaar in de Zuidwijk. Ze kent elk bankje. Haar buurman repareert "
        "fietsen in zijn schuur. Samen zijn zij twee parels. Als we alle parels van de wijk aan een ketting "
        "rijgen, ziet iedereen hoeveel er al is. En wie iets wil doen, weet waar hij kan beginnen.",
        "parel, samen, ontdekken, buren, dichtbij",
        "Een ketting van gekleurde kralen op een groene ondergrond",
        (46, 125, 50),
    ),
    "droomhuis": (
        "Wat zou u willen?",
        "Henk komt binnen in het Droomhuis voor een kop koffie. De droommakelaar vraagt niet wat er mis is, "
        "maar wat hij zou willen. Henk wil graag weer tuinieren. Een week later staat hij in de schooltuin. "
        "Pas later vertelt hij dat het met geld ook niet goed gaat. Dan is er al iemand die hij vertrouwt.",
        "dromen, welkom, koffie, vertrouwen, samen verder",
        "Een huisje met een warm verlicht raam tegen een blauwe lucht",
        (21, 101, 192),
    ),
}


def load(stdout=None) -> None:
    with transaction.atomic():
        _load()
    if stdout is not None:
        stdout.write("atelier: team 3, workshops 3 and 4, two experiments with canvases, stories and insights.")


def _load() -> None:
    hw = Organisation.objects.get(slug="hw-wonen")
    bw = Organisation.objects.get(slug="beter-wonen")
    zuidwijk = Neighbourhood.objects.get(slug="zuidwijk")
    hagedoorn = Neighbourhood.objects.get(slug="hagedoorn")

    challenge = challenge_save(
        slug="leefbare-wijken-2018-2019",
        name="Innovatiechallenge Leefbare Wijken en Buurten",
        period="2018-2019",
        description=(
            "Teams van corporaties, partners en bewoners ontwerpen samen experimenten voor prettige wijken. "
            "Ze werken in een reeks werkateliers en laten de uitkomst zien op het slotevent."
        ),
    )
    team = team_save(
        challenge=challenge,
        number=3,
        slug="team-3",
        question_content=QUESTION_CONTENT,
        question_process=QUESTION_PROCESS,
        question_owners=[hw, bw],
    )
    for name, org, kind in [
        ("Marieke Jansen", "HW Wonen", MemberKind.MEMBER),
        ("Erik Bos", "Beter Wonen", MemberKind.MEMBER),
        ("Sanne Visser", "Welzijn Almelo", MemberKind.MEMBER),
        ("Peter de Boer", "Begeleider van het atelier", MemberKind.MEMBER),
        ("Fatima El Amrani", "Raad van Inspiratie", MemberKind.ADVISORY_BOARD),
        ("Joost Smit", "Raad van Inspiratie", MemberKind.ADVISORY_BOARD),
    ]:
        team_member_save(team=team, name=name, organisation_name=org, kind=kind)

    ws3 = workshop_save(
        team=team,
        number=3,
        date=datetime.date(2018, 12, 13),
        place="Rotterdam",
        summary="We kozen per corporatie een wijk en vulden het eerste canvas.",
        report=REPORT_3,
        is_public=True,
    )
    ws4 = workshop_save(
        team=team,
        number=4,
        date=datetime.date(2019, 2, 14),
        place="Utrecht",
        venue="Social Impact Factory",
        summary="We werkten beide experimenten verder uit en oefenden het verhaal erachter.",
        report=REPORT_4,
        is_public=True,
    )
    workshop_guests_set(workshop=ws3, guests=[("Wijkbeheerder", "HW Wonen"), ("Buurtcoach", "Welzijn Almelo")])
    workshop_guests_set(
        workshop=ws4,
        guests=[
            ("Bewoner uit de Zuidwijk", "namens HW Wonen"),
            ("Vrijwilliger", "Vrijwilligerspunt Oud-Beijerland"),
            ("Huurder uit Almelo", "namens Beter Wonen"),
            ("Buurtcoach", "Welzijn Almelo"),
        ],
    )

    parelketting = experiment_save(
        team=team,
        slug="parelketting-zuidwijk",
        name="Parelketting",
        corporation=hw,
        neighbourhood=zuidwijk,
        live_part=LivePart.PARELKETTING,
        guiding_question="Welke kansen ziet u vandaag om het wonen hier prettiger te maken?",
        summary=(
            "Met bewoners en partners rijgen we een ketting van parels: mooie plekken in de wijk en mensen die "
            "iets te bieden hebben. Met ruimte voor een pop-up rommelruimte en een programma van bewoners zelf."
        ),
        is_public=True,
    )
    droomhuis = experiment_save(
        team=team,
        slug="droomhuis-hagedoorn",
        name="Droomhuis",
        corporation=bw,
        neighbourhood=hagedoorn,
        live_part=LivePart.DROOMHUIS,
        guiding_question="Wat zou u willen? Welke droom heeft u voor uw huis, uw straat of uzelf?",
        summary=(
            "Bij de Hagedoornschool krijgen dromen en wensen van huurders ruimte. Een droommakelaar pakt elke "
            "droom op met partners uit de wijk. Ervaringsdeskundigen helpen om zorgen op tijd te zien."
        ),
        is_public=True,
    )
    experiments = {"parelketting": parelketting, "droomhuis": droomhuis}

    _canvas(parelketting, ws3, PARELKETTING_3)
    _canvas(parelketting, ws4, PARELKETTING_4)
    _canvas(droomhuis, ws3, DROOMHUIS_3)
    _canvas(droomhuis, ws4, DROOMHUIS_4)

    for (key, number), (why, how, what) in WHY_HOW_WHAT.items():
        why_how_what_save(
            experiment=experiments[key], workshop=ws3 if number == 3 else ws4, why=why, how=how, what=what
        )

    for workshop, insights in ((ws3, INSIGHTS_3), (ws4, INSIGHTS_4)):
        if not workshop.insights.exists():
            for text, key in insights:
                insight_add(workshop=workshop, text=text, experiment=experiments.get(key))

    for key, (title, text, words, alt, colour) in STORIES.items():
        experiment = experiments[key]
        story = Story.objects.filter(experiment=experiment, title=title).first()
        story_save(
            experiment=experiment,
            story=story,
            workshop=ws4,
            title=title,
            text=text,
            words=words,
            image=_mood_image(colour) if story is None or not story.mood_image else None,
            image_alt=alt,
            image_credit=DEMO_CREDIT,
            is_public=True,
        )
    # Staff choose which story a neighbourhood's front door tells; in the demo, each experiment's own.
    Story.objects.filter(experiment__in=experiments.values(), title__in=[s[0] for s in STORIES.values()]).update(
        on_front_door=True
    )


def _canvas(experiment, workshop, notes: dict) -> None:
    if Canvas.objects.filter(experiment=experiment, workshop=workshop).exists():
        return
    earlier = (
        Canvas.objects.filter(experiment=experiment, workshop__number__lt=workshop.number)
        .order_by("-workshop__number")
        .first()
    )
    canvas = canvas_start(experiment=experiment, workshop=workshop, copy_from=earlier)
    keep = {(block, text) for block, texts in notes.items() for text in texts}
    for item in list(canvas.items.all()):
        new_text = REWORDED.get((item.block, item.text))
        if new_text and (item.block, new_text) in keep:
            canvas_item_update(item=item, text=new_text)
        elif (item.block, item.text) not in keep:
            canvas_item_remove(item=item)
    present = set(canvas.items.values_list("block", "text"))
    for block, texts in notes.items():
        for text in texts:
            if (block, text) not in present:
                canvas_item_add(canvas=canvas, block=block, text=text)


def _mood_image(colour) -> SimpleUploadedFile:
    """A simple generated mood image (a sun over a coloured field), so the demo ships no third-party photos."""
    image = Image.new("RGB", (640, 480), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((420, 60, 560, 200), fill=(255, 214, 102))
    for i in range(8):
        x = 60 + i * 70
        draw.ellipse((x, 330, x + 44, 374), fill=(255, 255, 255), outline=(30, 30, 30), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("sfeerbeeld.png", out.getvalue(), content_type="image/png")
