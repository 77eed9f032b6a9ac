"""Every page, paper form, poster, letter and e-mail that tells a resident to call, come by or hand something in
also says whom to call: the organisation's phone number is on the rendered page.

The pages and e-mails below are rendered as a resident (or the staff member printing for them) gets them. A
second test reads every template: one that says such a phrase must be rendered here (or be listed as staff-only),
so a new page with "Bel ons" cannot slip past.
"""

import re
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActivityFactory
from tests.parelketting.conftest import make_pearl  # noqa: F401 - a fixture used below
from wijk.models import WalkInPlace
from wijk.services import letter_contact

# What tells a resident to act in person. Word boundaries: "belangrijk" or "langs de parels" are not a call.
PHRASES = {
    "bel": re.compile(r"\bbel\b", re.IGNORECASE),
    "bellen": re.compile(r"\bbellen\b", re.IGNORECASE),
    "kom langs": re.compile(r"\bkom\b[^.?!]{0,20}\blangs\b", re.IGNORECASE),
    "langskomen": re.compile(r"\blangskomen\b", re.IGNORECASE),
    "geef het af": re.compile(r"\bgeef\b[^.?!]{0,30}\baf\b", re.IGNORECASE),
}
PHONES = {"hw": "0186 000 000", "bw": "0546 000 000"}
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Templates that say such a phrase but are never shown to a resident, with the reason.
NOT_FOR_RESIDENTS = {
    "wijk/_contact.html": "the contact block itself",
    "wijk/_contact.txt": "the contact block itself",
    "parelketting/submit.html": "staff type in a pearl for a resident who phoned",
    "wijk/callbacks.html": "the staff's list of residents to call back",
    "droomhuis/broker/update_preview.html": "tells the broker to call the resident",
}
EMAILS = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.glob("*/email/*.txt"))


def _said(text: str) -> list[str]:
    return [name for name, pattern in PHRASES.items() if pattern.search(text)]


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def reachable(world):
    """The demo's corporations with their numbers, addresses and walk-in places."""
    for org, key, address in (
        (world.hw, "hw", "Parelplein 1, Oud-Beijerland"),
        (world.bw, "bw", "Dromenweg 1, Almelo"),
    ):
        org.phone = PHONES[key]
        org.opening_hours = "maandag tot en met vrijdag, 9 tot 17 uur"
        org.visiting_address = address
        org.postal_address = f"{org.name}, Antwoordnummer 1"
        org.save()
    WalkInPlace.objects.create(
        organisation=world.bw,
        neighbourhood=world.hagedoorn,
        name="Het Droomhuis",
        address="Sleedoornstraat 2",
        opening_hours="dinsdag",
    )
    return world


@pytest.fixture
def activity(reachable):
    return ActivityFactory(
        neighbourhood=reachable.zuidwijk,
        description="Breien in de rommelruimte.",
        starts_at=timezone.now() + timedelta(days=5),
        capacity=8,
    )


@pytest.fixture
def rendered_templates():
    """The names of every template rendered while the test runs."""
    names = set()

    def seen(sender, template, context, **kwargs):
        names.add(template.name)

    template_rendered.connect(seen)
    yield names
    template_rendered.disconnect(seen)


