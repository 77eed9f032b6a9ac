"""Demo necklace and pop-up programme for ``loaddemo``: a walk through Zuidwijk and a few weeks of activities.

Dates are relative to today. Safe to run again: the route, its stops, activities (same title and start)
and sign-ups that already exist are left alone.
"""

import io
from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from lib.photos import photo_process
from wijk.choices import Channel
from wijk.illustrations import pearl_path, popup_space
from wijk.models import Neighbourhood, Organisation, Resident, Theme, User
from wijk.mood import mood_image_demo

from ..choices import ActivityStatus, PearlKind, PearlStatus, RouteStatus, SignUpStatus
from ..models import Pearl, Route, RouteStop
from ..necklace.services import pearl_short_code_ensure
from .models import Activity, SignUp
from .services import activity_propose, activity_publish, activity_story_write, signup_create

# Practical details for older walkers: step-free, bench, toilet, shelter ("" = not known yet).
PRACTICAL = {
    "Pop-up rommelruimte": ("yes", "yes", "yes", "yes"),
    "Het bankje bij de vijver": ("yes", "yes", "no", "no"),
    "Moestuin achter de flat": ("no", "yes", "no", "no"),
    "Bankjes onder de kastanje": ("yes", "yes", "no", ""),
    "Overdekte zitplek bij de bibliotheek": ("yes", "yes", "yes", "yes"),
    "Picknicktafel aan de dijk": ("no", "yes", "no", "no"),
}

ROUTE_STOPS = [
    ("Pop-up rommelruimte", "Start hier. De deur met de gele vlag; binnen is een wc."),
    ("Bankjes onder de kastanje", ""),
    ("Overdekte zitplek bij de bibliotheek", "Regent het? Hier zit u droog."),
    ("Moestuin achter de flat", "Het hek aan de zijkant gaat open met de klink. Het pad is van gras."),
    ("Het bankje bij de vijver", ""),
    ("Picknicktafel aan de dijk", "De trap is steil. Links is een flauw pad omhoog."),
]

FEATURED_PEARL = "Het bankje bij de vijver"
# Activities in the pop-up space get its drawing as their mood image.
POPUP_ACTIVITIES = ["Samen breien", "Fietsen opknappen", "Lampjes maken van oud hout"]
POPUP_ALT = "Tekening van een lege winkel met een gele vlag. Binnen staat een werktafel met hout en een lamp."

# title, days from today, start hour, hours, capacity, place title or None, place text, organiser, themes,
# talent pearl titles, status, description
ACTIVITIES = [
    (
        "Samen breien",
        2,
        14,
        2,
        8,
        "Pop-up rommelruimte",
        "",
        "ans",
        ["ontmoeting", "creatief"],
        [],
        ActivityStatus.PUBLISHED,
        "Ans leert u breien, of u brengt uw eigen breiwerk mee. Er is wol en er zijn naalden. Koffie staat klaar.",
    ),
    (
        "Fietsen opknappen",
        4,
        13,
        3,
        6,
        "Pop-up rommelruimte",
        "",
        "joke",
        ["klussen"],
        ["Ik repareer fietsen"],
        ActivityStatus.PUBLISHED,
        "Joke kijkt naar uw fiets: een lekke band, remmen of licht. Samen maken we hem weer veilig.",
    ),
    (
        "Voorlezen in de bibliotheek",
        6,
        10,
        1,
        2,
        "Overdekte zitplek bij de bibliotheek",
        "",
        "ans",
        ["eenzaamheid", "kinderen"],
        ["Ik lees graag voor"],
        ActivityStatus.PUBLISHED,
        "Een uur voorlezen uit de krant en uit een mooi boek. Voor iedereen die graag luistert.",
    ),
    (
        "Wandelen langs de parels",
        9,
        10,
        2,
        12,
        "Pop-up rommelruimte",
        "",
        "gerrit",
        ["bewegen", "ontmoeting"],
        [],
        ActivityStatus.PUBLISHED,
        "We lopen samen de parelketting door Zuidwijk. Rustig tempo, met een stop bij elk bankje.",
    ),
    (
        "Zaaien in de moestuin",
        16,
        15,
        2,
        10,
        "Moestuin achter de flat",
        "",
        "gerrit",
        ["groen", "eten"],
        [],
        ActivityStatus.PUBLISHED,
        "We zaaien sla en radijs voor het voorjaar. Handschoenen liggen klaar.",
    ),
    (
        "Soep koken voor de buurt",
        20,
        16,
        3,
        10,
        "Pop-up rommelruimte",
        "",
        "partner:welzijn-hoeksche-waard",
        ["eten", "ontmoeting"],
        [],
        ActivityStatus.PROPOSED,
        "Samen soep koken en daarna samen eten. Iedereen mag iets meenemen om te delen.",
    ),
    (
        "Lampjes maken van oud hout",
        -3,
        14,
        2,
        8,
        "Pop-up rommelruimte",
        "",
        "gerrit",
        ["creatief", "klussen"],
        [],
        ActivityStatus.PUBLISHED,
        "Van oude planken en fietslampjes maken we lampjes voor in de tuin.",
    ),
]

