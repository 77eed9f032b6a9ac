"""The demo record loads twice with the same result and tells the story of team 3's fourth workshop."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from atelier.compare import compare, totals
from atelier.models import Canvas, CanvasItem, Experiment, Insight, Story, WhyHowWhat, Workshop

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(CanvasItem.objects.values_list("canvas__experiment__slug", "canvas__workshop__number", "block", "text")),
        Workshop.objects.count(),
        Insight.objects.count(),
        Story.objects.count(),
        WhyHowWhat.objects.count(),
    )


def test_loaddemo_twice_gives_the_same_record(settings, client):
    settings.DEBUG = True
    call_command("loaddemo")
    first = snapshot()
    call_command("loaddemo")
    assert snapshot() == first
    assert set(Experiment.objects.values_list("slug", flat=True)) == {"parelketting-zuidwijk", "droomhuis-hagedoorn"}
    ws4 = Workshop.objects.get(number=4)
    assert ws4.place == "Utrecht" and ws4.venue == "Social Impact Factory"
    assert Canvas.objects.count() == 4
    assert all(story.mood_image and story.mood_image_credit for story in Story.objects.all())

    for slug in ("parelketting-zuidwijk", "droomhuis-hagedoorn"):
        old = Canvas.objects.get(experiment__slug=slug, workshop__number=3)
        new = Canvas.objects.get(experiment__slug=slug, workshop__number=4)
        figures = totals(compare(list(old.items.all()), list(new.items.all())))
        assert figures["added"] > 0 and figures["changed"] > 0 and figures["removed"] > 0

    client.login(email="facilitator@atelier.example", password="parel-en-droom")
    add = reverse("atelier:canvas_item_add", kwargs={"slug": "droomhuis-hagedoorn", "number": 4})
    assert client.post(add, {"block": "channels", "text": "Buurtkrant"}).status_code == 302
    assert client.get(reverse("atelier:workshop", kwargs={"team_slug": "team-3", "number": 4})).status_code == 200
