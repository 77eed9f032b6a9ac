"""The calendar feeds: kept in the cache, answered with 304 when unchanged, a change visible at once, and a
cancelled activity stays in ``programma.ics`` with STATUS:CANCELLED so subscribed calendars update."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from parelketting.models import Activity
from parelketting.programme.services import activity_cancel


def events(response):
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_feed_is_cached_and_a_conditional_get_gets_304(anonymous, make_activity):
    make_activity(title="Samen breien")
    url = reverse("parelketting:programme_ics")
    first = anonymous.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as ctx:
        again = anonymous.get(url)
    assert again.content == first.content
    assert len(ctx.captured_queries) == 0  # the body comes from the cache
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    not_modified = anonymous.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert anonymous.get(url, HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200


def test_a_change_is_visible_at_once(anonymous, make_activity):
    activity = make_activity(title="Samen breien")
    url = reverse("parelketting:programme_ics")
    before = anonymous.get(url)
    assert "Samen breien" in events(before)
    activity.title = "Samen haken"
    activity.save()
    after = anonymous.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert list(events(after)) == ["Samen haken"]
    make_activity(title="Fietsen maken", days=5)
    assert set(events(anonymous.get(url))) == {"Samen haken", "Fietsen maken"}


def test_cancelled_activity_stays_in_the_feed_as_cancelled(anonymous, make_activity, world):
    activity = make_activity(title="Samen breien")
    make_activity(title="Fietsen maken", days=5)
    url = reverse("parelketting:programme_ics")
    assert str(events(anonymous.get(url))["Samen breien"]["STATUS"]) == "CONFIRMED"
    activity_cancel(activity=activity, by=world.users.moderator_hw)
    feed = events(anonymous.get(url))
    assert str(feed["Samen breien"]["STATUS"]) == "CANCELLED"
    assert str(feed["Fietsen maken"]["STATUS"]) == "CONFIRMED"
    one = anonymous.get(reverse("parelketting:activity_ics", kwargs={"uid": activity.uid}))
    assert str(events(one)["Samen breien"]["STATUS"]) == "CANCELLED"


def test_cancelled_proposal_and_ended_cancellation_are_not_in_the_feed(anonymous, make_activity, world):
    proposal = make_activity(title="Nooit gepubliceerd", publish=False)
    activity_cancel(activity=proposal, by=world.users.moderator_hw)
    past = make_activity(title="Al voorbij")
    activity_cancel(activity=past, by=world.users.moderator_hw)
    Activity.objects.filter(pk=past.pk).update(
        starts_at=past.starts_at.replace(year=past.starts_at.year - 1),
        ends_at=past.ends_at.replace(year=past.ends_at.year - 1),
    )
    assert events(anonymous.get(reverse("parelketting:programme_ics"))) == {}


def test_one_activity_feed_answers_304_and_follows_a_change(anonymous, make_activity):
    activity = make_activity(title="Samen breien")
    url = reverse("parelketting:activity_ics", kwargs={"uid": activity.uid})
    first = anonymous.get(url)
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    activity.title = "Samen haken"
    activity.save()
    changed = anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and list(events(changed)) == ["Samen haken"]


def test_feeds_are_served_by_the_page_cache_with_their_headers(anonymous, make_activity):
    """Like the public pages, a repeat feed is answered before the session and login middleware run, from this
    worker's own copy (the mixed bench: the feed had a third of the pages' speed); its headers come along."""
    from wijk.public_cache import local_pages

    activity = make_activity(title="Samen breien")
    for url in (
        reverse("parelketting:programme_ics"),
        reverse("parelketting:activity_ics", kwargs={"uid": activity.uid}),
    ):
        first = anonymous.get(url)
        assert first["X-Page-Cache"] == "miss"
        with CaptureQueriesContext(connection) as ctx:
            again = anonymous.get(url)
        assert again["X-Page-Cache"] == "hit"
        assert len(ctx.captured_queries) == 0
        assert any(url in key for key in local_pages.entries)
        for header in ("Content-Type", "Content-Disposition", "ETag", "Last-Modified", "Cache-Control"):
            assert again[header] == first[header], header
        assert again.content == first.content
        assert anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
