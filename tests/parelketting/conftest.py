"""Fixtures for the Parelketting tests: pearls made through the services, and image files good and bad."""

from decimal import Decimal

import pytest

from lib.photos import photo_process
from parelketting.choices import PearlKind, PearlStatus
from parelketting.services import pearl_hide, pearl_publish, pearl_reject, pearl_return, pearl_submit
from tests.images import gps_exif, jpeg_bytes, upload  # noqa: F401 (re-exported for the tests)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The GeoJSON is cached; every test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_pearl(world):
    """``make_pearl(status="published", kind="place", ...)`` builds a pearl the way the app does (its services);
    ``offset`` (degrees) moves a place from the neighbourhood's centre. The API tests use it too."""
    moderator = world.users.moderator_hw

    def make(
        *,
        status=PearlStatus.PUBLISHED,
        kind=PearlKind.PLACE,
        title="Bankje bij de vijver",
        neighbourhood=None,
        submitter=None,
        themes=(),
        point=True,
        photo=False,
        meeting_place=None,
        partner=None,
        offset=Decimal("0.001"),
    ):
        neighbourhood = neighbourhood or world.zuidwijk
        if submitter is None and kind != PearlKind.PARTNER_OFFER:
            submitter = world.residents.zuidwijk if neighbourhood == world.zuidwijk else world.residents.hagedoorn
        lat = lng = None
        if point and kind != PearlKind.PERSON:
            lat = neighbourhood.centre_lat + offset
            lng = neighbourhood.centre_lng - offset
        pearl = pearl_submit(
            kind=kind,
            title=title,
            story="Een mooi verhaal over de wijk.",
            neighbourhood=neighbourhood,
            submitter=submitter,
            partner=partner,
            themes=themes,
            lat=lat,
            lng=lng,
            street="Spui" if kind == PearlKind.PLACE and point else "",
            location_description="Bij het water",
            meeting_place=meeting_place,
            photo=photo_process(upload(jpeg_bytes())) if photo else None,
            photo_description="Een bankje" if photo else "",
            created_by=moderator if partner else None,
            submitted_via="phone" if partner else "online",
            consent_method="phone" if partner else "",
        )
        by = world.users.superuser
        if status == PearlStatus.PUBLISHED:
            pearl = pearl_publish(pearl=pearl, by=by)
        elif status == PearlStatus.RETURNED:
            pearl = pearl_return(pearl=pearl, by=by, question="Waar is het precies?")
        elif status == PearlStatus.REJECTED:
            pearl = pearl_reject(pearl=pearl, by=by, reason="Dit is een eigen tuin.")
        elif status == PearlStatus.HIDDEN:
            pearl = pearl_hide(pearl=pearl, by=by)
        return pearl

    return make


@pytest.fixture
def make_place(make_pearl, world):
    """A published place pearl at an offset (in degrees) from the neighbourhood's centre."""
    from parelketting.models import Pearl

    def make(title, dlat=0.0, dlng=0.0, neighbourhood=None, **practical):
        pearl = make_pearl(title=title, neighbourhood=neighbourhood)
        hood = pearl.neighbourhood
        Pearl.objects.filter(pk=pearl.pk).update(
            lat=hood.centre_lat + Decimal(str(dlat)), lng=hood.centre_lng + Decimal(str(dlng)), **practical
        )
        pearl.refresh_from_db()
        return pearl

    return make


@pytest.fixture
def make_route(make_place, world):
    """``make_route(n)``: a published route through ``n`` place pearls, going north about 111 m a stop."""
    from parelketting.models import Route, RouteStop

    def make(n=3, slug="rondje-zuidwijk", status="published", neighbourhood=None):
        hood = neighbourhood or world.zuidwijk
        route = Route.objects.create(slug=slug, title="Rondje Zuidwijk", neighbourhood=hood, status=status)
        for i in range(n):
            place = make_place(f"{slug} plek {i + 1}", dlat=0.001 * i, neighbourhood=hood, bench="yes", toilet="no")
            RouteStop.objects.create(route=route, pearl=place, position=i + 1)
        return route

    return make


@pytest.fixture
def make_activity(world, make_pearl):
    """``make_activity(capacity=…, days=…)``: a published activity at a place pearl in Zuidwijk."""
    from datetime import timedelta

    from django.utils import timezone

    from parelketting.programme.services import activity_propose, activity_publish

    place_holder = {}

    def make(*, title="Samen breien", capacity=5, days=3, hours=2, publish=True, themes=(), place=None, **kwargs):
        if place is None:
            if "place" not in place_holder:
                place_holder["place"] = make_pearl(title="Pop-up rommelruimte")
            place = place_holder["place"]
        # Other days start at 14:00, so no test depends on the hour it runs at (an activity that runs past
        # midnight needs an end day in the change form); today's starts now, to be still on, and ends by midnight.
        start = (timezone.localtime() + timedelta(days=days)).replace(microsecond=0)
        if days:
            start = start.replace(hour=14, minute=0, second=0)
        else:
            end_of_day = start.replace(hour=23, minute=59, second=59)
            hours = max(min(hours, (end_of_day - start).total_seconds() / 3600), 1 / 60)
        kwargs.setdefault("organiser_resident", world.residents.zuidwijk)
        activity = activity_propose(
            title=title,
            description="We breien samen sjaals voor de winter.",
            neighbourhood=world.zuidwijk,
            place=place,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            capacity=capacity,
            themes=themes,
            proposed_by=world.users.resident_zuidwijk,
            **kwargs,
        )
        if publish:
            activity = activity_publish(activity=activity, by=world.users.moderator_hw)
        return activity

    return make


@pytest.fixture
def zuidwijk_residents(world):
    """``zuidwijk_residents(n)``: n extra residents of Zuidwijk with an e-mail address."""
    from tests.factories import ResidentFactory

    def make(n):
        return [
            ResidentFactory(neighbourhood=world.zuidwijk, first_name=f"Buur{i}", email=f"buur{i}@zuidwijk.test")
            for i in range(n)
        ]

    return make


def open_pearl_form(page, live_server, user):
    """Log ``user`` in on ``page``, open the pearl form and pass step 1 (a name and a story): step 2 is open."""
    from tests.browser import log_in

    log_in(page, live_server, user)
    page.goto(live_server.url + "/parelketting/nieuw/")
    page.wait_for_selector("#pk-picker.pk-ready", state="attached")
    page.get_by_label("Geef uw parel een korte naam").fill("Het bankje bij de vijver")
    page.get_by_label("Vertel erover in uw eigen woorden").fill("Hier zit ik graag.")  # step 1 is checked
    page.locator("fieldset.pk-step:not([hidden])").get_by_role("button", name="Volgende stap").click()
    return page
