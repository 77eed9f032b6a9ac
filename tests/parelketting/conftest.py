"""Fixtures for the Parelketting tests: pearls made through the services, and image files good and bad."""

from decimal import Decimal

import pytest

from parelketting.choices import PearlKind, PearlStatus
from parelketting.services import pearl_hide, pearl_publish, pearl_reject, pearl_return, pearl_submit
from tests.images import gps_exif, jpeg_bytes, upload  # noqa: F401 (re-exported for the tests)
from wijk.photos import photo_process


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The GeoJSON is cached; every test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_pearl(world):
    """``make_pearl(status="published", kind="place", ...)`` builds a pearl the way the app does."""
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
    ):
        neighbourhood = neighbourhood or world.zuidwijk
        if submitter is None and kind != PearlKind.PARTNER_OFFER:
            submitter = world.residents.zuidwijk if neighbourhood == world.zuidwijk else world.residents.hagedoorn
        lat = lng = None
        if point and kind != PearlKind.PERSON:
            lat = neighbourhood.centre_lat + Decimal("0.001")
            lng = neighbourhood.centre_lng - Decimal("0.001")
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
            street="Spui" if kind == PearlKind.PLACE else "",
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
