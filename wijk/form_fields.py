"""Form fields every app shares."""

from django import forms


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
