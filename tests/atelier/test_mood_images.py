"""The atelier's mood images are mood images like every other (``wijk.mood``): a story's image and an
experiment's own image are chosen and cropped by staff, stored without EXIF with smaller copies for ``srcset``,
shown with alt text, credit, width and height, and served only to whoever may see the story or experiment."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from atelier.models import Story
from atelier.services import story_save
from lib.photos import variant_name
from tests.atelier.conftest import make_public
from tests.images import gps_exif, jpeg_bytes, upload
from wijk.mood import mood_image_store

pytestmark = pytest.mark.django_db


def _img(html, src_part):
    found = [tag for tag in re.findall(r"<img [^>]*>", html) if src_part in tag]
    assert found, f"no <img> with {src_part}"
    return found[0]


def _story(atelier, **extra):
    return story_save(
        experiment=atelier.parel,
        title="Een ketting van parels",
        text="Zo begon het.",
        image=upload(jpeg_bytes(size=(2400, 1200), exif=gps_exif())),
        image_alt="Een rode lucht",
        image_credit="Foto: Ans",
        **extra,
    )


def test_the_facilitator_crops_the_story_image_and_gives_a_credit(facilitator, atelier):
    path = reverse("atelier:story_add", kwargs={"slug": atelier.droom.slug})
    page = facilitator.get(path).content.decode()
    assert 'name="image_crop"' in page and 'name="image_credit"' in page
    response = facilitator.post(
        path,
        {
            "title": "Dromen",
            "text": "Henk wil weer tuinieren.",
            "image": upload(jpeg_bytes(size=(2400, 1200), exif=gps_exif())),
            "image_crop": "square",
            "image_alt": "Een rode lucht",
            "image_credit": "Foto: Ans",
        },
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert (story.mood_image_width, story.mood_image_height) == (1200, 1200)
    assert story.mood_image_credit == "Foto: Ans"
    assert story.mood_image.name.startswith("sfeerbeelden/")
    assert not Image.open(default_storage.open(story.mood_image.name)).getexif()
    assert default_storage.exists(variant_name(story.mood_image.name, 480))


def test_a_new_story_image_removes_the_old_one_and_its_copies(atelier):
    story = _story(atelier)
    first = story.mood_image.name
    story_save(
        experiment=atelier.parel,
        story=story,
        title=story.title,
        text=story.text,
        image=upload(jpeg_bytes(size=(1500, 600))),
        image_alt="Een pad",
    )
    assert story.mood_image.name != first
    assert not default_storage.exists(first) and not default_storage.exists(variant_name(first, 480))


def test_the_story_page_shows_the_image_with_srcset_size_and_credit(client, atelier):
    story = _story(atelier, is_public=True)
    make_public(atelier.parel)
    html = client.get(reverse("atelier:story", kwargs={"uid": story.uid})).content.decode()
    tag = _img(html, story.mood_image_url())
    size = f'width="{story.mood_image_width}" height="{story.mood_image_height}"'
    assert 'alt="Een rode lucht"' in tag and size in tag
    assert abs(story.mood_image_width / story.mood_image_height - 1.5) < 0.01  # "wide": 3 by 2
    assert "?w=480 480w" in tag and "?w=960 960w" in tag
    assert "Foto: Ans" in html
    small = client.get(story.mood_image_url() + "?w=480")
    assert small.status_code == 200 and small["Cache-Control"].startswith("public")
    image = Image.open(io.BytesIO(b"".join(small.streaming_content)))
    assert image.width == 480 and not image.getexif()


def test_the_experiment_page_lists_its_stories_with_their_images(client, atelier):
    story = _story(atelier, is_public=True)
    make_public(atelier.parel)
    html = client.get(reverse("atelier:experiment", kwargs={"slug": atelier.parel.slug})).content.decode()
    tag = _img(html, story.mood_image_url())
    assert "srcset=" in tag and f'width="{story.mood_image_width}"' in tag and 'loading="lazy"' in tag


@pytest.mark.parametrize("persona", ["anonymous", "resident_zuidwijk"])
def test_the_image_of_a_story_that_is_not_public_stays_hidden(as_persona, facilitator, atelier, persona):
    story = _story(atelier)  # the story is not public, nor its experiment
    visitor = as_persona(persona)
    for query in ("", "?w=480", "?w=960"):
        assert visitor.get(story.mood_image_url() + query).status_code in (302, 404)
    own = facilitator.get(story.mood_image_url() + "?w=480")
    assert own.status_code == 200 and own["Cache-Control"] == "private, no-store"
    make_public(atelier.parel)  # the experiment is public, the story still is not
    assert visitor.get(story.mood_image_url()).status_code in (302, 404)
    make_public(story)
    assert visitor.get(story.mood_image_url()).status_code == 200


def test_an_experiment_shows_its_own_image_else_its_neighbourhoods(client, atelier, world):
    make_public(atelier.parel)
    path = reverse("atelier:experiment", kwargs={"slug": atelier.parel.slug})
    html = client.get(path).content.decode()
    assert "experiment__image" not in html  # neither has an image
    # Without its own image the address is not found (an anonymous visitor is sent to log in, as everywhere
    # in the atelier where a page is missing or hidden).
    assert client.get(atelier.parel.mood_image_url()).status_code in (302, 404)

    mood_image_store(world.zuidwijk, upload(jpeg_bytes(size=(1200, 800))), alt="Een straat", credit="")
    world.zuidwijk.save()
    html = client.get(path).content.decode()
    assert 'alt="Een straat"' in _img(html, world.zuidwijk.mood_image_url())

    experiment = atelier.parel
    mood_image_store(experiment, upload(jpeg_bytes(size=(1200, 1200), exif=gps_exif())), crop="square", alt="Parels")
    experiment.mood_image_credit = "Tekening: Wijkportaal"
    experiment.save()
    html = client.get(path).content.decode()
    tag = _img(html, experiment.mood_image_url())
    assert 'alt="Parels"' in tag and 'width="1200" height="1200"' in tag and "?w=480 480w" in tag
    assert world.zuidwijk.mood_image_url() not in html and "Tekening: Wijkportaal" in html
    assert client.get(experiment.mood_image_url() + "?w=480").status_code == 200


def test_the_image_of_an_experiment_that_is_not_public_stays_hidden(client, facilitator, atelier):
    experiment = atelier.droom
    mood_image_store(experiment, upload(jpeg_bytes()), alt="Een huis")
    experiment.save()
    assert client.get(experiment.mood_image_url()).status_code == 302  # to log in, as every hidden atelier page
    assert facilitator.get(experiment.mood_image_url()).status_code == 200


def test_staff_choose_and_crop_the_experiment_and_story_images_in_the_admin(superuser, atelier):
    experiment = atelier.parel
    path = reverse("admin:atelier_experiment_change", args=[experiment.pk])
    page = superuser.get(path).content.decode()
    assert 'name="mood_image_crop"' in page and "Nog geen sfeerbeeld." in page
    form = {
        "team": experiment.team_id,
        "name": experiment.name,
        "slug": experiment.slug,
        "corporation": experiment.corporation_id,
        "neighbourhood": experiment.neighbourhood_id,
        "summary": "",
        "guiding_question": experiment.guiding_question,
        "live_part": experiment.live_part,
        "mood_image": upload(jpeg_bytes(size=(1000, 1000), exif=gps_exif())),
        "mood_image_crop": "banner",
        "mood_image_alt": "",
        "mood_image_credit": "",
    }
    response = superuser.post(path, form)
    assert "Schrijf op wat er op het sfeerbeeld staat." in response.content.decode()
    form["mood_image"] = upload(jpeg_bytes(size=(1000, 1000), exif=gps_exif()))
    form["mood_image_alt"] = "Een lange rij parels"
    assert superuser.post(path, form).status_code == 302
    experiment.refresh_from_db()
    assert (experiment.mood_image_width, experiment.mood_image_height) == (1000, 500)
    assert not Image.open(default_storage.open(experiment.mood_image.name)).getexif()
    assert default_storage.exists(variant_name(experiment.mood_image.name, 480))
    story = _story(atelier)
    page = superuser.get(reverse("admin:atelier_story_change", args=[story.pk])).content.decode()
    assert 'name="mood_image_crop"' in page and story.mood_image_url() in page
