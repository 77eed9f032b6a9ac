"""Activities as iCalendar (RFC 5545) for phone calendars: times in UTC, a stable UID per activity."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

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


def _event(activity, now) -> Event:
    event = Event()
    event.add("uid", activity_uid(activity))
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
    event.add("url", f"{settings.SITE_URL}{activity.get_absolute_url()}")
    event.add("status", "CANCELLED" if activity.status == "cancelled" else "CONFIRMED")
    event.add("last-modified", activity.updated_at.astimezone(UTC))
    return event


def activities_ical(activities, *, name: str) -> bytes:
    """One calendar with an event per activity. ``activities`` should have ``place`` selected."""
    now = timezone.now().astimezone(UTC)
    calendar = _calendar(name)
    for activity in activities:
        calendar.add_component(_event(activity, now))
    return calendar.to_ical()
