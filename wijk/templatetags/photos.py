"""``{% photo_srcset url photo %}``: the ``srcset`` text for a photo served by ``url`` (see ``lib.photos``)."""

from django import template

from lib.photos import THUMB_SIDE, photo_dimensions
from lib.photos import photo_srcset as _photo_srcset

register = template.Library()


@register.simple_tag
def photo_srcset(url, field_file, small_url=None) -> str:
    """The smaller copies that exist, then the original; ``small_url`` adds the thumbnail as the smallest.

    Empty when there is nothing to choose from, so the template can leave ``srcset`` out.
    """
    text = _photo_srcset(url, field_file)
    if small_url:
        return f"{small_url} {THUMB_SIDE}w, {text}" if text else ""
    return text


@register.simple_tag
def photo_size(field_file):
    """``(width, height)`` of a stored photo, or None: ``{% photo_size pearl.photo as size %}``."""
    return photo_dimensions(field_file)
