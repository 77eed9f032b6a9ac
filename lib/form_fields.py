"""Form fields every app shares."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PhoneInput(forms.TextInput):
    """``<input type="tel" autocomplete="tel">``: phones show the number keyboard and can offer the own number."""

    input_type = "tel"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "tel", **(attrs or {})})


class PhoneField(forms.CharField):
    """A phone number as people write it (``0186 123 456``, ``+31 6 ...``); kept as typed, trimmed."""

    widget = PhoneInput

    def __init__(self, *, max_length=30, **kwargs):
        super().__init__(max_length=max_length, **kwargs)


class EmailAddressField(forms.EmailField):
    """An e-mail address with a plain error message; browsers may offer the own address."""

    widget = forms.EmailInput(attrs={"autocomplete": "email"})
    default_error_messages = {"invalid": _("Dit e-mailadres klopt niet. Kijk het nog eens na.")}


class PostalAddressField(forms.CharField):
    """A postal address on a few lines, as people write it on an envelope."""

    def __init__(self, *, max_length=300, rows=3, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows, "autocomplete": "street-address"}))
        super().__init__(max_length=max_length, **kwargs)


class PhotoUploadField(forms.FileField):
    """A photo from the phone or computer: JPG, PNG or WebP, up to the portal's limit. The form cleans it with
    ``lib.photos.photo_process`` (the hidden data taken out); the label and help may be given per form."""

    def __init__(self, **kwargs):
        from lib.photos import MAX_UPLOAD_BYTES

        kwargs.setdefault("label", _("Een foto erbij"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("Een JPG-, PNG- of WebP-foto tot %(mb)s MB. Wij halen de verborgen gegevens eruit.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(**kwargs)


class PhotoDescriptionField(forms.CharField):
    """What is on the photo, in words, for people who cannot see it (the image's alt text)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Wat staat er op de foto?"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Voor mensen die de foto niet kunnen zien."))
        super().__init__(max_length=200, **kwargs)
