"""Mood images: only JPEG, PNG or WebP; EXIF (with the GPS position) removed; re-encoded and size-limited."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from atelier.images import MAX_SIDE, process_image


def png_bytes(size=(40, 30), mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size, (20, 120, 40, 255) if mode == "RGBA" else (20, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_gps():
    image = Image.new("RGB", (2400, 1200), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 48.0, 57.0), 3: "E", 4: (4.0, 24.0, 46.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_exif_and_gps_are_removed_and_the_image_is_scaled_down():
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif()
    clean = process_image(SimpleUploadedFile("foto.jpg", raw, content_type="image/jpeg"))
    image = Image.open(io.BytesIO(clean.read()))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert "exif" not in image.info
    assert max(image.size) == MAX_SIDE
    assert clean.name.endswith(".jpg") and "foto" not in clean.name


def test_transparent_png_stays_png():
    clean = process_image(SimpleUploadedFile("a.png", png_bytes(mode="RGBA"), content_type="image/png"))
    assert Image.open(io.BytesIO(clean.read())).format == "PNG"


def test_webp_is_accepted():
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(out, format="WEBP")
    clean = process_image(SimpleUploadedFile("a.webp", out.getvalue(), content_type="image/webp"))
    assert Image.open(io.BytesIO(clean.read())).format == "JPEG"


@pytest.mark.parametrize(
    "data,code",
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "image_unreadable"),
        (b"not an image at all", "image_unreadable"),
    ],
)
def test_non_images_are_refused(data, code):
    with pytest.raises(ValidationError) as info:
        process_image(SimpleUploadedFile("x.png", data))
    assert info.value.code == code


def test_gif_is_refused():
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, format="GIF")
    with pytest.raises(ValidationError) as info:
        process_image(SimpleUploadedFile("x.gif", out.getvalue()))
    assert info.value.code == "image_format"


def test_too_large_files_are_refused():
    upload = SimpleUploadedFile("big.jpg", b"0" * (8 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as info:
        process_image(upload)
    assert info.value.code == "image_too_large"
