"""Mood images (wijk/mood.py): staff choose and crop them in the admin, they are stored like every photo
(EXIF dropped, smaller copies for ``srcset``), and the front door, the walk and the activity show them with
their alt text, credit, width and height."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from PIL import Image

from lib.photos import photo_process, variant_name
from parelketting.models import Route
from tests.api.conftest import make_experiment  # noqa: F401  (fixture)
from tests.images import gps_exif, jpeg_bytes, upload
from tests.wijk.test_front_door import _activity, _count
from wijk.frontdoor import COOKIE
from wijk.mood import mood_image_store

pytestmark = pytest.mark.django_db


def _with_image(instance, alt="Een rij huizen", credit="Foto: Ans", size=(1800, 1500)):
    mood_image_store(instance, upload(jpeg_bytes(size=size, exif=gps_exif())), alt=alt, credit=credit)
    instance.save()
    return instance


def _route(world, status="published"):
    return Route.objects.create(slug="rondje", title="Rondje", neighbourhood=world.zuidwijk, status=status)


def _img(html, src_part):
    found = [tag for tag in re.findall(r"<img [^>]*>", html) if src_part in tag]
    assert found, f"no <img> with {src_part}"
    return found[0]


def test_the_crop_staff_choose_gives_the_shape_and_drops_exif():
    processed = photo_process(upload(jpeg_bytes(size=(1200, 1200), exif=gps_exif())), crop="wide")
    assert (processed.width, processed.height) == (1200, 800)
    image = Image.open(io.BytesIO(processed.photo.read()))
    assert image.size == (1200, 800)
    assert not image.getexif()
    whole = photo_process(upload(jpeg_bytes(size=(1200, 1200))), crop="whole")
    assert (whole.width, whole.height) == (1200, 1200)


def test_an_image_needs_an_alt_text_in_the_database(world):
    neighbourhood = world.zuidwijk
    mood_image_store(neighbourhood, upload(jpeg_bytes()), alt="", credit="")
    with pytest.raises(IntegrityError), transaction.atomic():
        neighbourhood.save()


def test_the_front_door_shows_the_image_with_srcset_alt_credit_and_size(client, world):
    _with_image(world.zuidwijk, alt="Tekening van een straat", credit="Tekening: Wijkportaal")
    html = client.get("/zuidwijk/").content.decode()
    tag = _img(html, "/zuidwijk/sfeerbeeld/")
    assert 'alt="Tekening van een straat"' in tag
    # 1800 x 1500 turned upright by its EXIF orientation (1500 x 1800), then cropped to 3 by 2.
    assert 'width="1500" height="1000"' in tag
    assert "srcset=" in tag and "?w=480 480w" in tag and "?w=960 960w" in tag
    assert 'fetchpriority="high"' in tag  # the first image: no lazy loading
    assert "Tekening: Wijkportaal" in html
    # The image comes smaller when asked, and carries no EXIF.
    small = client.get("/zuidwijk/sfeerbeeld/?w=480")
    assert small.status_code == 200 and small["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(b"".join(small.streaming_content)))
    assert image.width == 480 and not image.getexif()


def test_no_image_no_figure_and_the_image_url_is_not_found(client, world):
    html = client.get("/hagedoorn/").content.decode()
    assert "front-door--with-image" not in html
    assert client.get("/hagedoorn/sfeerbeeld/").status_code == 404


def test_the_walk_and_the_activity_show_their_image(client, world):
    route = _with_image(_route(world), alt="Een pad met parels")
    activity = _with_image(_activity(world), alt="Een werktafel", credit="")
    html = client.get(route.get_absolute_url()).content.decode()
    assert 'alt="Een pad met parels"' in _img(html, route.mood_image_url())
    html = client.get(activity.get_absolute_url()).content.decode()
    tag = _img(html, activity.mood_image_url())
    assert 'alt="Een werktafel"' in tag and 'loading="lazy"' in tag
    assert client.get(route.mood_image_url()).status_code == 200
    assert client.get(activity.mood_image_url()).status_code == 200
    # And on the front door, as part of the walk and the programme.
    html = client.get("/zuidwijk/").content.decode()
    assert route.mood_image_url() in html and activity.mood_image_url() in html


def test_a_draft_walks_image_stays_hidden(client, world):
    route = _with_image(_route(world, status="draft"))
    assert client.get(route.mood_image_url()).status_code == 404


@pytest.mark.parametrize("slug", ["zuidwijk", "hagedoorn"])
def test_images_add_no_query_to_the_front_door(client, world, slug):
    client.cookies[COOKIE] = slug
    _route(world)
    _activity(world)
    _count(client, f"/{slug}/?warm")
    without = _count(client, f"/{slug}/")
    _with_image(world.zuidwijk)
    _with_image(world.hagedoorn)
    _with_image(Route.objects.get(slug="rondje"))
    for activity in world.zuidwijk.activities.all():
        _with_image(activity)
    _count(client, f"/{slug}/?warm-again")
    assert _count(client, f"/{slug}/") == without


def _change_route(client, route, **data):
    form = {
        "title": route.title,
        "slug": route.slug,
        "neighbourhood": route.neighbourhood_id,
        "status": route.status,
        "description": "",
        "mood_image_crop": "wide",
        "mood_image_alt": "",
        "mood_image_credit": "",
        "stops-TOTAL_FORMS": "0",
        "stops-INITIAL_FORMS": "0",
        "stops-MIN_NUM_FORMS": "0",
        "stops-MAX_NUM_FORMS": "1000",
    }
    form.update(data)
    return client.post(f"/beheer/parelketting/route/{route.pk}/change/", form)


def test_staff_choose_and_crop_an_image_in_the_admin(moderator_hw, world):
    route = _route(world)
    page = moderator_hw.get(f"/beheer/parelketting/route/{route.pk}/change/").content.decode()
    assert 'name="mood_image"' in page and 'name="mood_image_crop"' in page and "Nog geen sfeerbeeld." in page

    # An image without words for those who cannot see it is refused.
    response = _change_route(moderator_hw, route, mood_image=upload(jpeg_bytes(size=(1000, 1000))))
    assert response.status_code == 200
    assert "Schrijf op wat er op het sfeerbeeld staat." in response.content.decode()
    route.refresh_from_db()
    assert not route.mood_image

    response = _change_route(
        moderator_hw,
        route,
        mood_image=upload(jpeg_bytes(size=(1000, 1000), exif=gps_exif())),
        mood_image_crop="square",
        mood_image_alt="Een bankje onder een boom",
        mood_image_credit="Foto: Gerrit",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    route.refresh_from_db()
    assert (route.mood_image_width, route.mood_image_height) == (1000, 1000)
    assert route.mood_image_credit == "Foto: Gerrit"
    first = route.mood_image.name
    assert default_storage.exists(variant_name(first, 480))
    assert not Image.open(default_storage.open(first)).getexif()

    # A new image replaces the old one, and the old one and its copies are gone.
    _change_route(
        moderator_hw,
        route,
        mood_image=upload(jpeg_bytes(size=(1500, 600))),
        mood_image_crop="wide",
        mood_image_alt="Een pad",
    )
    route.refresh_from_db()
    assert route.mood_image.name != first
    assert (route.mood_image_width, route.mood_image_height) == (900, 600)
    assert not default_storage.exists(first) and not default_storage.exists(variant_name(first, 480))


def test_the_other_corporations_staff_cannot_change_the_image(moderator_bw, world):
    route = _route(world)
    response = moderator_bw.get(f"/beheer/parelketting/route/{route.pk}/change/")
    assert response.status_code in (302, 403, 404)


@pytest.fixture
def front_door_story(make_experiment):  # noqa: F811
    """An atelier story staff chose for the Zuidwijk's front door, with a mood image (``wijk.mood``) or not."""
    from atelier.models import Story

    def make(*, public=True, image=True):
        story = Story(
            experiment=make_experiment(is_public=True),
            title="Een ketting",
            text="Zo begon het.",
            is_public=public,
            on_front_door=True,
        )
        if not image:
            story.save()
            return story
        return _with_image(story, alt="Een zon boven een veld", credit="Tekening: Wijkportaal")

    return make