def _pages(world, activity, moderator_hw):
    """(page name, client, path, phone that must be on it, status) for every resident-facing page that asks."""
    from parelketting.programme.services import signup_create_anonymous
    from parelketting.services import pearl_submit_anonymous
    from parelketting.views.submit import SESSION_SENT

    anonymous = Client()
    resident = Client()
    resident.force_login(world.users.resident_zuidwijk)
    month = timezone.localdate().strftime("%Y-%m")
    pearl = pearl_submit_anonymous(
        neighbourhood=world.zuidwijk, kind="place", title="Bank", story="Fijn", street="Spui"
    )
    sender = Client()  # the visitor who just sent that pearl: the thank-you page is theirs
    session = sender.session
    session[SESSION_SENT] = [pearl.follow_code]
    session.save()
    signup = signup_create_anonymous(activity=activity, name="Fatma")
    tablet = Client()  # the Droomhuis tablet, started by the broker; a dream was just shared on it
    tablet.force_login(world.users.broker_bw)
    tablet.post(reverse("wijk:kiosk_start"), {"neighbourhood": world.hagedoorn.pk})
    kiosk_thanks = tablet.post(
        reverse("droomhuis:share"),
        {"text": "Een moestuin.", "neighbourhood": world.hagedoorn.pk, "alias": "Buurman", "website": ""},
    ).url
    return [
        ("aanmelding zoeken", anonymous, reverse("parelketting:signup_find"), "both", 200),
        ("aanmelding", anonymous, reverse("parelketting:signup_status", args=[signup.reference]), "hw", 200),
        ("parel volgen", anonymous, reverse("parelketting:follow", args=[pearl.follow_code]), "hw", 200),
        ("parel bedankt", sender, reverse("parelketting:thanks", args=[pearl.follow_code]), "hw", 200),
        ("home", anonymous, reverse("wijk:home"), "both", 200),
        ("voordeur zuidwijk", anonymous, reverse("wijk:front_door", args=["zuidwijk"]), "hw", 200),
        ("voordeur hagedoorn", anonymous, reverse("wijk:front_door", args=["hagedoorn"]), "bw", 200),
        ("login", anonymous, reverse("account_login"), "both", 200),
        ("privacy", anonymous, reverse("wijk:privacy"), "both", 200),
        ("toegankelijkheid", anonymous, reverse("wijk:accessibility"), "both", 200),
        ("activiteit", anonymous, activity.get_absolute_url(), "hw", 200),
        ("parel op papier", anonymous, reverse("parelketting:paper_pearl") + "?wijk=zuidwijk", "hw", 200),
        ("aanmelden op papier", anonymous, reverse("parelketting:paper_signup", args=[activity.uid]), "hw", 200),
        ("aanmelden op papier, leeg", anonymous, reverse("parelketting:paper_signup_blank"), "both", 200),
        ("droom op papier", anonymous, reverse("droomhuis:paper"), "bw", 200),
        ("bel mij terug", anonymous, reverse("wijk:callback") + f"?wijk={world.hagedoorn.pk}", "bw", 200),
        ("affiche", moderator_hw, reverse("parelketting:poster") + f"?wijk=zuidwijk&maand={month}", "hw", 200),
        ("mijn gegevens", resident, reverse("wijk:my_data"), "hw", 200),
        ("kiosk, droom ontvangen", tablet, kiosk_thanks, "bw", 200),
        ("kiosk, bonnetje", tablet, kiosk_thanks + "bonnetje/", "bw", 200),
        ("kiosk", tablet, reverse("wijk:kiosk"), "bw", 200),  # last: the kiosk home starts the tablet afresh
    ]


def _assert_reachable(name: str, text: str, expected: str):
    said = _said(text)
    wanted = list(PHONES.values()) if expected == "both" else [PHONES[expected]]
    missing = [phone for phone in wanted if phone not in text]
    assert not (said and missing), f"{name} says {said} but does not show the phone number {missing}"


def test_every_page_that_says_call_or_come_by_shows_the_number(reachable, activity, moderator_hw, rendered_templates):
    for name, client, path, expected, status in _pages(reachable, activity, moderator_hw):
        response = client.get(path)
        assert response.status_code == status, f"{name} ({path}) answered {response.status_code}"
        html = response.content.decode()
        _assert_reachable(name, _visible_text(html), expected)
        phones = [PHONES[expected]] if expected != "both" else list(PHONES.values())
        for phone in phones:
            assert f'href="tel:+31{phone.replace(" ", "")[1:]}"' in html, f"{name}: no tel: link for {phone}"


def _callback_answer(world):
    """The page a resident sees after asking to be called back."""
    data = {"phone": "0546 123 456", "day_part": "morning", "neighbourhood": world.hagedoorn.pk}
    return Client().post(reverse("wijk:callback"), data)


def test_the_callback_answer_says_whom_to_call(reachable):
    response = _callback_answer(reachable)
    assert response.status_code == 200
    _assert_reachable("bel mij terug, verstuurd", _visible_text(response.content.decode()), "bw")
    assert 'href="tel:+31546000000"' in response.content.decode()


def _refusals(world, settings) -> dict:
    """The pages that refuse a resident for a while (429), each reached the way a resident reaches it."""
    from droomhuis import services as dream_services

    settings.RATE_LIMIT_SCALE = 1
    settings.DROOMHUIS_FOLLOW_WRONG_LIMIT = 0
    settings.DROOMHUIS_WITHDRAW_LIMIT = 0
    settings.PARELKETTING_FOLLOW_WRONG_LIMIT = 0
    follow = Client().get(reverse("droomhuis:follow_start"), {"reference": "WRONGCODE99"})
    pearl_follow = Client().get(reverse("parelketting:follow_start"), {"code": "WRONGCODE99"})
    signup_code = Client().get(reverse("parelketting:signup_find"), {"code": "WRONGCODE99"})
    dream = dream_services.dream_submit(
        neighbourhood=world.hagedoorn, text="Een moestuin achter de flat.", consent_contact=False, consent_wall=False
    )
    withdraw = Client().post(reverse("droomhuis:consent_withdraw", args=[dream.reference, "dream-wall"]))
    return {
        "volgcode geweigerd": follow,
        "te vaak ingetrokken": withdraw,
        "parel-volgcode geweigerd": pearl_follow,
        "aanmeldcode geweigerd": signup_code,
    }


