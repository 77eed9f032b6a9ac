"""Activities as iCalendar (RFC 5545) for phone calendars: times in UTC, a stable UID per activity.

Calendars poll a subscribed feed often. The body is kept in the shared cache under the portal's content
versions of the programme and the site (``wijk.public_cache``: a change to an activity, a sign-up or a
place shows at the next request), and a calendar
that sends back the ETag or Last-Modified it got gets an empty 304 answer.
"""

import hashlib
import math
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from icalendar import Calendar, Event, vDatetime, vGeo, vText, vUri

from lib.links import absolute_url
from wijk.public_cache import PROGRAMME, SITE, versioned_key

from .models import activity_links

UID_DOMAIN = "parelketting.wijkportaal"


def activity_uid(activity) -> str:
    """Stable for the life of the activity: a calendar updates the same event when it changes."""
    return _uid(activity.uid)


def _uid(uid) -> str:
    return f"activiteit-{uid}@{UID_DOMAIN}"


def ical_calendar(name: str) -> Calendar:
    """The calendar's own lines, in the order the library writes them (see ``_event``)."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Wijkportaal//Parelketting//NL")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


class FeedItem(NamedTuple):
    """What an event says about an activity: ``location`` is its place's title (or the place in words),
    ``lat``/``lng`` its place's point (``None`` without one)."""

    uid: uuid.UUID
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    updated_at: datetime
    status: str
    location: str
    lat: Decimal | None
    lng: Decimal | None

    @classmethod
    def of(cls, activity) -> "FeedItem":
        place = activity.place
        return cls(
            activity.uid,
            activity.title,
            activity.description,
            activity.starts_at,
            activity.ends_at,
            activity.updated_at,
            activity.status,
            activity.place_label,
            place.lat if place is not None else None,
            place.lng if place is not None else None,
        )


# The same columns from the database: one row per activity, no model instances (a feed has hundreds).
FEED_COLUMNS = {
    "uid": F("uid"),
    "title": F("title"),
    "description": F("description"),
    "starts_at": F("starts_at"),
    "ends_at": F("ends_at"),
    "updated_at": F("updated_at"),
    "status": F("status"),
    "location": Case(When(place__isnull=False, then=F("place__title")), default=F("place_text")),
    "lat": F("place__lat"),
    "lng": F("place__lng"),
}
if tuple(FEED_COLUMNS) != FeedItem._fields:  # the rows are read into FeedItem by position
    raise ImportError("FEED_COLUMNS must name FeedItem's fields in the same order")


def _event(item: FeedItem, url: str, stamp: vDatetime) -> Event:
    """One VEVENT. Each value is set as the library's own property type (``vText``, ``vDatetime``, ``vGeo``,
    ``vUri``): the type ``Event.add`` would pick for that property, so the feed has the same lines, without
    the library working the type out again for each value of hundreds of events. ``stamp`` is the one
    DTSTAMP of the whole feed (UTC, like every time here). The properties are set in the order the library
    writes them (its canonical order, then by name), so the calendar needn't sort them again."""
    event = Event()
    event["summary"] = vText(item.title)
    event["dtstart"] = vDatetime(item.starts_at.astimezone(UTC))
    event["dtend"] = vDatetime(item.ends_at.astimezone(UTC))
    event["dtstamp"] = stamp
    event["uid"] = vText(_uid(item.uid))
    event["description"] = vText(item.description)
    if item.lat is not None:
        event["geo"] = vGeo((float(item.lat), float(item.lng)))
    event["last-modified"] = vDatetime(item.updated_at.astimezone(UTC))
    if item.location:
        event["location"] = vText(item.location)
    event["status"] = vText("CANCELLED" if item.status == "cancelled" else "CONFIRMED")
    event["url"] = vUri(url)
    return event


def _ical(items, *, name: str) -> bytes:
    stamp = vDatetime(timezone.now().astimezone(UTC))
    link = activity_links()
    calendar = ical_calendar(name)
    for item in items:
        calendar.add_component(_event(item, absolute_url(link(item.uid)), stamp))
    return calendar.to_ical(sorted=False)


def activities_ical(activities, *, name: str) -> bytes:
    """One calendar with an event per activity. ``activities`` should have ``place`` selected."""
    return _ical([FeedItem.of(activity) for activity in activities], name=name)


def programme_ical(*, name: str) -> bytes:
    """``programma.ics``: an event for each activity ``feed_activities()`` lists."""
    return _ical([FeedItem(*row) for row in feed_activities().values_list(*FEED_COLUMNS.values())], name=name)


ICS_CACHE_SECONDS = 600


def feed_activities(now=None):
    """What ``programma.ics`` lists: published activities that have not ended, and cancelled ones that were
    published and have not ended yet. A subscribed calendar then gets STATUS:CANCELLED for the event it has,
    until the moment the activity would have ended."""
    from ..choices import ActivityStatus
    from .models import Activity

    now = now or timezone.now()
    was_published = Exists(Activity.history.model.objects.filter(id=OuterRef("pk"), status=ActivityStatus.PUBLISHED))
    return (
        Activity.objects.upcoming(now)
        .alias(was_published=was_published)
        .filter(Q(status=ActivityStatus.PUBLISHED) | Q(status=ActivityStatus.CANCELLED, was_published=True))
        .select_related("place")
        .order_by("starts_at", "pk")
    )


def ics_response(request, *, key: str, build, filename: str) -> HttpResponse:
    """The calendar ``build()`` makes, from the cache when nothing changed; 304 for a conditional GET."""
    cache_key = versioned_key(f"parelketting:ics:{key}:{get_language()}", PROGRAMME, SITE)
    entry = cache.get(cache_key)
    hit = entry is not None
    if entry is None:
        body = build()
        # Whole seconds, rounded up: a client that has this copy never looks newer than it.
        entry = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"', math.ceil(time.time()))
        cache.set(cache_key, entry, ICS_CACHE_SECONDS)
    body, etag, last_modified = entry
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Calendars may keep a copy but must ask again each time; the answer is then a cheap 304.
    response["Cache-Control"] = "public, no-cache"
    response["X-Page-Cache"] = "hit" if hit else "miss"
    return response
