"""In Chromium, for both front doors (/zuidwijk/ and /hagedoorn/) at 390 and 1280 px: the first action is in sight
without scrolling; what is alive there shows with its texts and its images' alt texts (the Zuidwijk: a pearl photo,
the next activity and the atelier's story; the Hagedoorn, which has no programme by design: the realised dream with
its story and the atelier's story); picking another neighbourhood changes the menu (on a phone behind "Menu"); in
Arabic the same story, activity and dream are there without sideways scrolling. axe-core clean on every page.

One browser for the module (``tests.browser``); each front door is loaded once per width and checked in one go."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from atelier.models import Story
from parelketting.choices import ActivityStatus
from tests.api.conftest import make_experiment, make_pearl, make_wall_dream  # noqa: F401  (fixtures)
from tests.browser import ARTIFACTS, assert_accessible
from tests.factories import ActivityFactory
from tests.images import jpeg_bytes, upload
from tests.test_languages_browser import OVERFLOW
from wijk.mood import mood_image_store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
FIRST_ACTION = {"zuidwijk": "Deel een parel", "hagedoorn": "Deel uw droom"}
# The atelier story staff chose for each front door: its title and its image's alt text.
STORIES = {
    "zuidwijk": ("Een ketting van parels", "Een zon boven een geel veld"),
    "hagedoorn": ("Een huis vol dromen", "Een wolk boven een huis"),
}
NEIGHBOURHOOD_ALT = {"zuidwijk": "Een rij huizen", "hagedoorn": "Een huis met een wolk"}
# The main menu's links that belong to one neighbourhood's experiment only.
MENU = {"zuidwijk": ("Parelkaart", "Programma"), "hagedoorn": ("Deel uw droom", "Dromenmuur")}


@pytest.fixture
def alive(world, make_pearl, make_wall_dream, make_experiment):  # noqa: F811
    """A pearl with a photo, a person's pearl, an activity next week in the Zuidwijk, a realised dream on the wall in
    the Hagedoorn, a mood image for each neighbourhood, and for each an atelier story with a mood image that staff
    chose for its front door."""
    make_pearl(title="Bankje bij de vijver", photo=True)
    make_pearl(title="Ik repareer fietsen", kind="person")
    ActivityFactory(
        title="Koffie in de tuin",
        description="Samen koffie drinken.",
        neighbourhood=world.zuidwijk,
        place_text="Het buurthuis",
        starts_at=timezone.now() + timedelta(days=6),
        organiser_resident=world.residents.zuidwijk,
        capacity=12,
        status=ActivityStatus.PUBLISHED,
    )
    make_wall_dream(outcome="Er is een moestuin")
    for neighbourhood, alt in ((world.zuidwijk, "Een rij huizen"), (world.hagedoorn, "Een huis met een wolk")):
        mood_image_store(neighbourhood, upload(jpeg_bytes(size=(900, 600))), alt=alt, credit="Tekening: Wijkportaal")
        neighbourhood.save()
    experiments = {
        "zuidwijk": make_experiment(is_public=True),
        "hagedoorn": make_experiment(
            slug="droomhuis", live_part="droomhuis", neighbourhood=world.hagedoorn, is_public=True
        ),
    }
    for slug, (title, alt) in STORIES.items():
        story = Story(
            experiment=experiments[slug], title=title, text="Zo begon het.", is_public=True, on_front_door=True
        )
        mood_image_store(story, upload(jpeg_bytes()), alt=alt, credit="Tekening: Wijkportaal")
        story.save()
    return world


def _screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"front-door-{name}.png"), full_page=True)


def _menu_texts(page) -> list[str]:
    """The main menu's links as a visitor sees them: on a phone the menu folds behind "Menu", so it opens it."""
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
        expect(page.locator("#hoofdmenu a").first).to_be_visible()
    return [text.strip() for text in page.locator("#hoofdmenu a").all_inner_texts()]


def _read_more(title):
    """The name of a "Lees het hele verhaal" link: the title follows, for whoever hears the link alone."""
    return re.compile(rf"^Lees het hele verhaal\s*: {re.escape(title)}$")


