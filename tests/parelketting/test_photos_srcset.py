"""Responsive photos: smaller copies next to the original (no model fields), ``srcset``/``sizes`` on the pages,
the hero photo eager and story photos lazy, a graceful fallback for old photos, and deleting a photo deletes
its copies too."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from lib.photos import photo_delete, photo_variant_widths, variant_name
from tests.images import jpeg_bytes, upload

pytestmark = pytest.mark.django_db


def served_width(response) -> int:
    body = b"".join(response.streaming_content)
    return Image.open(io.BytesIO(body)).size[0]


def forget_variants(field_file):
    """Make a photo look like one stored before copies existed."""
    for width in (480, 960):
        name = variant_name(field_file.name, width)
        if field_file.storage.exists(name):
            field_file.storage.delete(name)
    cache.clear()


def test_variant_names_follow_the_original():
    assert variant_name("parelketting/abc/def.jpg", 480) == "parelketting/abc/def.w480.jpg"


def test_new_pearl_photo_gets_copies_and_srcset(anonymous, make_pearl):
    pearl = make_pearl(photo=True)  # 800 pixels wide: one smaller copy
    storage = pearl.photo.storage
    assert storage.exists(variant_name(pearl.photo.name, 480))
    assert not storage.exists(variant_name(pearl.photo.name, 960))
    assert photo_variant_widths(pearl.photo) == [480]
    html = anonymous.get(pearl.get_absolute_url()).content.decode()
    url = reverse("parelketting:photo", kwargs={"uid": pearl.uid})
    assert f'srcset="{url}?w=480 480w, {url} 800w"' in html
    assert 'sizes="(min-width: 48em) 45rem, 100vw"' in html
    assert 'loading="eager"' in html  # the hero photo is above the fold
    assert served_width(anonymous.get(url, {"w": 480})) == 480
    assert served_width(anonymous.get(url)) == 800
    assert served_width(anonymous.get(url, {"w": "veel"})) == 800


def test_old_photo_without_copies_falls_back(anonymous, make_pearl):
    pearl = make_pearl(photo=True)
    forget_variants(pearl.photo)
    html = anonymous.get(pearl.get_absolute_url()).content.decode()
    assert "srcset" not in html
    url = reverse("parelketting:photo", kwargs={"uid": pearl.uid})
    assert served_width(anonymous.get(url, {"w": 480})) == 800
    call_command("photo_variants", stdout=io.StringIO())
    assert pearl.photo.storage.exists(variant_name(pearl.photo.name, 480))
    assert "srcset" in anonymous.get(pearl.get_absolute_url() + "?opnieuw=1").content.decode()
    assert served_width(anonymous.get(url, {"w": 480})) == 480


def test_photo_delete_removes_original_and_copies(make_pearl):
    pearl = make_pearl(photo=True)
    storage = pearl.photo.storage
    name = pearl.photo.name
    photo_delete(pearl.photo, save=True)
    assert not storage.exists(name)
    assert not storage.exists(variant_name(name, 480))
    pearl.refresh_from_db()
    assert not pearl.photo


def test_moderator_removing_a_photo_removes_its_copies(world, make_pearl):
    from parelketting.services import pearl_photo_remove

    pearl = make_pearl(photo=True)
    storage, name = pearl.photo.storage, pearl.photo.name
    pearl_photo_remove(pearl=pearl, by=world.users.moderator_hw)
    assert not storage.exists(name) and not storage.exists(variant_name(name, 480))


def test_story_photos_are_lazy_with_srcset(resident_zuidwijk, anonymous, make_activity):
    activity = make_activity(days=-1)
    response = resident_zuidwijk.post(
        reverse("parelketting:activity_story", kwargs={"uid": activity.uid}),
        {"story": "Het was gezellig.", "photo": upload(jpeg_bytes(size=(1200, 900))), "photo_description": "Wol"},
    )
    assert response.status_code == 302
    stored = activity.photos.get()
    assert photo_variant_widths(stored.photo) == [480, 960]
    html = anonymous.get(activity.get_absolute_url()).content.decode()
    kwargs = {"uid": activity.uid, "photo_uid": stored.uid}
    photo_url = reverse("parelketting:activity_photo", kwargs=kwargs)
    thumb_url = reverse("parelketting:activity_thumbnail", kwargs=kwargs)
    assert f'srcset="{thumb_url} 400w, {photo_url}?w=480 480w, {photo_url}?w=960 960w, {photo_url} 1200w"' in html
    assert 'loading="lazy"' in html
    assert served_width(anonymous.get(photo_url, {"w": 960})) == 960


def test_public_pages_load_no_blocking_script(anonymous, make_pearl, make_activity):
    pearl = make_pearl(photo=True)
    activity = make_activity()
    pages = ["/", reverse("parelketting:map"), pearl.get_absolute_url(), reverse("parelketting:programme")]
    pages += [activity.get_absolute_url(), reverse("droomhuis:share")]
    for url in pages:
        html = anonymous.get(url).content.decode()
        head = html.split("</head>")[0]
        for tag in head.split("<script")[1:]:
            opening = tag.split(">")[0]
            assert " defer" in opening or " async" in opening or 'type="module"' in opening, (url, opening)
