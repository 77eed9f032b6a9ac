"""Safe photos for every app: only JPEG, PNG and WebP; orientation applied, all EXIF (GPS!) dropped,
re-encoded, scaled, with a thumbnail.

Phones store the position of the home in a photo's EXIF data. We never keep the uploaded file: we decode
it, draw the pixels into a fresh image and save that as a new JPEG, so no metadata can survive.
Every photo a visitor or staff member uploads goes through ``photo_process``.
"""

import base64
import io
import logging
import re
import uuid
import warnings
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

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


# How staff crop a mood image: a shape and where its middle lies. "whole" keeps the image as it is.
CROPS = {
    "wide": (3 / 2, (0.5, 0.5)),
    "wide_top": (3 / 2, (0.5, 0.0)),
    "wide_bottom": (3 / 2, (0.5, 1.0)),
    "banner": (2 / 1, (0.5, 0.5)),
    "square": (1.0, (0.5, 0.5)),
    "whole": (None, (0.5, 0.5)),
}
CROP_CHOICES = [
    ("wide", gettext_lazy("Breed (3 bij 2), het midden")),
    ("wide_top", gettext_lazy("Breed (3 bij 2), de bovenkant")),
    ("wide_bottom", gettext_lazy("Breed (3 bij 2), de onderkant")),
    ("banner", gettext_lazy("Heel breed (2 bij 1), het midden")),
    ("square", gettext_lazy("Vierkant, het midden")),
    ("whole", gettext_lazy("Het hele beeld, niets eraf")),
]


def _crop(image: Image.Image, crop: str) -> Image.Image:
    ratio, (cx, cy) = CROPS.get(crop, CROPS["whole"])
    if ratio is None:
        return image
    width, height = image.size
    if width / height > ratio:  # too wide: cut the sides
        new_width = round(height * ratio)
        left = round((width - new_width) * cx)
        return image.crop((left, 0, left + new_width, height))
    new_height = round(width / ratio)
    top = round((height - new_height) * cy)
    return image.crop((0, top, width, top + new_height))


def photo_process(upload, *, crop: str | None = None) -> ProcessedPhoto:
    """Check an uploaded file and return a clean, scaled JPEG plus a thumbnail.

    ``crop`` (a key of ``CROPS``) cuts the image to the shape staff chose for a mood image.

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
            # WeasyPrint (PDFs) switches on "load truncated images" for the whole process once imported; an
            # upload must be a whole picture, so it is switched off again before every upload is decoded.
            ImageFile.LOAD_TRUNCATED_IMAGES = False
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
    if crop:
        clean = _crop(clean, crop)
    clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    thumb = clean.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return ProcessedPhoto(photo=_encode(clean), thumbnail=_encode(thumb), width=clean.width, height=clean.height)


# --- Smaller copies for ``srcset`` ---------------------------------------------------------------------
#
# Next to every stored photo ``dir/abc.jpg`` we keep smaller copies ``dir/abc.w480.jpg`` and ``dir/abc.w960.jpg``
# (no model fields: the names follow from the original). A phone then downloads 480 pixels, not 1600.
# Old photos without copies still work: ``photo_variant_widths`` only offers copies that exist, and
# ``photo_variant_open`` falls back to the original. ``manage.py photo_variants`` makes copies for old photos.

VARIANT_WIDTHS = (480, 960)
_VARIANT_CACHE_PREFIX = "wijk:photo-variants:"
_SIZE_CACHE_PREFIX = "wijk:photo-size:"


def variant_name(name: str, width: int) -> str:
    """``dir/abc.jpg`` -> ``dir/abc.w480.jpg``."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        return f"{name}.w{width}"
    return f"{stem}.w{width}.{ext}"


def _cache():
    from django.core.cache import cache

    return cache