def _shows_image(page, image, alt):
    """``image`` has the alt text ``alt`` and, once scrolled into view (lazy loading), really drew a picture."""
    image.scroll_into_view_if_needed()
    assert image.get_attribute("alt") == alt
    # The page's CSP forbids wait_for_function's evaluated string: wait on the image's own property instead.
    expect(image).to_have_js_property("complete", True)
    assert page.evaluate("(img) => img.naturalWidth > 0", image.element_handle())


def _shows_what_is_alive(page, slug):
    """The atelier's story and the neighbourhood's own things, with their texts and alt texts."""
    title, alt = STORIES[slug]
    story = page.locator(".fd-story")
    expect(story.get_by_role("heading", name=title)).to_be_visible()
    _shows_image(page, story.locator("img"), alt)
    expect(story.get_by_role("link", name=_read_more(title))).to_have_attribute(
        "href", re.compile("/atelier/verhalen/")
    )
    if slug == "zuidwijk":
        _shows_image(page, page.locator(".fd-pearl img").first, "Een bankje")
        activity = page.get_by_role("link", name="Koffie in de tuin")
        activity.scroll_into_view_if_needed()
        assert activity.is_visible()
        assert "Het buurthuis" in activity.locator("xpath=ancestor::li[1]").inner_text()
    else:  # no programme and no pearls by design: the realised dreams with their story
        assert page.locator("#fd-programme, #fd-pearls").count() == 0
        dream = page.locator(".fd-dream").filter(has=page.get_by_role("heading", name="Er is een moestuin"))
        dream.scroll_into_view_if_needed()
        expect(dream).to_be_visible()
        assert "Buren zaaien samen." in dream.inner_text()
        expect(dream.get_by_role("link", name=_read_more("Er is een moestuin"))).to_be_attached()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
@pytest.mark.parametrize("slug", ["zuidwijk", "hagedoorn"])
def test_the_front_door_shows_its_first_action_and_what_is_alive(live_server, page, alive, slug, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/{slug}/")
    button = page.get_by_role("link", name=FIRST_ACTION[slug], exact=True).first
    box = button.bounding_box()
    assert button.is_visible() and box["y"] + box["height"] <= viewport["height"], box
    assert box["height"] >= 44 and page.evaluate("window.scrollY") == 0
    assert page.locator(".front-door__image img").get_attribute("alt") == NEIGHBOURHOOD_ALT[slug]
    assert page.evaluate(OVERFLOW)["scroll"] <= 0
    assert_accessible(page)
    _screenshot(page, f"{slug}-{viewport['width']}")
    _shows_what_is_alive(page, slug)


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
def test_choosing_another_neighbourhood_changes_the_menu(live_server, page, alive, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    menu = _menu_texts(page)
    assert all(link in menu for link in (*MENU["zuidwijk"], *MENU["hagedoorn"])), menu
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Zuidwijk").click()
    assert page.url.endswith("/zuidwijk/")
    menu = _menu_texts(page)
    assert all(link in menu for link in MENU["zuidwijk"]) and "Dromenmuur" not in menu, menu

    page.goto(live_server.url + "/privacy/")  # the choice holds on other pages, and home leads back
    assert "Dromenmuur" not in _menu_texts(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Andere wijk kiezen").click()
    assert page.url.endswith("/wijk-kiezen/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Hagedoorn").click()
    assert page.url.endswith("/hagedoorn/")
    menu = _menu_texts(page)
    assert all(link in menu for link in MENU["hagedoorn"]) and "Parelkaart" not in menu, menu
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
    first = page.locator(".front-door__actions a").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    assert_accessible(page)
    _screenshot(page, f"{slug}-390-ar")
    # The story, the next activity and the dream are the residents' own words: the same in every language.
    title, alt = STORIES[slug]
    expect(page.locator(".fd-story").get_by_role("heading", name=title)).to_be_attached()
    _shows_image(page, page.locator(".fd-story img"), alt)
    if slug == "zuidwijk":
        _shows_image(page, page.locator(".fd-pearl img").first, "Een bankje")
        expect(page.get_by_role("link", name="Koffie in de tuin")).to_be_visible()
    else:
        expect(page.get_by_role("heading", name="Er is een moestuin")).to_be_visible()
    result = page.evaluate(OVERFLOW)  # after the lazy images came in
    assert result["scroll"] <= 0 and result["bad"] == [], result
