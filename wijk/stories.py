"""A story's own page, the same for every kind: a realised dream, a pearl, an atelier story.

Each app finds its story (with its own rules: a dream only while the resident consents to the dream wall, a
pearl only when published, an atelier story only when public) and hands a ``StoryPage`` to ``story_render``.
The page is made to be shared, printed and read aloud: a clean address, Open Graph title and description, one
``h1``, short paragraphs, a print stylesheet, and no text in images.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import import_module

from django.apps import apps
from django.shortcuts import render
from django.utils.module_loading import module_has_submodule
from django.utils.text import Truncator

from lib.links import absolute_url

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")


@dataclass
class StoryPage:
    kind: str  # "Een droom die uitkwam", "Een parel", "Uit het atelier"
    title: str
    text: str
    url: str  # the page's own path
    neighbourhood: object = None
    day: date | None = None
    image_url: str = ""
    image_alt: str = ""
    image_width: int | None = None
    image_height: int | None = None
    image_srcset: str = ""  # smaller copies (``lib.photos.photo_srcset``), when the image has them
    credit: str = ""
    more_url: str = ""
    more_label: str = ""
    extra: list = field(default_factory=list)  # (label, value) facts shown under the heading

    @property
    def paragraphs(self) -> list[str]:
        """Short paragraphs: a blank line starts a new one, and so does a single line break."""
        parts = [line.strip() for block in _PARAGRAPH_BREAK.split(self.text or "") for line in block.splitlines()]
        return [part for part in parts if part]

    @property
    def description(self) -> str:
        first = self.paragraphs[0] if self.paragraphs else self.title
        return Truncator(first).chars(200)


def story_render(request, page: StoryPage):
    context = {"story": page, "share_url": absolute_url(page.url)}
    if page.image_url:
        context["share_image"] = absolute_url(page.image_url)
    return render(request, "wijk/story.html", context)


# --- Featured stories travel: the poster asks every app for the story staff featured -----------------------
#
# ``wijk`` knows no app, so each app's ``frontdoor`` module may offer ``featured_story(neighbourhood)``, which
# returns a ``StoryCard`` or None (one query), with that app's own rules (consent, published, public).


@dataclass(frozen=True)
class StoryCard:
    kind: str
    title: str
    text: str
    url: str

    @property
    def excerpt(self) -> str:
        return Truncator(" ".join(self.text.split())).words(30)


@lru_cache(maxsize=1)
def _providers():
    found = []
    for config in apps.get_app_configs():
        if config.name != "wijk" and module_has_submodule(config.module, "frontdoor"):
            module = import_module(f"{config.name}.frontdoor")
            if hasattr(module, "featured_story"):
                found.append((getattr(module, "FEATURED_STORY_ORDER", 50), config.name, module.featured_story))
    return [provider for _order, _name, provider in sorted(found, key=lambda item: item[:2])]


def featured_story(neighbourhood) -> StoryCard | None:
    """The first featured story of the neighbourhood, asking the apps in order (one query each, until found)."""
    for provider in _providers():
        card = provider(neighbourhood)
        if card is not None:
            return card
    return None