def photo_variants_save(field_file) -> list[int]:
    """Make the smaller copies of a stored photo (only widths below its own); return the widths made."""
    if not field_file:
        return []
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as source:
        image = Image.open(source)
        image.load()
    image = image.convert("RGB")
    made = []
    for width in VARIANT_WIDTHS:
        if width >= image.width:
            continue
        copy = image.copy()
        copy.thumbnail((width, width * 10), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        name = variant_name(field_file.name, width)
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(buffer.getvalue()))
        made.append(width)
    _cache().set(_VARIANT_CACHE_PREFIX + field_file.name, {"widths": made, "width": image.width}, None)
    return made


def photo_variant_info(field_file) -> dict:
    """``{"widths": [480, 960], "width": 1600}``: the copies that exist and the original's width.

    Kept in the cache without expiry: a stored name never gets other contents (new photos get new names).
    """
    if not field_file:
        return {"widths": [], "width": None}
    key = _VARIANT_CACHE_PREFIX + field_file.name
    info = _cache().get(key)
    if info is None:
        storage = field_file.storage
        widths = [w for w in VARIANT_WIDTHS if storage.exists(variant_name(field_file.name, w))]
        width = None
        if widths:
            try:
                with storage.open(field_file.name, "rb") as source:
                    width = Image.open(source).size[0]  # reads the header only
            except (OSError, UnidentifiedImageError):
                widths = []
        info = {"widths": widths, "width": width}
        _cache().set(key, info, None)
    return info


def photo_dimensions(field_file) -> tuple[int, int] | None:
    """``(width, height)`` of a stored photo, for the ``<img>``'s attributes (no layout shift while it loads).

    Read from the file's header once, then kept in the cache (a stored name never gets other contents).
    """
    if not field_file:
        return None
    key = _SIZE_CACHE_PREFIX + field_file.name
    size = _cache().get(key)
    if size is None:
        try:
            with field_file.storage.open(field_file.name, "rb") as source:
                size = tuple(Image.open(source).size)  # reads the header only
        except (OSError, UnidentifiedImageError):
            return None
        _cache().set(key, size, None)
    return tuple(size)


def photo_variant_widths(field_file) -> list[int]:
    return photo_variant_info(field_file)["widths"]


def photo_variant_open(field_file, width):
    """The copy of ``width`` pixels when it exists, else the original (old photos, unknown widths)."""
    try:
        width = int(width)
    except (TypeError, ValueError):
        width = None
    if width in photo_variant_widths(field_file):
        return field_file.storage.open(variant_name(field_file.name, width), "rb")
    return field_file.open("rb")


def photo_srcset(url: str, field_file) -> str:
    """``srcset`` text for an ``<img>`` whose ``src`` is ``url`` (a view that takes ``?w=``); '' without copies."""
    info = photo_variant_info(field_file)
    if not info["widths"]:
        return ""
    parts = [f"{url}?w={w} {w}w" for w in info["widths"]]
    parts.append(f"{url} {info['width']}w")
    return ", ".join(parts)


def photo_delete(field_file, *, save: bool = False) -> None:
    """Delete a stored photo and its smaller copies. For erasure and for replacing or removing a photo.

    ``save=True`` also clears the field on the model and saves it (as ``FieldFile.delete`` does).
    """
    if not field_file:
        return
    photo_variants_delete(field_file.storage, field_file.name)
    field_file.delete(save=save)


def photo_variants_delete(storage, name: str) -> None:
    """Delete the smaller copies of the stored photo ``name`` (not the photo itself)."""
    for width in VARIANT_WIDTHS:
        variant = variant_name(name, width)
        if storage.exists(variant):
            storage.delete(variant)
    _cache().delete(_VARIANT_CACHE_PREFIX + name)
    _cache().delete(_SIZE_CACHE_PREFIX + name)


def photo_delete_name(storage, name: str) -> None:
    """Delete a stored photo by name, with its copies: for a photo a new one replaced on its model."""
    if not name:
        return
    photo_variants_delete(storage, name)
    if storage.exists(name):
        storage.delete(name)