PAST_STORY = (
    "Met zeven buren zaagden en schuurden we een hele middag. Iedereen ging naar huis met een lampje. "
    "Twee buren spraken af om volgende keer samen een vogelhuisje te maken."
)


def _story_photo():
    image = Image.new("RGB", (1000, 700), (180, 120, 60))
    draw = ImageDraw.Draw(image)
    for i in range(6):
        draw.rectangle((80 + i * 150, 300, 160 + i * 150, 520), fill=(240, 220, 120))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return photo_process(SimpleUploadedFile("lampjes.jpg", buffer.getvalue(), content_type="image/jpeg"))


def _resident(key, zuidwijk):
    if key == "ans":
        return Resident.objects.filter(user__email="bewoner@zuidwijk.example").first()
    return Resident.objects.filter(first_name=key.capitalize(), neighbourhood=zuidwijk).first()


def load_necklace_and_programme() -> str:
    zuidwijk = Neighbourhood.objects.filter(slug="zuidwijk").first()
    moderator = User.objects.filter(email="moderator@hwwonen.example").first()
    if zuidwijk is None or moderator is None:
        return "no necklace (Zuidwijk or its moderator missing)"
    places = {p.title: p for p in Pearl.objects.filter(neighbourhood=zuidwijk, kind=PearlKind.PLACE)}
    for title, (step_free, bench, toilet, shelter) in PRACTICAL.items():
        if title in places:
            Pearl.objects.filter(pk=places[title].pk).update(
                step_free=step_free, bench=bench, toilet=toilet, shelter=shelter
            )
    for pearl in places.values():
        if pearl.status == PearlStatus.PUBLISHED and pearl.lat is not None:
            pearl_short_code_ensure(pearl=pearl)

    route, _created = Route.objects.get_or_create(
        slug="parelketting-zuidwijk",
        defaults={
            "title": "De parelketting van Zuidwijk",
            "neighbourhood": zuidwijk,
            "status": RouteStatus.PUBLISHED,
            "description": "Een rustige wandeling langs fijne plekken in de wijk. Onderweg zijn genoeg bankjes om even "
            "te zitten. Bij de rommelruimte en de bibliotheek is een wc.",
        },
    )
    position = 0
    for title, note in ROUTE_STOPS:
        pearl = places.get(title)
        if pearl is None or pearl.status != PearlStatus.PUBLISHED or pearl.lat is None:
            continue
        position += 1
        RouteStop.objects.get_or_create(route=route, pearl=pearl, defaults={"position": position, "note": note})

    themes = {t.slug: t for t in Theme.objects.all()}
    people = {p.title: p for p in Pearl.objects.filter(neighbourhood=zuidwijk, kind=PearlKind.PERSON)}
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    made = 0
    activities = {}
    for (
        title,
        days,
        hour,
        hours,
        capacity,
        place_title,
        place_text,
        organiser,
        theme_slugs,
        talents,
        status,
        description,
    ) in ACTIVITIES:
        starts_at = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour, 0)), tz)
        existing = Activity.objects.filter(neighbourhood=zuidwijk, title=title, starts_at=starts_at).first()
        if existing is not None:
            activities[title] = existing
            continue
        partner = None
        resident = None
        if organiser.startswith("partner:"):
            partner = Organisation.objects.filter(slug=organiser.split(":", 1)[1]).first()
            if partner is None:
                continue
        else:
            resident = _resident(organiser, zuidwijk)
        place = places.get(place_title) if place_title else None
        if place is not None and place.status != PearlStatus.PUBLISHED:
            place = None
        activity = Activity(
            title=title,
            description=description,
            neighbourhood=zuidwijk,
            place=place,
            place_text=place_text or ("" if place else "In de wijk"),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            capacity=capacity,
            organiser_resident=resident,
            organiser_partner=partner,
            proposed_by=resident.user if resident and resident.user_id else moderator,
            status=ActivityStatus.PROPOSED,
        )
        if days >= 0:
            activity = activity_propose(
                title=title,
                description=description,
                neighbourhood=zuidwijk,
                place=place,
                place_text=activity.place_text,
                starts_at=activity.starts_at,
                ends_at=activity.ends_at,
                capacity=capacity,
                organiser_resident=resident,
                organiser_partner=partner,
                proposed_by=activity.proposed_by,
                themes=[themes[s] for s in theme_slugs if s in themes],
                talent_pearls=[people[t] for t in talents if t in people],
            )
        else:
            # A past activity: stored as it was then (the proposal service only takes future dates from forms).
            activity.save()
            activity.themes.set([themes[s] for s in theme_slugs if s in themes])
        if status == ActivityStatus.PUBLISHED:
            activity = activity_publish(activity=activity, by=moderator)
        activities[title] = activity
        made += 1

    residents = [r for r in (_resident(k, zuidwijk) for k in ("ans", "gerrit", "joke")) if r is not None]
    full = activities.get("Voorlezen in de bibliotheek")
    if full is not None and not full.signups.exists():
        for resident in residents:  # 2 places, 3 neighbours: one waits
            staff = None if resident.user_id else moderator
            signup_create(
                activity=full,
                resident=resident,
                by=staff,
                channel=Channel.ONLINE if staff is None else resident.created_via,
            )
    knitting = activities.get("Samen breien")
    if knitting is not None and residents and not knitting.signups.exists():
        for resident in residents[1:]:
            signup_create(activity=knitting, resident=resident, by=moderator, channel=resident.created_via)
    past = activities.get("Lampjes maken van oud hout")
    if past is not None and not past.story:
        if residents:
            SignUp.objects.get_or_create(
                activity=past,
                resident=residents[0],
                defaults={"status": SignUpStatus.CONFIRMED, "channel": Channel.ONLINE},
            )
        activity_story_write(
            activity=past, story=PAST_STORY, photos=[(_story_photo(), "Zes houten lampjes op een rij")], by=moderator
        )
    # Staff featured one pearl's story on the front door and the poster.
    featured = places.get(FEATURED_PEARL)
    if featured is not None and featured.status == PearlStatus.PUBLISHED and not featured.on_front_door:
        featured.on_front_door = True
        featured.save(update_fields=["on_front_door"])
    # Mood images drawn for the project (wijk/illustrations.py), through the same photo pipeline as uploads.
    mood_image_demo(route, pearl_path, alt="Tekening van een kronkelend pad door het gras, met parels langs de kant.")
    for title in POPUP_ACTIVITIES:
        if title in activities:
            mood_image_demo(activities[title], popup_space, alt=POPUP_ALT)
    return f"necklace with {route.stops.count()} stops; {made} new activities ({Activity.objects.count()} in total)"
