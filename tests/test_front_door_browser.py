"""In Chromium, at 390 and 1280 px: each neighbourhood's front door puts its first action in sight without
scrolling, shows a pearl photo, the atelier's story and the next activity with their texts, changes the menu when the visitor picks
another neighbourhood, and works in Arabic without sideways scrolling; axe-core clean on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from atelier.models import Story
from parelketting.choices import ActivityStatus
from parelketting.programme.models import Activity
from tests.api.conftest import make_experiment, make_pearl, make_wall_dream  # noqa: F401  (fixtures)
from tests.browser import ARTIFACTS, assert_accessible
from tests.images import jpeg_bytes, upload
from tests.test_languages_browser import OVERFLOW
from wijk.mood import mood_image_store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
FIRST_ACTION = {"zuidwijk": "Deel een parel", "hagedoorn": "Deel uw droom"}


@pytest.fixture
def alive(world, make_pearl, make_wall_dream, make_experiment):  # noqa: F811
    """A pearl with a photo, a person's pearl, an activity next week, a realised dream on the wall, and the
    atelier's story with a mood image that staff chose for the Zuidwijk."""
    make_pearl(title="Bankje bij de vijver", photo=True)
    make_pearl(title="Ik repareer fietsen", kind="person")
    start = timezone.now() + timedelta(days=6)
    Activity.objects.create(
        title="Koffie in de tuin",
        description="Samen koffie drinken.",
        neighbourhood=world.zuidwijk,
        place_text="Het buurthuis",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        organiser_resident=world.residents.zuidwijk,
        capacity=12,
        status=ActivityStatus.PUBLISHED,
    )
    make_wall_dream(outcome="Er is een moestuin")
    story = Story(
        experiment=make_experiment(is_public=True),
        title="Een ketting van parels",
        text="Zo begon het.",
        is_public=True,
        on_front_door=True,
    )
    mood_image_store(story, upload(jpeg_bytes()), alt="Een zon boven een geel veld", credit="Tekening: Wijkportaal")
    story.save()
    return world


def _screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"front-door-{name}.png"), full_page=True)


def _menu_texts(page) -> list[str]:
    return [text.strip() for text in page.locator("#hoofdmenu a").all_inner_texts()]


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
@pytest.mark.parametrize("slug", ["zuidwijk", "hagedoorn"])
def test_the_first_action_is_in_sight_without_scrolling(live_server, page, alive, slug, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/{slug}/")
    button = page.get_by_role("link", name=FIRST_ACTION[slug], exact=True).first
    box = button.bounding_box()
    assert button.is_visible() and box["y"] + box["height"] <= viewport["height"], box
    assert box["height"] >= 44 and page.evaluate("window.scrollY") == 0
    assert page.evaluate(OVERFLOW)["scroll"] <= 0
    assert_accessible(page)
    _screenshot(page, f"{slug}-{viewport['width']}")


def test_a_pearl_photo_and_the_next_activity_show_with_their_texts(live_server, page, alive):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/zuidwijk/")
    photo = page.locator(".fd-pearl img").first
    photo.scroll_into_view_if_needed()
    assert photo.get_attribute("alt") == "Een bankje"
    # A lazy image starts loading when it comes into view: wait until it has (the page's CSP forbids
    # wait_for_function's evaluated string), then check that it really drew a picture.
    expect(photo).to_have_js_property("complete", True)
    assert page.evaluate("(img) => img.naturalWidth > 0", photo.element_handle())
    activity = page.get_by_role("link", name="Koffie in de tuin")
    assert activity.is_visible() and "Het buurthuis" in page.locator(".fd-list").first.inner_text()
    story = page.locator(".fd-story img")
    story.scroll_into_view_if_needed()
    assert story.get_attribute("alt") == "Een zon boven een geel veld"
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", story.element_handle())
    page.goto(f"{live_server.url}/hagedoorn/")
    assert page.get_by_role("heading", name="Er is een moestuin").is_visible()
    assert_accessible(page)


def test_choosing_another_neighbourhood_changes_the_menu(live_server, page, alive):
    page.set_viewport_size(WIDE)
    page.goto(live_server.url + "/")
    assert "Parelkaart" in _menu_texts(page) and "Dromenmuur" in _menu_texts(page)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Zuidwijk").click()
    assert page.url.endswith("/zuidwijk/")
    menu = _menu_texts(page)
    assert "Parelkaart" in menu and "Programma" in menu and "Dromenmuur" not in menu

    page.goto(live_server.url + "/privacy/")  # the choice holds on other pages, and home leads back
    assert "Dromenmuur" not in _menu_texts(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Andere wijk kiezen").click()
    assert page.url.endswith("/wijk-kiezen/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Hagedoorn").click()
    assert page.url.endswith("/hagedoorn/")
    menu = _menu_texts(page)
    assert "Deel uw droom" in menu and "Dromenmuur" in menu and "Parelkaart" not in menu
    page.goto(live_server.url + "/")
    assert page.url.endswith("/hagedoorn/")


def test_without_javascript_the_choice_works_with_plain_forms(live_server, browser, alive):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.get_by_role("button", name="Hagedoorn").click()
        page.wait_for_url("**/hagedoorn/")
        assert "Parelkaart" not in _menu_texts(page)
    finally:
        context.close()


@pytest.mark.parametrize("slug", ["zuidwijk", "hagedoorn"])
def test_in_arabic_the_front_door_fits_a_phone(live_server, page, alive, slug):
    page.set_viewport_size(PHONE)
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/{slug}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= 0 and result["bad"] == [], result
    first = page.locator(".front-door__actions a").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    if slug == "zuidwijk":
        assert page.locator(".fd-pearl img").first.get_attribute("alt") == "Een bankje"
    assert_accessible(page)
    _screenshot(page, f"{slug}-390-ar")
