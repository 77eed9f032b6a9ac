"""A chosen photo is kept after an error on the form (pearl and dream): cleaned, stored for a while through
Django's storage, carried by a signed token in a hidden field, shown as "Uw foto is bewaard", and removed by the
retention job. A forged or expired token keeps nothing; "Deze foto niet gebruiken" leaves it out."""

import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from droomhuis.models import Dream
from lib.photos import KEPT_DIR, photos_kept_remove_old
from parelketting.models import Pearl
from tests.droomhuis.test_public_views import SHARE, form_data
from tests.images import gps_exif, jpeg_bytes, upload

pytestmark = pytest.mark.django_db

NEW = reverse("parelketting:new")


@pytest.fixture(autouse=True)
def _no_kept_photos():
    """The test storage lives in memory for the whole run: start each test without kept photos."""
    photos_kept_remove_old(now=timezone.now() + timedelta(days=365))


def _pearl(**extra):
    data = {
        "kind": "place",
        "title": "Het bankje bij de vijver",
        "story": "Hier zit ik graag.",
        "street": "Spui",
        "location_description": "",
        "lat": "",
        "lng": "",
        "photo_description": "Een bank aan het water",
    }
    data.update(extra)
    return data


def _token(html):
    return re.search(r'name="kept_photo" value="([^"]+)"', html).group(1)


def test_a_pearl_photo_is_kept_after_an_error_and_used_on_the_next_try(resident_zuidwijk):
    photo = upload(jpeg_bytes(size=(1200, 900), exif=gps_exif()))
    response = resident_zuidwijk.post(NEW, _pearl(title="", photo=photo))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_title_errors"' in html
    assert "Uw foto is bewaard." in html and 'src="data:image/jpeg;base64,' in html
    assert "Andere foto kiezen" in html and "Kies uw foto opnieuw" not in html
    token = _token(html)
    # Another error on the second try: the same photo stays kept, without a second copy.
    again = resident_zuidwijk.post(NEW, _pearl(story="", kept_photo=token)).content.decode()
    assert "Uw foto is bewaard." in again and _token(again) == token
    assert len(default_storage.listdir(KEPT_DIR)[1]) == 2  # the photo and its thumbnail
    assert resident_zuidwijk.post(NEW, _pearl(kept_photo=token)).status_code == 302
    pearl = Pearl.objects.get()
    assert pearl.photo and pearl.thumbnail and pearl.photo_description == "Een bank aan het water"
    with pearl.photo.open("rb") as stored:
        assert b"Exif" not in stored.read()


def test_a_new_photo_wins_and_the_kept_one_can_be_left_out(resident_zuidwijk):
    html = resident_zuidwijk.post(NEW, _pearl(title="", photo=upload(jpeg_bytes()))).content.decode()
    token = _token(html)
    left_out = resident_zuidwijk.post(NEW, _pearl(story="", kept_photo=token, kept_photo_drop="on")).content.decode()
    assert "Uw foto is bewaard." not in left_out and 'name="kept_photo" value=' not in left_out
    assert resident_zuidwijk.post(NEW, _pearl(kept_photo=token, kept_photo_drop="on")).status_code == 302
    assert not Pearl.objects.get().photo


@pytest.mark.parametrize("token", ["x", "0" * 32, "../../settings.py:abc:def"])
def test_a_forged_token_keeps_nothing(resident_zuidwijk, token):
    html = resident_zuidwijk.post(NEW, _pearl(title="", kept_photo=token)).content.decode()
    assert "Uw foto is bewaard." not in html
    assert resident_zuidwijk.post(NEW, _pearl(kept_photo=token)).status_code == 302
    assert not Pearl.objects.get().photo


def test_an_expired_token_keeps_nothing_and_retention_removes_the_files(resident_zuidwijk, settings):
    token = _token(resident_zuidwijk.post(NEW, _pearl(title="", photo=upload(jpeg_bytes()))).content.decode())
    assert photos_kept_remove_old(now=timezone.now()) == 0
    later = timezone.now() + timedelta(hours=25)
    assert photos_kept_remove_old(now=later, dry_run=True) == 1
    assert photos_kept_remove_old(now=later) == 1
    assert default_storage.listdir(KEPT_DIR)[1] == []
    settings.PHOTO_KEPT_HOURS = 0
    assert "Uw foto is bewaard." not in resident_zuidwijk.post(NEW, _pearl(kept_photo=token)).content.decode()


def test_a_photo_that_is_refused_is_asked_again_not_kept(resident_zuidwijk):
    html = resident_zuidwijk.post(NEW, _pearl(photo=upload(b"not a photo", name="x.jpg"))).content.decode()
    assert "Uw foto is bewaard." not in html and 'id="id_photo_errors"' in html


def test_when_keeping_fails_the_summary_says_choose_it_again(resident_zuidwijk, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("lib.photos.photo_keep", broken)
    html = resident_zuidwijk.post(NEW, _pearl(title="", photo=upload(jpeg_bytes()))).content.decode()
    summary = html[html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))]
    assert "Kies uw foto opnieuw" in summary and 'href="#id_photo"' in summary


def test_the_dream_photo_is_kept_after_an_error(anonymous, world):
    response = anonymous.post(SHARE, {**form_data(world, text=""), "photo": upload(jpeg_bytes(exif=gps_exif()))})
    html = response.content.decode()
    assert response.status_code == 200 and "Uw foto is bewaard." in html
    assert anonymous.post(SHARE, form_data(world, kept_photo=_token(html))).status_code == 302
    dream = Dream.objects.get()
    assert dream.photo
    with dream.photo.open("rb") as stored:
        assert b"Exif" not in stored.read()


def test_an_error_after_cleaning_keeps_the_photo_too(anonymous, world, monkeypatch):
    """The hourly limit (or a service) refuses a valid form: the photo is kept all the same."""
    monkeypatch.setattr("parelketting.views.submit.rate_limit_hit", lambda *args, **kwargs: True)
    data = {**_pearl(neighbourhood=world.zuidwijk.pk, contact_preference="", email="", phone="")}
    response = anonymous.post(NEW, {**data, "photo": upload(jpeg_bytes())})
    html = response.content.decode()
    assert response.status_code == 429 and "Uw foto is bewaard." in html
    monkeypatch.undo()
    assert anonymous.post(NEW, {**data, "kept_photo": _token(html)}).status_code == 302
    assert Pearl.objects.get().photo
