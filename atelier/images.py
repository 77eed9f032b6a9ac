"""Safe processing of mood images: only JPEG, PNG or WebP, size-limited, EXIF removed, re-encoded.

Phones write the home's GPS position into photos, so nothing of the original file is kept: the pixels are
decoded, turned upright, scaled down and written into a brand-new file.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_SOURCE_PIXELS = 40_000_000
MAX_SIDE = 1600


def process_image(upload) -> ContentFile:
    """Check an uploaded image and return a clean re-encoded copy (JPEG, or PNG when it has transparency).

    Raises ``ValidationError`` with a stable code for anything that is not a usable photo.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Het beeld is te groot. Kies een bestand tot 8 MB."), code="image_too_large")
    try:
        upload.seek(0)
        data = upload.read()
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("Dit bestand is geen foto die we kunnen lezen."), code="image_unreadable") from exc
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Kies een foto in JPEG, PNG of WebP."), code="image_format")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise ValidationError(_("Het beeld heeft te veel pixels."), code="image_too_many_pixels")
            image = ImageOps.exif_transpose(image)
            has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
            image = image.convert("RGBA" if has_alpha else "RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            clean = Image.new(image.mode, image.size)
            clean.paste(image)
    except Image.DecompressionBombError as exc:
        raise ValidationError(_("Het beeld heeft te veel pixels."), code="image_too_many_pixels") from exc
    except OSError as exc:
        raise ValidationError(_("Dit bestand is geen foto die we kunnen lezen."), code="image_unreadable") from exc
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        clean.save(out, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