def test_the_429_pages_say_whom_to_call(reachable, settings):
    for name, response in _refusals(reachable, settings).items():
        assert response.status_code == 429, f"{name} answered {response.status_code}"
        html = response.content.decode()
        assert _said(_visible_text(html)), f"{name} no longer asks to call: check this test"
        _assert_reachable(name, _visible_text(html), "bw")
        assert "Het Droomhuis, Sleedoornstraat 2" in html

    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/accounts/login/")
    request.user = AnonymousUser()
    html = render_to_string("429.html", request=request)
    assert _said(_visible_text(html))
    _assert_reachable("429", _visible_text(html), "both")


def test_the_500_page_shows_the_numbers_from_the_database(reachable):
    client = Client(raise_request_exception=False)
    with mock.patch("wijk.views.Neighbourhood.objects.select_related", side_effect=ValueError("bug")):
        response = client.get("/")
    assert response.status_code == 500
    _assert_reachable("500", _visible_text(response.content.decode()), "both")


def test_the_500_page_renders_with_the_settings_when_the_contact_details_fail(reachable, settings):
    settings.WIJKPORTAAL_CONTACT_FALLBACK = [{"name": "HW Wonen", "phone": "0186 111 111"}]
    client = Client(raise_request_exception=False)
    with (
        mock.patch("wijk.views.Neighbourhood.objects.select_related", side_effect=ValueError("bug")),
        mock.patch("wijk.contact._read", side_effect=OperationalError("gone")),
    ):
        response = client.get("/")
    assert response.status_code == 500
    assert 'href="tel:+31186111111" dir="ltr">0186 111 111</a>' in response.content.decode()


def test_the_503_page_needs_no_database_and_shows_the_last_known_numbers(reachable, django_assert_num_queries):
    from wijk.contact import contacts_for
    from wijk.errors import service_unavailable_response

    contacts_for()  # a page was shown before the database went away
    with django_assert_num_queries(0):
        response = service_unavailable_response()
    assert response.status_code == 503
    _assert_reachable("503", _visible_text(response.content.decode()), "both")


def test_the_503_page_falls_back_to_the_settings(db, settings, django_assert_num_queries):
    from django.core.cache import cache

    from wijk.errors import service_unavailable_response

    cache.clear()
    settings.WIJKPORTAAL_CONTACT_FALLBACK = [{"name": "Beter Wonen", "phone": "0546 222 222"}]
    with django_assert_num_queries(0):
        html = service_unavailable_response().content.decode()
    assert "Bel uw woningcorporatie" in html and 'href="tel:+31546222222" dir="ltr">0546 222 222</a>' in html


@pytest.mark.parametrize("template", EMAILS)
def test_every_email_and_letter_that_says_call_shows_the_number(reachable, activity, make_pearl, template):  # noqa: F811
    """The e-mail as sent; the letter as printed, with the footer that says how to reach the sender."""
    pearl = make_pearl(title="Het bankje", status="returned")
    context = {
        "activity": activity,
        "pearl": pearl,
        "before": activity,
        "title_changed": True,
        "activity_url": "https://wijk.example/a/",
        "mine_url": "https://wijk.example/m/",
        "programme_address": "wijk.example/programma/",
        # The invitation to a new colleague (staff, but rendered here like every e-mail template).
        "colleague": reachable.users.moderator_hw,
        "invited_by": reachable.users.superuser,
        "organisation": reachable.hw,
        "days": 3,
    }
    email = render_to_string(template, context)
    _assert_reachable(f"e-mail {template}", email, "hw")

    from types import SimpleNamespace

    body = render_to_string(template, {**context, "letter": True})
    letter = SimpleNamespace(
        language="nl",
        organisation=reachable.hw,
        resident=reachable.residents.zuidwijk,
        subject="Nieuws",
        body=body,
        contact_line=letter_contact(reachable.hw, reachable.zuidwijk),
    )
    printed = render_to_string("wijk/letters/batch.html", {"letters": [letter], "today": timezone.localdate()})
    _assert_reachable(f"letter {template}", _visible_text(printed), "hw")


def test_every_template_that_asks_to_call_is_checked_here(
    reachable, activity, moderator_hw, rendered_templates, settings
):
    """A template that says "bel" or "kom langs" must be one of the pages or e-mails rendered above."""
    for _name, client, path, _expected, _status in _pages(reachable, activity, moderator_hw):
        client.get(path)
    _refusals(reachable, settings)
    _callback_answer(reachable)
    rendered = rendered_templates | set(EMAILS) | {"429.html", "500.html", "503.html"}
    unchecked = []
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix not in {".html", ".txt"}:
            continue
        name = path.relative_to(TEMPLATES).as_posix()
        text = re.sub(r"\{#.*?#\}", " ", path.read_text())
        if _said(text) and name not in rendered and name not in NOT_FOR_RESIDENTS:
            unchecked.append(f"{name} ({', '.join(_said(text))})")
    assert not unchecked, "Add these templates to the pages or e-mails this file renders: " + "; ".join(unchecked)
