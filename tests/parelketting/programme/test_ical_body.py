"""The calendar feed's exact bytes. ``parelketting.programme.ical`` builds a feed of hundreds of events
quickly: one row per activity with only the columns it writes, each value set as the library's own property
type (``vText``, ``vDatetime``, ``vGeo``, ``vUri``) in the order the library writes them, the links made
with one ``reverse()``. The feed must stay byte for byte what ``Event.add`` with plain Python values and
``get_absolute_url()`` make; the reference below is that plain way, as the feed was built before."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Event

from lib.links import absolute_url
from parelketting.models import Activity
from parelketting.programme import ical
from parelketting.programme.services import activity_cancel

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 6, 9, 30, 15, 123456, tzinfo=UTC)


def plain_ical(activities, *, name: str, now) -> bytes:
    """The feed the straightforward way: ``add`` with Python values, the library choosing each type."""
    calendar = ical.ical_calendar(name)  # the calendar's own lines; what changed is how each event is built
    for activity in activities:
        event = Event()
        event.add("uid", f"activiteit-{activity.uid}@parelketting.wijkportaal")
        event.add("dtstamp", now)
        event.add("dtstart", activity.starts_at.astimezone(UTC))
        event.add("dtend", activity.ends_at.astimezone(UTC))
        event.add("summary", activity.title)
        event.add("description", activity.description)
        if activity.place_label:
            event.add("location", activity.place_label)
        place = activity.place
        if place is not None and place.lat is not None:
            event.add("geo", (float(place.lat), float(place.lng)))
        event.add("url", absolute_url(activity.get_absolute_url()))
        event.add("status", "CANCELLED" if activity.status == "cancelled" else "CONFIRMED")
        event.add("last-modified", activity.updated_at.astimezone(UTC))
        calendar.add_component(event)
    return calendar.to_ical()


@pytest.fixture
def awkward(make_activity, make_pearl, world):
    """Activities whose lines fold, need escaping, have no place, a place without a point, or are cancelled."""
    long = make_activity(
        title="Samen koken: één pan, véél buren — 🍲 en een lange titel die zeker over de regel heen loopt",
        days=1,
    )
    Activity.objects.filter(pk=long.pk).update(
        description="Neem mee: een mes, een plank; en zin.\nTweede regel met een \\ backslash, en 😀 emoji."
    )
    no_place = make_activity(title="Ergens in de wijk", days=2)
    Activity.objects.filter(pk=no_place.pk).update(place=None, place_text="Bij de kiosk, naast het hek; achterom")
    nowhere = make_activity(title="Nog geen plek", days=3)
    Activity.objects.filter(pk=nowhere.pk).update(place=None, place_text="")
    pointless = make_pearl(title="Buurthuis zonder punt", point=False)
    make_activity(title="Binnen", days=4, place=pointless)
    west = make_pearl(title="West", offset=Decimal("-0.000001"))
    make_activity(title="Net ernaast", days=5, place=west)
    cancelled = make_activity(title="Gaat niet door", days=6)
    activity_cancel(activity=cancelled, by=world.users.moderator_hw)
    make_activity(title="Nog een voorstel", days=7, publish=False)


def test_feed_is_byte_for_byte_the_plain_build(awkward, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    built = ical.programme_ical(name="Programma Parelketting")
    # The reference reads whole activities; the feed only the columns it needs, as rows.
    reference = plain_ical(
        Activity.objects.filter(pk__in=ical.feed_activities().values("pk")).order_by("starts_at", "pk"),
        name="Programma Parelketting",
        now=NOW,
    )
    assert built == reference
    assert ical.activities_ical(ical.feed_activities(), name="Programma Parelketting") == reference
    assert built.count(b"BEGIN:VEVENT") == 6
    assert b"DTSTAMP:20261206T093015Z\r\n" in built
    assert b"STATUS:CANCELLED" in built and b"\r\n " in built  # a folded line


def test_the_views_serve_the_same_bytes(anonymous, awkward, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    cache.clear()
    feed = anonymous.get(reverse("parelketting:programme_ics")).content
    activities = list(Activity.objects.filter(pk__in=ical.feed_activities().values("pk")).order_by("starts_at", "pk"))
    assert feed == plain_ical(activities, name="Programma Parelketting", now=NOW)
    for activity in activities:
        one = anonymous.get(reverse("parelketting:activity_ics", kwargs={"uid": activity.uid})).content
        assert one == plain_ical([activity], name=activity.title, now=NOW)
