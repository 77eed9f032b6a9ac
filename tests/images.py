"""Image files for tests, good and bad, as phones and mischief make them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg_bytes(size=(800, 600), colour=(200, 40, 40), exif=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    if exif is not None:
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format="JPEG")
    return buffer.getvalue()


def gps_exif():
    """EXIF with a GPS position (a home), a camera make and an orientation, as phones write it."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to view
    exif[0x8825] = {1: "N", 2: (51.0, 48.0, 57.24), 3: "E", 4: (4.0, 24.0, 46.8)}
    return exif


def upload(data: bytes, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)
