"""Text size and contrast, chosen by the visitor and kept in cookies across pages (no account needed)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TEXT_CHOICES = [("normaal", _("Gewoon")), ("groot", _("Groot")), ("groter", _("Heel groot"))]
CONTRAST_CHOICES = [("normaal", _("Gewoon")), ("hoog", _("Hoog contrast"))]
TEXT_COOKIE = "wijk_tekst"
CONTRAST_COOKIE = "wijk_contrast"
ONE_YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Display:
    text: str = "normaal"
    contrast: str = "normaal"
    text_choices: tuple = tuple(TEXT_CHOICES)
    contrast_choices: tuple = tuple(CONTRAST_CHOICES)

    @property
    def css_classes(self) -> str:
        return f"text-{self.text} contrast-{self.contrast}"


def _valid(value, choices, default="normaal"):
    return value if value in {code for code, _label in choices} else default


def read(request) -> Display:
    return Display(
        text=_valid(request.COOKIES.get(TEXT_COOKIE), TEXT_CHOICES),
        contrast=_valid(request.COOKIES.get(CONTRAST_COOKIE), CONTRAST_CHOICES),
    )


def store(response, *, text, contrast) -> None:
    for name, value, choices in ((TEXT_COOKIE, text, TEXT_CHOICES), (CONTRAST_COOKIE, contrast, CONTRAST_CHOICES)):
        response.set_cookie(name, _valid(value, choices), max_age=ONE_YEAR, samesite="Lax", httponly=True)
