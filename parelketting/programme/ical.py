"""Activities as iCalendar (RFC 5545) for phone calendars: times in UTC, a stable UID per activity.

Calendars poll a subscribed feed often. The body is kept in the shared cache under the portal's content
versions of the programme and the site (``wijk.public_cache``: a change to an activity, a sign-up or a
place shows at the next request), and a calendar
that sends back the ETag or Last-Modified it got gets an empty 304 answer.
"""

import hashlib
import math
import time
from datetime import UTC

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from icalendar import Calendar, Event, vDatetime, vGeo, vText, vUri

from lib.links import absolute_url
from wijk.public_cache import PROGRAMME, SITE, versioned_key

UID_DOMAIN = "parelketting.wijkportaal"


def activity_uid(activity) -> str:
    """Stable for the life of the activity: a calendar updates the same event when it changes."""
    return f"activiteit-{activity.uid}@{UID_DOMAIN}"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Wijkportaal//Parelketting//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _event(activity, stamp: vDatetime) -> Event:
    """One VEVENT. Each value is set as the library's own property type (``vText``, ``vDatetime``, ``vGeo``,
    ``vUri``): the type ``Event.add`` would pick for that property, so the feed has the same lines, without
    the library working the type out again for each value of hundreds of events. ``stamp`` is the one
    DTSTAMP of the whole feed (UTC, like every time here)."""
    event = Event()
    event["uid"] = vText(activity_uid(activity))
    event["dtstamp"] = stamp
    event["dtstart"] = vDatetime(activity.starts_at.astimezone(UTC))
    event["dtend"] = vDatetime(activity.ends_at.astimezone(UTC))
    event["summary"] = vText(activity.title)
    event["description"] = vText(activity.description)
    if activity.place_label:
        event["location"] = vText(activity.place_label)
    place = activity.place
    if place is not None and place.lat is not None:
        event["geo"] = vGeo((float(place.lat), float(place.lng)))
    event["url"] = vUri(absolute_url(activity.get_absolute_url()))
    event["status"] = vText("CANCELLED" if activity.status == "cancelled" else "CONFIRMED")
    event["last-modified"] = vDatetime(activity.updated_at.astimezone(UTC))
    return event


def activities_ical(activities, *, name: str) -> bytes:
    """One calendar with an event per activity. ``activities`` should have ``place`` selected."""
    stamp = vDatetime(timezone.now().astimezone(UTC))
    calendar = _calendar(name)
    for activity in activities:
        calendar.add_component(_event(activity, stamp))
    return calendar.to_ical()


ICS_CACHE_SECONDS = 600
# What ``_event`` reads: the feed loads only these columns of its hundreds of activities and their places.
FEED_FIELDS = (
    "uid",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "updated_at",
    "status",
    "place_text",
    "place__title",
    "place__lat",
    "place__lng",
)


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
        .only(*FEED_FIELDS)
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
