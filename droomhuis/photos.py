"""Photo uploads for dreams: only JPEG, PNG and WebP; re-encoded without EXIF (phones store the home's
GPS position there); scaled down and size-limited. Errors are plain Dutch with stable codes."""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from . import conf

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000


def photo_clean(upload) -> SimpleUploadedFile:
    """Check an uploaded photo and return a fresh, EXIF-free copy with a random file name."""
    if upload.size > conf.photo_max_bytes():
        limit = conf.photo_max_bytes() // (1024 * 1024)
        raise ValidationError(
            _("De foto is te groot. Kies een foto van hoogstens %(mb)s MB.") % {"mb": limit}, code="photo_too_big"
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Dit bestand is geen foto die wij kunnen lezen."), code="photo_unreadable") from None
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Kies een foto in JPG, PNG of WebP. Andere soorten bestanden kunnen niet."), code="photo_format"
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(_("De foto heeft te veel beeldpunten. Kies een kleinere foto."), code="photo_pixels")
    upload.seek(0)
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail((conf.photo_max_side(), conf.photo_max_side()))
        out = io.BytesIO()
        if image_format == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        elif image_format == "PNG":
            image.save(out, "PNG", optimize=True)
        else:
            image.save(out, "WEBP", quality=85)
    extension = ALLOWED_FORMATS[image_format]
    content_type = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}[extension]
    return SimpleUploadedFile(f"{secrets.token_hex(12)}.{extension}", out.getvalue(), content_type=content_type)
