"""In Chromium: a front door with its mood image at 390 and 1280 px (and in Arabic), and a story's own page on a
phone and on paper; axe-core clean on every page."""

import re

import pytest
from django.urls import reverse

from droomhuis.services import dream_front_door_set
from tests.api.conftest import make_wall_dream  # noqa: F401  (fixture)
from tests.browser import ARTIFACTS, assert_accessible
from tests.images import jpeg_bytes, upload
from tests.test_languages_browser import OVERFLOW
from wijk.mood import mood_image_store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
ALT = "Tekening van een straat met huizen onder een ketting van parels"
STORY = (
    "Wim vroeg om bankjes.\n\nBeter Wonen betaalde ze. De school hielp met de plek.\n\nNu zitten er buren te praten."
)


@pytest.fixture
def pictured(world, make_wall_dream):  # noqa: F811
    mood_image_store(world.zuidwijk, upload(jpeg_bytes(size=(1500, 1200))), alt=ALT, credit="Tekening: Wijkportaal")
    world.zuidwijk.save()
    dream = make_wall_dream(outcome="Drie bankjes bij de speeltuin")
    dream.story = STORY
    dream.save()
    dream_front_door_set(dream=dream, moderator=world.users.moderator_bw, featured=True)
    world.dream = dream
    return world


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"mood-{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
def test_the_front_door_shows_its_mood_image_and_keeps_the_first_action_in_sight(live_server, page, pictured, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/zuidwijk/")
    image = page.locator(".front-door__image img")
    assert image.get_attribute("alt") == ALT
    assert image.get_attribute("width") == "1500" and image.get_attribute("height") == "1000"
    assert image.get_attribute("srcset")
    image.scroll_into_view_if_needed()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", image.element_handle())
    box = image.bounding_box()
    assert abs(box["width"] / box["height"] - 1.5) < 0.02, box  # the place kept is the image's own shape
    assert page.get_by_text("Tekening: Wijkportaal").is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    button = page.get_by_role("link", name="Deel een parel", exact=True).first
    button_box = button.bounding_box()
    assert button_box["y"] + button_box["height"] <= viewport["height"], button_box
    if viewport is WIDE:  # beside the question, not under it
        assert box["x"] > button_box["x"] + button_box["width"]
    assert page.evaluate(OVERFLOW)["scroll"] <= 0
    assert_accessible(page)
    _shot(page, f"zuidwijk-{viewport['width']}")


def test_in_arabic_the_mood_image_fits_a_phone(live_server, page, pictured):
    page.set_viewport_size(PHONE)
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/zuidwijk/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= 0 and result["bad"] == [], result
    assert page.locator(".front-door__image img").get_attribute("alt") == ALT
    assert_accessible(page)
    _shot(page, "zuidwijk-390-ar")


def test_a_featured_story_leads_to_its_own_page_readable_and_printable(live_server, page, pictured):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/hagedoorn/")
    page.get_by_role("link", name=re.compile(r"^Lees het hele verhaal\s*: Drie bankjes bij de speeltuin$")).click()
    page.wait_for_url(f"**{reverse('droomhuis:story', kwargs={'uid': pictured.dream.story_uid})}")
    assert page.get_by_role("heading", level=1).inner_text() == "Drie bankjes bij de speeltuin"
    assert page.locator(".story-page__text p").count() == 3
    assert page.evaluate(OVERFLOW)["scroll"] <= 0
    assert_accessible(page)
    _shot(page, "story-390")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    page.emulate_media(media="screen")
