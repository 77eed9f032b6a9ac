"""Photos: only real JPEG/PNG/WebP, no EXIF (GPS!) survives, sizes are capped, bad files get a clear message."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from lib.photos import MAX_SIDE, MAX_UPLOAD_BYTES, THUMB_SIDE, photo_process
from tests.images import gps_exif, jpeg_bytes, upload


def _open(content_file):
    content_file.seek(0)
    return Image.open(io.BytesIO(content_file.read()))


def test_gps_exif_is_removed_and_orientation_applied():
    """The stored photo has no EXIF at all, no GPS block, and the phone's rotation is applied to the pixels."""
    original = jpeg_bytes(size=(800, 600), exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)  # the test file really carries GPS
    result = photo_process(upload(original))
    for stored in (result.photo, result.thumbnail):
        image = _open(stored)
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
        stored.seek(0)
        raw = stored.read()
        assert b"Exif" not in raw
        assert b"PhoneMaker" not in raw
    assert (result.width, result.height) == (600, 800)  # orientation 6: turned upright


def test_large_photo_is_scaled_and_thumbnail_made():
    result = photo_process(upload(jpeg_bytes(size=(4000, 3000))))
    assert max(_open(result.photo).size) == MAX_SIDE
    assert max(_open(result.thumbnail).size) == THUMB_SIDE
    assert _open(result.photo).format == "JPEG"


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted_and_reencoded_as_jpeg(fmt):
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 90, 112, 128)).save(buffer, format=fmt)
    result = photo_process(upload(buffer.getvalue(), name=f"x.{fmt.lower()}"))
    assert _open(result.photo).format == "JPEG"


def _error(data, name="foto.jpg"):
    with pytest.raises(ValidationError) as info:
        photo_process(upload(data, name=name))
    return info.value


def test_non_image_renamed_jpg_is_refused():
    error = _error(b"Dit is gewoon tekst, geen foto. " * 20)
    assert error.code == "not_image"
    assert "geen foto" in error.messages[0]


def test_svg_is_refused():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    error = _error(svg, name="tekening.jpg")
    assert error.code == "svg"
    assert "SVG" in error.messages[0]


def test_decompression_bomb_is_refused():
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, format="PNG")  # tiny file, 81 million pixels
    assert len(buffer.getvalue()) < MAX_UPLOAD_BYTES
    error = _error(buffer.getvalue(), name="bom.png")
    assert error.code == "too_many_pixels"
    assert "beeldpunten" in error.messages[0]


def test_oversized_file_is_refused():
    error = _error(b"\xff\xd8" + b"0" * (MAX_UPLOAD_BYTES + 1))
    assert error.code == "too_large"
    assert "te groot" in error.messages[0]


def test_gif_is_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    error = _error(buffer.getvalue(), name="x.gif")
    assert error.code == "wrong_format"