def test_the_front_doors_atelier_story_shows_its_mood_image(client, front_door_story):
    story = front_door_story()
    html = client.get("/zuidwijk/").content.decode()
    tag = _img(html, story.mood_image_url())
    assert 'alt="Een zon boven een veld"' in tag
    assert f'width="{story.mood_image_width}" height="{story.mood_image_height}"' in tag
    assert 'width="320"' not in tag  # no longer a guessed size
    assert "?w=480 480w" in tag and 'loading="lazy"' in tag
    assert "Tekening: Wijkportaal" in html
    assert client.get(story.mood_image_url() + "?w=480").status_code == 200


def test_a_story_that_is_not_public_is_not_on_the_front_door_nor_its_image(client, front_door_story):
    story = front_door_story(public=False)
    assert story.mood_image_url() not in client.get("/zuidwijk/").content.decode()
    assert client.get(story.mood_image_url()).status_code in (302, 404)
    assert client.get(story.mood_image_url() + "?w=480").status_code in (302, 404)


def test_the_story_image_adds_no_query_to_the_front_door(client, world, front_door_story):
    client.cookies[COOKIE] = "zuidwijk"
    story = front_door_story(image=False)
    _count(client, "/zuidwijk/?warm")
    without = _count(client, "/zuidwijk/")
    _with_image(story)
    _count(client, "/zuidwijk/?warm-again")
    assert _count(client, "/zuidwijk/?counted") == without
    assert story.mood_image_url() in client.get("/zuidwijk/?counted").content.decode()