def photo_response(field_file, request, *, public: bool = True):
    """A stored photo as a response: ``?w=480`` serves a smaller copy for ``srcset`` (else the original)."""
    from django.http import FileResponse

    response = FileResponse(photo_variant_open(field_file, request.GET.get("w")), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Photos shown with ``srcset``: ``"app.Model": "field"``. Each app names its own in its ``AppConfig.ready`` with
# ``photo_variants_connect``; the copies are then made as soon as a new photo is stored on one of these fields.
VARIANT_FIELDS: dict[str, str] = {}


def _remember_name(sender, instance, **kwargs):
    field = VARIANT_FIELDS[sender._meta.label]
    instance._wijk_stored_photo = instance.__dict__.get(field)


def _variants_for_new_photo(sender, instance, raw=False, **kwargs):
    if raw:
        return
    field_file = getattr(instance, VARIANT_FIELDS[sender._meta.label])
    name = field_file.name if field_file else None
    if not name or name == getattr(instance, "_wijk_stored_photo", None):
        return
    try:
        photo_variants_save(field_file)
    except Exception:  # noqa: BLE001 - without copies the page shows the original; the save must not fail
        logging.getLogger(__name__).warning("Could not make smaller copies of %s", name, exc_info=True)
    instance._wijk_stored_photo = name


def photo_variants_connect(label: str, field: str) -> None:
    """Make the smaller copies of every new photo stored on ``field`` of the model ``label`` ("app.Model");
    ``manage.py photo_variants`` also makes them for the photos stored there before."""
    from django.db.models.signals import post_init, post_save

    VARIANT_FIELDS[label] = field
    post_init.connect(_remember_name, sender=label, dispatch_uid=f"wijk-photo-name-{label}")
    post_save.connect(_variants_for_new_photo, sender=label, dispatch_uid=f"wijk-photo-variants-{label}")


# --- A chosen photo kept after a form error -----------------------------------------------------------------
#
# A browser never fills in a file field again. So when a form with a photo comes back with an error, the photo
# (already cleaned: no EXIF) is stored for a while under ``kept-photos/`` through Django's storage, and the form
# carries a signed token in a hidden field. The resident sees "Uw foto is bewaard" with a small copy and does not
# choose it again. The token expires after ``PHOTO_KEPT_HOURS``; ``retention_run`` removes older files.

KEPT_DIR = "kept-photos"
# The salt keeps its first name, so tokens signed before the move still open their photo.
_KEPT_SALT = "wijk.photos.kept"
_KEPT_NAME = re.compile(r"^[0-9a-f]{32}$")


def kept_hours() -> int:
    return int(getattr(settings, "PHOTO_KEPT_HOURS", 24))


def _kept_names(key: str) -> tuple[str, str]:
    return f"{KEPT_DIR}/{key}.jpg", f"{KEPT_DIR}/{key}.thumb.jpg"


def photo_keep(processed: ProcessedPhoto) -> tuple[str, bytes]:
    """Store a cleaned photo for a while; return the signed token for the form and the thumbnail's bytes."""
    key = uuid.uuid4().hex
    storage = default_storage
    contents = []
    for name, part in zip(_kept_names(key), (processed.photo, processed.thumbnail), strict=True):
        part.seek(0)
        data = part.read()
        part.seek(0)
        storage.save(name, ContentFile(data))
        contents.append(data)
    return signing.TimestampSigner(salt=_KEPT_SALT).sign(key), contents[1]


def _kept_key(token: str) -> str | None:
    try:
        key = signing.TimestampSigner(salt=_KEPT_SALT).unsign(token or "", max_age=kept_hours() * 3600)
    except signing.BadSignature:
        return None
    return key if _KEPT_NAME.match(key) else None


def photo_kept(token: str) -> tuple[bytes, bytes] | None:
    """The kept photo and its thumbnail (JPEG bytes) for a valid, unexpired token; else None."""
    key = _kept_key(token)
    if key is None:
        return None
    try:
        parts = []
        for name in _kept_names(key):
            with default_storage.open(name, "rb") as stored:
                parts.append(stored.read())
    except (OSError, FileNotFoundError):
        return None
    return parts[0], parts[1]


def photos_kept_remove_old(*, now, dry_run: bool = False) -> int:
    """Remove kept photos older than ``PHOTO_KEPT_HOURS`` (their tokens no longer work). Returns how many."""
    storage = default_storage
    try:
        _dirs, files = storage.listdir(KEPT_DIR)
    except (OSError, FileNotFoundError):
        return 0
    before = now - timedelta(hours=kept_hours())
    removed = 0
    for name in files:
        path = f"{KEPT_DIR}/{name}"
        try:
            old = storage.get_modified_time(path) < before
        except (OSError, FileNotFoundError, NotImplementedError):
            old = True
        if old:
            if not dry_run:
                storage.delete(path)
            removed += name.endswith(".thumb.jpg") is False
    return removed


class KeptPhotoMixin:
    """For a form with a photo field (``kept_photo_field``, default ``photo``): a photo chosen on a try that ends in
    an error is kept, so the resident need not choose it again; or, when that fails, the form says "Kies uw foto
    opnieuw". On the next try the kept photo goes through the form's own photo cleaning as if chosen again,
    unless a new photo is chosen or "Deze foto niet gebruiken" is ticked.

    The template shows ``wijk/_kept_photo.html`` (with the hidden token) just before the photo field."""

    kept_photo_field = "photo"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kept_photo"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.fields["kept_photo_drop"] = forms.BooleanField(
            label=gettext_lazy("Deze foto niet gebruiken"), required=False
        )
        self._kept_uri = ""
        self._kept_done = False
        self._kept_token = ""  # nosec B105  # the signed name of a kept photo, not a password
        if not self.is_bound:
            return
        token = self.data.get(self.add_prefix("kept_photo"), "")
        drop = self.data.get(self.add_prefix("kept_photo_drop")) in ("on", "true", "1", "True")
        name = self.add_prefix(self.kept_photo_field)
        if drop or self.files.get(name) or not token:
            return
        kept = photo_kept(token)
        if kept is None:
            return
        self._kept_token = token
        self._kept_thumbnail = kept[1]
        self.files = self.files.copy()
        self.files[name] = SimpleUploadedFile(f"{uuid.uuid4().hex}.jpg", kept[0], content_type="image/jpeg")

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.errors:
            self._photo_keep(report=True)

    @property
    def kept_photo_thumbnail(self) -> str:
        """The kept photo's small copy as a ``data:`` address ('' when none). Read by the template before the hidden
        field: an error added after cleaning (by the view, from a service) keeps the photo as well."""
        if not self._kept_done and self.is_bound and self.errors:
            self._photo_keep(report=False)
        return self._kept_uri

    def _photo_keep(self, *, report: bool) -> None:
        self._kept_done = True
        name = self.kept_photo_field
        token, thumbnail = self._kept_token, getattr(self, "_kept_thumbnail", b"")
        if not token and self.files.get(self.add_prefix(name)) and name not in self.errors:
            try:
                upload = self.files[self.add_prefix(name)]
                upload.seek(0)
                processed = getattr(self, "processed_photo", None) or photo_process(upload)
                token, thumbnail = photo_keep(processed)
            except Exception:  # noqa: BLE001 - storage trouble: the resident is asked to choose the photo again
                logging.getLogger(__name__).warning("Could not keep a photo after a form error", exc_info=True)
                if report:
                    self.add_error(
                        name,
                        ValidationError(
                            _("Wij konden uw foto niet bewaren. Kies uw foto opnieuw."), code="photo_again"
                        ),
                    )
                return
        # The hidden field carries the token for the next try, or nothing (a photo left out is not kept).
        self.data = self.data.copy()
        self.data[self.add_prefix("kept_photo")] = token
        self.data.pop(self.add_prefix("kept_photo_drop"), None)
        if token:
            self._kept_uri = "data:image/jpeg;base64," + base64.b64encode(thumbnail).decode()
