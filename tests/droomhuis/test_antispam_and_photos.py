"""Shared protections on the Droomhuis forms: safe photos, the honeypot and per-visitor rate limits."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from droomhuis.models import Dream
from tests.images import gps_exif, jpeg_bytes, upload

from .test_public_views import SHARE, form_data


def test_photo_with_gps_is_stored_as_a_clean_jpeg_with_a_random_name(anonymous, world):
    photo = upload(jpeg_bytes(size=(2400, 1200), exif=gps_exif()), name="IMG_thuis.jpg")
    response = anonymous.post(SHARE, {**form_data(world), "photo": photo})
    assert response.status_code == 302
    dream = Dream.objects.get()
    assert "IMG_thuis" not in dream.photo.name and dream.photo.name.endswith(".jpg")
    with Image.open(dream.photo.open("rb")) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert max(stored.size) <= 1600


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "x.svg", "SVG"),
        (b"%PDF-1.4 nope", "doc.pdf", "geen foto die wij kunnen lezen"),
    ],
)
def test_bad_photos_get_the_shared_dutch_errors_and_keep_the_text(anonymous, world, data, name, message):
    response = anonymous.post(SHARE, {**form_data(world), "photo": upload(data, name=name)})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and "Een bankje bij de speeltuin." in html
    assert not Dream.objects.exists()


def test_gif_is_refused_as_wrong_format(anonymous, world):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    response = anonymous.post(SHARE, {**form_data(world), "photo": upload(buffer.getvalue(), name="x.gif")})
    assert "Dit soort bestand kunnen wij niet plaatsen" in response.content.decode()


def test_honeypot_wrapper_uses_the_shared_hidden_class(anonymous, world):
    html = anonymous.get(SHARE).content.decode()
    assert '<div class="honeypot" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_filled_honeypot_stores_nothing(anonymous, world):
    response = anonymous.post(SHARE, form_data(world, website="http://spam.example"))
    assert response.status_code == 200
    assert "Wij konden dit formulier niet versturen" in response.content.decode()
    assert not Dream.objects.exists()


def test_eleventh_dream_in_an_hour_waits_and_keeps_the_text(anonymous, world, settings):
    settings.RATE_LIMIT_SCALE = 1
    for _ in range(10):
        assert anonymous.post(SHARE, form_data(world)).status_code == 302
    response = anonymous.post(SHARE, form_data(world, text="Nog een droom"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wacht even" in html and "Nog een droom" in html
    assert Dream.objects.count() == 10


def test_wrong_codes_are_limited_then_even_right_codes_wait(anonymous, world, dream, settings):
    settings.RATE_LIMIT_SCALE = 1
    start = reverse("droomhuis:follow_start")
    for i in range(19):
        response = anonymous.get(start, {"reference": f"WRONGCODE{i:02d}"})
        assert response.status_code == 200
    refused = anonymous.get(start, {"reference": "WRONGCODE99"})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Even geen code opzoeken" in html and "Vanaf" in html and "Bel ons of kom langs" in html
    blocked = anonymous.get(start, {"reference": dream.reference})
    assert blocked.status_code == 429
    assert anonymous.get(reverse("droomhuis:follow", args=[dream.reference])).status_code == 429


def test_guessing_codes_in_the_address_counts_too(anonymous, world, dream, settings):
    settings.RATE_LIMIT_SCALE = 1
    for i in range(19):
        assert anonymous.get(reverse("droomhuis:follow", args=[f"GUESS{i:05d}"])).status_code == 404
    assert anonymous.get(reverse("droomhuis:follow", args=["GUESS99999"])).status_code == 429


def test_a_right_code_works_after_strangers_guessed_wrong(world, dream, settings):
    """Strangers' wrong codes (from other addresses, past the limit for all codes together) never refuse a
    resident who types their own code."""
    from django.core.cache import cache
    from django.test import Client

    settings.RATE_LIMIT_SCALE = 1
    settings.DROOMHUIS_FOLLOW_WRONG_LIMIT = 3
    cache.clear()
    follow = reverse("droomhuis:follow", args=[dream.reference])
    for stranger in range(12):  # 36 wrong codes in all: past the 30 for every code together
        client = Client(REMOTE_ADDR=f"198.51.100.{stranger + 1}")
        for i in range(3):
            client.get(reverse("droomhuis:follow", args=[f"GUESS{stranger:02d}{i:03d}"]))
    assert Client(REMOTE_ADDR="198.51.100.1").get(follow).status_code == 429  # a guesser stays refused
    resident = Client(REMOTE_ADDR="203.0.113.50")
    assert resident.get(follow).status_code == 200
    start = reverse("droomhuis:follow_start")
    assert resident.get(start, {"reference": dream.reference}).status_code == 302
    cache.clear()


def test_two_residents_behind_one_proxy_are_counted_apart(world, dream, settings):
    from django.core.cache import cache
    from django.test import Client

    settings.RATE_LIMIT_SCALE = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    cache.clear()
    guesser = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.9")
    for i in range(20):
        guesser.get(reverse("droomhuis:follow", args=[f"GUESS{i:05d}"]))
    assert guesser.get(reverse("droomhuis:follow", args=[dream.reference])).status_code == 429
    neighbour = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert neighbour.get(reverse("droomhuis:follow", args=[dream.reference])).status_code == 200
    cache.clear()


def test_a_right_code_does_not_count(anonymous, world, dream, settings):
    settings.RATE_LIMIT_SCALE = 1
    for _ in range(25):
        assert anonymous.get(reverse("droomhuis:follow", args=[dream.reference])).status_code == 200


def test_withdrawals_are_limited_per_visitor(anonymous, world, make_dream, settings):
    settings.RATE_LIMIT_SCALE = 1
    dreams = [make_dream() for _ in range(11)]
    for d in dreams[:10]:
        assert anonymous.post(reverse("droomhuis:withdraw", args=[d.reference])).status_code == 302
    response = anonymous.post(reverse("droomhuis:withdraw", args=[dreams[10].reference]))
    assert response.status_code == 429
    dreams[10].refresh_from_db()
    assert dreams[10].status == "new"
    consent = anonymous.post(reverse("droomhuis:consent_withdraw", args=[dreams[10].reference, "contact"]))
    assert consent.status_code == 429
