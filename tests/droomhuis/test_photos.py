"""Photos: only JPEG, PNG and WebP, EXIF removed, scaled down, size-limited, Dutch errors."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from droomhuis.photos import photo_clean


def image_file(fmt="JPEG", size=(40, 30), exif=True, name="foto.jpg"):
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 100, 50))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "Telefoonmerk"  # Make
        data[0x8825] = {2: (52.0, 21.0, 0.0)}  # GPS info
        kwargs["exif"] = data.tobytes()
    image.save(out, fmt, **kwargs)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_allowed_formats_come_back_without_exif(fmt):
    cleaned = photo_clean(image_file(fmt, exif=fmt != "PNG"))
    with Image.open(io.BytesIO(cleaned.read())) as result:
        assert result.format == fmt
        assert not result.getexif()
        assert "exif" not in result.info
    assert cleaned.name != "foto.jpg"


def test_big_photos_are_scaled_down(settings):
    settings.DROOMHUIS_PHOTO_MAX_SIDE = 100
    cleaned = photo_clean(image_file(size=(400, 200)))
    with Image.open(io.BytesIO(cleaned.read())) as result:
        assert max(result.size) == 100


def test_gif_is_refused_in_dutch():
    with pytest.raises(ValidationError) as error:
        photo_clean(image_file("GIF", exif=False, name="x.gif"))
    assert error.value.code == "photo_format"
    assert "JPG, PNG of WebP" in error.value.messages[0]


def test_not_an_image_is_refused():
    with pytest.raises(ValidationError) as error:
        photo_clean(SimpleUploadedFile("x.jpg", b"dit is geen foto", content_type="image/jpeg"))
    assert error.value.code == "photo_unreadable"


def test_too_large_file_is_refused(settings):
    settings.DROOMHUIS_PHOTO_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        photo_clean(image_file(size=(300, 300)))
    assert error.value.code == "photo_too_big"
