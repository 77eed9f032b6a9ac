"""Safe photos for every app: only JPEG, PNG and WebP; orientation applied, all EXIF (GPS!) dropped,
re-encoded, scaled, with a thumbnail.

Phones store the position of the home in a photo's EXIF data. We never keep the uploaded file: we decode
it, draw the pixels into a fresh image and save that as a new JPEG, so no metadata can survive.
Pearls, dreams, activity stories and atelier mood images all go through ``photo_process``.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = getattr(settings, "PHOTO_MAX_UPLOAD_BYTES", 8 * 1024 * 1024)
# More pixels than this is refused before decoding: a small file can unpack into gigabytes ("bomb").
MAX_PIXELS = 40_000_000
MAX_SIDE = getattr(settings, "PHOTO_MAX_SIDE", 1600)
THUMB_SIDE = getattr(settings, "PHOTO_THUMB_SIDE", 400)
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG_QUALITY = 85


@dataclass(frozen=True)
class ProcessedPhoto:
    photo: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<?xml") or text.startswith(b"<svg") or b"<svg" in text[:1024]


def _encode(image: Image.Image) -> ContentFile:
    """A fresh JPEG with a random name, so a stored file's name says nothing about who sent it."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def photo_process(upload) -> ProcessedPhoto:
    """Check an uploaded file and return a clean, scaled JPEG plus a thumbnail.

    Raises ``ValidationError`` with a clear Dutch message and a stable code: ``too_large``, ``svg``,
    ``not_image``, ``wrong_format`` or ``too_many_pixels``.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Deze foto is te groot (%(size)s). Een foto mag hoogstens %(max)s zijn. Kies een kleinere foto.")
            % {"size": filesizeformat(size), "max": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if _looks_like_svg(head):
        raise ValidationError(
            _("Een tekening in SVG kunnen wij niet plaatsen. Kies een foto (JPG, PNG of WebP)."), code="svg"
        )
    not_image = ValidationError(
        _("Dit bestand is geen foto die wij kunnen lezen. Kies een foto (JPG, PNG of WebP)."), code="not_image"
    )
    bomb = ValidationError(
        _("Deze foto heeft veel te veel beeldpunten. Maak de foto kleiner en probeer het opnieuw."),
        code="too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Dit soort bestand kunnen wij niet plaatsen. Kies een foto (JPG, PNG of WebP)."),
                    code="wrong_format",
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise bomb
            image.load()
            image = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bomb from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_image from None

    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    # A brand-new image carries pixels only: no EXIF, no GPS, no ICC or XMP comments.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    thumb = clean.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return ProcessedPhoto(photo=_encode(clean), thumbnail=_encode(thumb), width=clean.width, height=clean.height)
