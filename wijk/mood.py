"""Mood images (*sfeerbeelden*): one image with its alt text and credit on a neighbourhood, a route, an activity,
an atelier experiment or an atelier story.

The workshop asked for "passende woorden, sfeerbeelden en setting": the image is content, chosen and cropped by
staff in the admin, and stored like every photo (``lib.photos``: EXIF dropped, re-encoded, smaller copies for
``srcset``). On the front door the neighbourhood's image is the face of its experiment; the atelier's experiment
page shows the experiment's own image when staff chose one, else the neighbourhood's (``Experiment.face``).

- ``MoodImage``: the abstract fields; a model adds ``mood_image_constraints()`` to its ``Meta.constraints``
  and says where its image is served (``mood_image_url``).
- ``mood_image_store``: the one way to put an image on a model (admin and demo).
- ``MoodImageAdminForm`` / ``MoodImageAdminMixin``: the admin's crop choice, checks and the cleanup of the
  image it replaces.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lib.photos import CROP_CHOICES, photo_delete_name, photo_process


def mood_image_path(instance, filename):
    return f"sfeerbeelden/{filename}"


def mood_image_constraints() -> list:
    """An image always has an alt text. For the model's ``Meta.constraints`` (names follow the model)."""
    return [
        models.CheckConstraint(
            name="%(app_label)s_%(class)s_mood_image_has_alt",
            condition=Q(mood_image="") | ~Q(mood_image_alt=""),
        )
    ]


class MoodImage(models.Model):
    mood_image = models.ImageField(_("sfeerbeeld"), upload_to=mood_image_path, blank=True)
    mood_image_alt = models.CharField(
        _("wat staat op het sfeerbeeld"),
        max_length=200,
        blank=True,
        help_text=_("Voor wie het beeld niet ziet. Bijvoorbeeld: Tekening van een rij huizen met een ketting."),
    )
    mood_image_credit = models.CharField(
        _("maker van het sfeerbeeld"),
        max_length=150,
        blank=True,
        help_text=_("Dit staat onder het beeld. Bijvoorbeeld: Foto: Ans de Vries."),
    )
    mood_image_width = models.PositiveIntegerField(_("breedte in beeldpunten"), null=True, blank=True, editable=False)
    mood_image_height = models.PositiveIntegerField(_("hoogte in beeldpunten"), null=True, blank=True, editable=False)

    # The fields a list needs to show the image (for ``.only()``).
    MOOD_FIELDS = ("mood_image", "mood_image_alt", "mood_image_credit", "mood_image_width", "mood_image_height")

    class Meta:
        abstract = True


def mood_image_store(instance, upload, *, crop: str = "wide", alt: str | None = None, credit: str | None = None):
    """Clean ``upload`` through ``photo_process`` (cropped as chosen) and put it on ``instance`` (not saved).

    The smaller copies for ``srcset`` are made when the instance is saved (``lib.photos``).
    """
    processed = photo_process(upload, crop=crop)
    instance.mood_image = processed.photo
    instance.mood_image_width = processed.width
    instance.mood_image_height = processed.height
    if alt is not None:
        instance.mood_image_alt = alt
    if credit is not None:
        instance.mood_image_credit = credit
    return instance


DEMO_CREDIT = "Tekening: Wijkportaal"


def mood_image_demo(instance, draw, *, alt: str) -> bool:
    """For ``loaddemo``: give ``instance`` the drawing ``draw()`` (``wijk.illustrations``) unless it has an image."""
    if instance.mood_image:
        return False
    mood_image_store(instance, draw(), alt=alt, credit=DEMO_CREDIT)
    instance.save(update_fields=[*MoodImage.MOOD_FIELDS])
    return True


def mood_image_crop_field(label=None) -> forms.ChoiceField:
    """The crop staff choose for a new image (``lib.photos.CROPS``); for the admin and the atelier's story form."""
    return forms.ChoiceField(
        label=label or _("uitsnede van het sfeerbeeld"),
        choices=CROP_CHOICES,
        initial="wide",
        required=False,
        help_text=_("Geldt als u een nieuw beeld kiest. Breed past het best boven aan de pagina."),
    )


class MoodImageAdminForm(forms.ModelForm):
    """The admin's part: the crop, a clean image, and an alt text whenever there is an image."""

    mood_image_crop = mood_image_crop_field()

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("mood_image")
        if upload and hasattr(upload, "content_type"):
            try:
                mood_image_store(self.instance, upload, crop=cleaned.get("mood_image_crop") or "wide")
            except ValidationError as error:
                self.add_error("mood_image", error)
                return cleaned
            cleaned["mood_image"] = self.instance.mood_image
        elif upload is False:  # "wissen" ticked
            self.instance.mood_image_width = self.instance.mood_image_height = None
        if cleaned.get("mood_image") and not (cleaned.get("mood_image_alt") or "").strip():
            self.add_error(
                "mood_image_alt",
                ValidationError(_("Schrijf op wat er op het sfeerbeeld staat."), code="alt_required"),
            )
        return cleaned


# The admin's fields for a mood image, after the model's own ``fields``.
MOOD_ADMIN_FIELDS = ["mood_image_preview", "mood_image", "mood_image_crop", "mood_image_alt", "mood_image_credit"]


class MoodImageAdminMixin:
    """The crop choice and a preview in the admin; removes the image (and its copies) that a new image or
    "wissen" replaced, once the change is saved. Use with ``form = MoodImageAdminForm`` (or a subclass)."""

    form = MoodImageAdminForm

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "mood_image_preview"]

    @admin.display(description=_("sfeerbeeld nu"))
    def mood_image_preview(self, obj):
        if obj is None or not obj.mood_image:
            return _("Nog geen sfeerbeeld.")
        return format_html(
            '<img src="{}?w=480" alt="{}" width="240" style="height:auto">',
            obj.mood_image_url(),
            obj.mood_image_alt,
        )

    def save_model(self, request, obj, form, change):
        old_name = form.initial.get("mood_image")
        old_name = getattr(old_name, "name", old_name) or ""
        super().save_model(request, obj, form, change)
        if change and old_name and old_name != (obj.mood_image.name if obj.mood_image else ""):
            photo_delete_name(obj.mood_image.storage, old_name)
